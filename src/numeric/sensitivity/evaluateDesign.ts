/**
 * Evaluation of a model over the rows of a sampling design, one point at a
 * time or in batches, with checks on the returned outputs.
 */

/**
 * A scalar model evaluated at one point. `x` holds one value per input in
 * declaration order; the array is reused between calls, so copy it if it must
 * outlive the call.
 */
export type ModelFunction = (x: Float64Array) => number;

/**
 * A scalar model evaluated on a batch of points, returning one output per point
 * in order. Each `X[i]` holds one value per input in declaration order; the
 * arrays are freshly allocated for every batch and may be kept.
 */
export type BatchModelFunction = (
  X: Float64Array[],
) => Promise<ArrayLike<number>> | ArrayLike<number>;

/** A design the evaluators can walk: `rows` points of `width` values each. */
export interface EvaluableDesign {
  /** Number of points. */
  readonly rows: number;
  /** Values per point (the number of inputs, fixed ones included). */
  readonly width: number;
  /** Writes point `row` into `out` (length ≥ `width`). */
  fillRow(row: number, out: Float64Array): void;
}

/** Error for a non-finite model output, naming the row and its inputs. */
function badOutput(
  value: unknown,
  row: number,
  x: Float64Array,
  names: readonly string[] | undefined,
): Error {
  const shown = Array.from(x, (v, i) => `${names?.[i] ?? `x${i}`}=${v}`).join(", ");
  return new Error(
    `model output for design row ${row} is ${String(value)}, expected a finite number (inputs: ${shown})`,
  );
}

/**
 * Evaluates `f` at every row of `design`, reusing one input buffer.
 * @throws Error when `f` returns a non-finite value.
 */
export function evaluateDesign(
  design: EvaluableDesign,
  f: ModelFunction,
  names?: readonly string[],
): Float64Array {
  const y = new Float64Array(design.rows);
  const x = new Float64Array(design.width);
  for (let row = 0; row < design.rows; row++) {
    design.fillRow(row, x);
    const v = f(x);
    if (typeof v !== "number" || !Number.isFinite(v)) throw badOutput(v, row, x, names);
    y[row] = v;
  }
  return y;
}

/**
 * Evaluates `fBatch` over `design` in consecutive batches of at most
 * `batchSize` rows, awaiting each batch before building the next.
 * @throws Error when a batch returns the wrong number of outputs or a
 * non-finite value.
 */
export async function evaluateDesignBatched(
  design: EvaluableDesign,
  fBatch: BatchModelFunction,
  batchSize: number,
  names?: readonly string[],
): Promise<Float64Array> {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize: expected a positive integer, got ${batchSize}`);
  }
  const y = new Float64Array(design.rows);
  const width = design.width;
  for (let start = 0; start < design.rows; start += batchSize) {
    const m = Math.min(batchSize, design.rows - start);
    const buffer = new Float64Array(m * width);
    const X: Float64Array[] = new Array<Float64Array>(m);
    for (let i = 0; i < m; i++) {
      X[i] = buffer.subarray(i * width, (i + 1) * width);
      design.fillRow(start + i, X[i]);
    }
    const out = await fBatch(X);
    if (out === null || typeof out !== "object" || out.length !== m) {
      const got = out !== null && typeof out === "object" ? `${out.length} outputs` : String(out);
      throw new Error(
        `batched model returned ${got} for a batch of ${m} rows (design rows ${start}..${start + m - 1})`,
      );
    }
    for (let i = 0; i < m; i++) {
      const v = out[i];
      if (typeof v !== "number" || !Number.isFinite(v)) throw badOutput(v, start + i, X[i], names);
      y[start + i] = v;
    }
  }
  return y;
}

/** Copies externally computed outputs into a Float64Array after checking length and finiteness. */
export function checkOutputs(outputs: ArrayLike<number>, rows: number): Float64Array {
  if (outputs.length !== rows)
    throw new Error(`expected ${rows} model outputs (one per design row), got ${outputs.length}`);
  const y = Float64Array.from(outputs);
  for (let i = 0; i < rows; i++) {
    if (!Number.isFinite(y[i]))
      throw new Error(`model output for design row ${i} is ${y[i]}, expected a finite number`);
  }
  return y;
}
