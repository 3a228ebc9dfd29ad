/**
 * Variance-based (Sobol') sensitivity indices by Saltelli sampling.
 *
 * Design. Two independent N×k′ sample matrices A and B are drawn in the unit
 * hypercube (k′ = number of non-fixed inputs), from the Sobol' low-discrepancy
 * sequence (default: a 2k′-dimensional sequence whose first k′ coordinates form
 * A and last k′ form B) or from the injected pseudo-random source, and mapped
 * to parameters with `priorQuantile`. For each varied input i, A_B^(i) is A
 * with column i taken from B. The model is evaluated on A, B and the k′
 * matrices A_B^(i): N(k′+2) runs. Row layout of the design: rows [0, N) are A,
 * [N, 2N) are B, and [(2+i)N, (3+i)N) are A_B^(i) for the i-th varied input.
 *
 * Estimators (Saltelli et al. 2010, Comput. Phys. Commun. 181:259–270, table 2):
 *   V   = variance of the 2N outputs f(A), f(B)  (denominator 2N)
 *   S1ᵢ = (1/N) Σⱼ f(B)ⱼ (f(A_B^(i))ⱼ − f(A)ⱼ) / V          (Saltelli 2010)
 *   STᵢ = (1/(2N)) Σⱼ (f(A)ⱼ − f(A_B^(i))ⱼ)² / V            (Jansen 1999)
 * Outputs are centred by their sample mean first, which leaves the estimators'
 * expectations unchanged and lowers the variance of S1 when the mean is large.
 * Confidence intervals are percentile bootstrap intervals from resampling the N
 * rows (the same row draw for A, B and every A_B^(i)).
 *
 * Independence. Classical Sobol' indices (this estimator included) assume
 * mutually independent inputs: the variance decomposition is only unique, and
 * A_B^(i) only has the joint input distribution, when inputs are independent.
 * Correlated priors are therefore NOT supported here; passing a `correlation`
 * matrix throws. Use Morris screening with a Gaussian copula (`morris`) for
 * correlated inputs, or dedicated dependent-input methods (e.g. Shapley
 * effects), which are not implemented.
 */
import { percentileInterval, resampleIndices } from "./bootstrap.js";
import {
  type BatchModelFunction,
  type EvaluableDesign,
  type ModelFunction,
  checkOutputs,
  evaluateDesign,
  evaluateDesignBatched,
} from "./evaluateDesign.js";
import type { CorrelationMatrix } from "./gaussianCopula.js";
import { priorQuantile } from "../priors.js";
import {
  type SensitivityInput,
  assertValidInputs,
  variedInputIndices,
} from "./sensitivityInput.js";
import { SOBOL_MAX_DIMENSION, SobolSequence } from "./sobolSequence.js";

/** How the base matrices A and B are sampled. */
export type SobolSampling = "sobol" | "random";

/** Options describing a Saltelli design. */
export interface SaltelliDesignOptions {
  /** Model inputs in the order the model expects them. */
  readonly inputs: readonly SensitivityInput[];
  /** Base sample size N (rows of A and of B); a power of two suits the Sobol' sequence best. */
  readonly samples: number;
  /** Uniform random source on (0, 1); used for A and B when `sampling` is "random". */
  readonly random: () => number;
  /** "sobol" (default): Sobol' low-discrepancy points; "random": draws from `random`. */
  readonly sampling?: SobolSampling;
  /**
   * Index of the first Sobol' point used (default: the smallest power of two
   * ≥ N, so that for N = 2^m the points form a balanced block and the origin,
   * point 0, is never used). Ignored for "random" sampling.
   */
  readonly skip?: number;
  /**
   * Not supported: Sobol' indices assume independent inputs. Present only so
   * that passing a correlation matrix fails loudly instead of being ignored.
   */
  readonly correlation?: CorrelationMatrix;
}

/** Options for turning Saltelli outputs into indices. */
export interface SobolAnalysisOptions {
  /** Uniform random source on (0, 1) for the bootstrap. */
  readonly random: () => number;
  /** Bootstrap replicates (default 1000; 0 gives [NaN, NaN] intervals). */
  readonly bootstrap?: number;
  /** Confidence level of the percentile intervals (default 0.95). */
  readonly confidence?: number;
  /**
   * Warn when an index's bootstrap interval is wider than this (default
   * {@link SOBOL_MAX_INTERVAL_WIDTH}); see {@link sobolWarnings}.
   */
  readonly maxIntervalWidth?: number;
}

/** Default widest bootstrap interval of an index before {@link sobolWarnings} warns (0.4). */
export const SOBOL_MAX_INTERVAL_WIDTH = 0.4;
/** How far outside [0, 1] an estimate may fall before {@link sobolWarnings} warns (0.05). */
export const SOBOL_RANGE_TOLERANCE = 0.05;

/** Options for a full Sobol' analysis (design, evaluation and indices). */
export interface SobolOptions extends SaltelliDesignOptions, Omit<SobolAnalysisOptions, "random"> {
  /** Rows per call of a batched model (default N: one call per matrix). */
  readonly batchSize?: number;
}

/** A generated Saltelli design (see the module documentation for the row layout). */
export interface SaltelliDesign extends EvaluableDesign {
  /** The inputs, as given. */
  readonly inputs: readonly SensitivityInput[];
  /** Base sample size N. */
  readonly samples: number;
  /** Indices of the varied (non-fixed) inputs; k′ = `varied.length`. */
  readonly varied: Int32Array;
  /** Matrix A in parameter space, row-major N×`width` (fixed inputs at their value). */
  readonly A: Float64Array;
  /** Matrix B in parameter space, row-major N×`width`. */
  readonly B: Float64Array;
}

/** Sobol' indices for one input. */
export interface SobolInputResult {
  /** Input name. */
  readonly name: string;
  /** True when the prior is `fixed` (indices are then 0). */
  readonly fixed: boolean;
  /** First-order index S1 (Saltelli 2010 estimator). */
  readonly S1: number;
  /** Percentile bootstrap interval for S1. */
  readonly S1CI: readonly [number, number];
  /** Total-order index ST (Jansen estimator). */
  readonly ST: number;
  /** Percentile bootstrap interval for ST. */
  readonly STCI: readonly [number, number];
}

/** Indices plus the output moments they were normalised with. */
export interface SobolAnalysis {
  /** Indices per input, in input order. */
  readonly inputs: SobolInputResult[];
  /** Mean of the 2N outputs f(A), f(B). */
  readonly mean: number;
  /** Variance of the 2N outputs f(A), f(B) (denominator 2N). */
  readonly variance: number;
  /**
   * Signs that the sample is too small for the indices (empty when none), each naming the
   * inputs and the base sample size; see {@link sobolWarnings}.
   */
  readonly warnings: string[];
}

/** Result of a full Sobol' analysis. */
export interface SobolResult extends SobolAnalysis {
  /** The design that was evaluated. */
  readonly design: SaltelliDesign;
  /** Model outputs, one per design row (N(k′+2)). */
  readonly outputs: Float64Array;
}

/**
 * Builds a Saltelli design of N(k′+2) rows. A and B are materialised
 * (2·N·width values); rows of A_B^(i) are assembled on demand by `fillRow`.
 *
 * @throws Error on invalid inputs or options, or when `correlation` is given.
 */
export function saltelliDesign(options: SaltelliDesignOptions): SaltelliDesign {
  const { inputs, samples: n, random } = options;
  if (options.correlation !== undefined) {
    throw new Error(
      "sobol: correlated inputs are not supported: Sobol' indices assume independent inputs. " +
        "Remove `correlation`, or screen correlated inputs with morris(..., { correlation }).",
    );
  }
  assertValidInputs(inputs, "sobol");
  if (!Number.isInteger(n) || n < 2)
    throw new RangeError(`sobol: samples: expected an integer ≥ 2, got ${n}`);
  const sampling = options.sampling ?? "sobol";
  if (sampling !== "sobol" && sampling !== "random") {
    throw new RangeError(
      `sobol: sampling: expected "sobol" or "random", got ${JSON.stringify(sampling)}`,
    );
  }
  const width = inputs.length;
  const varied = variedInputIndices(inputs);
  const k = varied.length;
  if (k === 0)
    throw new Error("sobol: every input has a fixed prior; there is no variance to decompose");

  const A = new Float64Array(n * width);
  const B = new Float64Array(n * width);
  for (let i = 0; i < width; i++) {
    if (inputs[i].prior.dist !== "fixed") continue;
    const v = priorQuantile(inputs[i].prior, 0.5);
    for (let j = 0; j < n; j++) {
      A[j * width + i] = v;
      B[j * width + i] = v;
    }
  }

  const point = new Float64Array(2 * k);
  const store = (j: number): void => {
    for (let c = 0; c < k; c++) {
      const i = varied[c];
      A[j * width + i] = priorQuantile(inputs[i].prior, point[c]);
      B[j * width + i] = priorQuantile(inputs[i].prior, point[k + c]);
    }
  };
  if (sampling === "sobol") {
    if (2 * k > SOBOL_MAX_DIMENSION) {
      throw new RangeError(
        `sobol: the Sobol' sequence supports up to ${Math.floor(SOBOL_MAX_DIMENSION / 2)} varied inputs (2k′ dimensions), got ${k}; use sampling: "random"`,
      );
    }
    const skip = options.skip ?? 2 ** Math.ceil(Math.log2(n));
    if (!Number.isInteger(skip) || skip < 0)
      throw new RangeError(`sobol: skip: expected an integer ≥ 0, got ${skip}`);
    const seq = new SobolSequence(2 * k, skip);
    for (let j = 0; j < n; j++) {
      seq.next(point);
      store(j);
    }
  } else {
    // Fill all of A, then all of B, so the stream order does not depend on k′ interleaving.
    const uA = new Float64Array(n * k);
    for (let t = 0; t < uA.length; t++) uA[t] = random();
    for (let j = 0; j < n; j++) {
      for (let c = 0; c < k; c++) point[c] = uA[j * k + c];
      for (let c = 0; c < k; c++) point[k + c] = random();
      store(j);
    }
  }

  return {
    inputs,
    samples: n,
    varied,
    A,
    B,
    rows: n * (k + 2),
    width,
    fillRow(row: number, out: Float64Array): void {
      const block = Math.floor(row / n);
      const j = row - block * n;
      const src = block === 1 ? B : A;
      out.set(src.subarray(j * width, (j + 1) * width));
      if (block >= 2) {
        const i = varied[block - 2];
        out[i] = B[j * width + i];
      }
    },
  };
}

/**
 * First-order (Saltelli 2010) and total (Jansen) indices with percentile
 * bootstrap intervals, from the outputs of a Saltelli design in row order.
 *
 * @throws Error when the outputs do not match the design, are not finite, or
 * have zero variance.
 */
export function sobolAnalyze(
  design: SaltelliDesign,
  outputs: ArrayLike<number>,
  options: SobolAnalysisOptions,
): SobolAnalysis {
  const y = checkOutputs(outputs, design.rows);
  const { samples: n, varied, inputs } = design;
  const k = varied.length;
  const reps = options.bootstrap ?? 1000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(reps) || reps < 0)
    throw new RangeError(`sobol: bootstrap: expected an integer ≥ 0, got ${reps}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`sobol: confidence: expected a number in (0, 1), got ${confidence}`);

  let mean = 0;
  for (let j = 0; j < 2 * n; j++) mean += y[j];
  mean /= 2 * n;

  // Per-row terms of every estimator, with outputs centred by `mean`:
  // [a + b, a² + b², b·d₁, d₁², …, b·d_k′, d_k′²] with a = f(A)ⱼ, b = f(B)ⱼ, dᵢ = f(A_B^(i))ⱼ − f(A)ⱼ.
  // Full-sample and bootstrap estimates are then plain (resampled) column sums.
  const stride = 2 + 2 * k;
  const terms = new Float64Array(n * stride);
  for (let j = 0; j < n; j++) {
    const a = y[j] - mean;
    const b = y[n + j] - mean;
    const row = j * stride;
    terms[row] = a + b;
    terms[row + 1] = a * a + b * b;
    for (let c = 0; c < k; c++) {
      const d = y[(2 + c) * n + j] - y[j];
      terms[row + 2 + 2 * c] = b * d;
      terms[row + 3 + 2 * c] = d * d;
    }
  }
  const sums = new Float64Array(stride);
  /** Variance from `sums`; writes S1 and ST of varied input c to s1[c·step], st[c·step]. */
  const indices = (s1: Float64Array, st: Float64Array, step: number): number => {
    const m = sums[0] / (2 * n);
    const v = sums[1] / (2 * n) - m * m;
    for (let c = 0; c < k; c++) {
      s1[c * step] = sums[2 + 2 * c] / n / v;
      st[c * step] = sums[3 + 2 * c] / (2 * n) / v;
    }
    return v;
  };

  for (let t = 0; t < n * stride; t += stride) {
    for (let q = 0; q < stride; q++) sums[q] += terms[t + q];
  }
  const S1 = new Float64Array(k);
  const ST = new Float64Array(k);
  const variance = indices(S1, ST, 1);
  if (!(variance > 0))
    throw new Error("sobol: the model outputs have zero variance; indices are undefined");

  // Replicates stored input-major: value for input c, replicate b at c·reps + b.
  const bootS1 = new Float64Array(k * reps);
  const bootST = new Float64Array(k * reps);
  if (reps > 0) {
    const idx = new Uint32Array(n);
    for (let b = 0; b < reps; b++) {
      resampleIndices(options.random, n, idx);
      sums.fill(0);
      for (let t = 0; t < n; t++) {
        const row = idx[t] * stride;
        for (let q = 0; q < stride; q++) sums[q] += terms[row + q];
      }
      indices(bootS1.subarray(b), bootST.subarray(b), reps);
    }
  }

  const position = new Int32Array(inputs.length).fill(-1);
  varied.forEach((i, c) => (position[i] = c));
  const results = inputs.map((input, i): SobolInputResult => {
    const c = position[i];
    if (c < 0) return { name: input.name, fixed: true, S1: 0, S1CI: [0, 0], ST: 0, STCI: [0, 0] };
    const none: [number, number] = [NaN, NaN];
    return {
      name: input.name,
      fixed: false,
      S1: S1[c],
      S1CI:
        reps > 0 ? percentileInterval(bootS1.subarray(c * reps, (c + 1) * reps), confidence) : none,
      ST: ST[c],
      STCI:
        reps > 0 ? percentileInterval(bootST.subarray(c * reps, (c + 1) * reps), confidence) : none,
    };
  });
  const warnings = sobolWarnings(results, n, {
    maxIntervalWidth: options.maxIntervalWidth,
    bootstrap: reps,
    confidence,
  });
  return { inputs: results, mean, variance, warnings };
}

/** Names for a message: the first five, then a count. */
function nameList(names: string[]): string {
  return names.length <= 5
    ? names.join(", ")
    : `${names.slice(0, 5).join(", ")} and ${names.length - 5} more`;
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : String(x));

/**
 * Warnings that the base sample (N rows of A and of B) is too small for the indices:
 * - an S1 or ST estimate outside [0, 1] by more than {@link SOBOL_RANGE_TOLERANCE} (true
 *   indices lie in [0, 1]; estimates outside it are sampling error, e.g. S1 = 1.34 at N = 16);
 * - first-order indices summing to more than 1 + the tolerance;
 * - bootstrap intervals wider than `maxIntervalWidth` (default {@link SOBOL_MAX_INTERVAL_WIDTH});
 * - no bootstrap (`bootstrap: 0`), so the estimates come without intervals.
 * Each message names the inputs and N and suggests a larger sample.
 */
export function sobolWarnings(
  results: readonly SobolInputResult[],
  samples: number,
  options: { maxIntervalWidth?: number; bootstrap?: number; confidence?: number } = {},
): string[] {
  const level = `${Math.round((options.confidence ?? 0.95) * 100)}%`;
  const maxWidth = options.maxIntervalWidth ?? SOBOL_MAX_INTERVAL_WIDTH;
  const tol = SOBOL_RANGE_TOLERANCE;
  const varied = results.filter((r) => !r.fixed);
  const out: string[] = [];
  const advice = `the base sample (N = ${samples}) is too small; increase samples`;
  const outside: string[] = [];
  for (const r of varied)
    for (const [name, v, ci] of [
      ["S1", r.S1, r.S1CI],
      ["ST", r.ST, r.STCI],
    ] as const)
      if (!(v >= -tol && v <= 1 + tol))
        outside.push(`${name}(${r.name}) = ${fmt(v)} (${level} CI ${fmt(ci[0])} to ${fmt(ci[1])})`);
  if (outside.length > 0)
    out.push(`Sobol' indices outside [0, 1]: ${nameList(outside)}; ${advice}`);
  const sumS1 = varied.reduce((a, r) => a + r.S1, 0);
  if (sumS1 > 1 + tol)
    out.push(`Sobol' first-order indices sum to ${fmt(sumS1)} (at most 1); ${advice}`);
  if ((options.bootstrap ?? 1) === 0) {
    out.push(`Sobol' indices without bootstrap intervals (bootstrap: 0): their error is unknown`);
    return out;
  }
  const wide = varied
    .filter((r) => r.S1CI[1] - r.S1CI[0] > maxWidth || r.STCI[1] - r.STCI[0] > maxWidth)
    .map((r) => r.name);
  if (wide.length > 0)
    out.push(
      `Sobol' ${level} intervals wider than ${maxWidth} for ${nameList(wide)}; ${advice} to rank them`,
    );
  return out;
}

/**
 * Sobol' indices of a model evaluated one point at a time: builds the Saltelli
 * design, evaluates `f` on its N(k′+2) rows and computes the indices (the
 * bootstrap draws from `options.random`).
 */
export function sobolIndices(f: ModelFunction, options: SobolOptions): SobolResult {
  const design = saltelliDesign(options);
  const outputs = evaluateDesign(
    design,
    f,
    options.inputs.map((input) => input.name),
  );
  return { ...sobolAnalyze(design, outputs, options), design, outputs };
}

/**
 * Sobol' indices of a model evaluated in batches (see {@link sobolIndices});
 * the design rows are passed to `fBatch` in order, `batchSize` rows at a time
 * (default N, i.e. one call per matrix A, B, A_B^(1), …).
 */
export async function sobolIndicesBatched(
  fBatch: BatchModelFunction,
  options: SobolOptions,
): Promise<SobolResult> {
  const design = saltelliDesign(options);
  const names = options.inputs.map((input) => input.name);
  const outputs = await evaluateDesignBatched(
    design,
    fBatch,
    options.batchSize ?? design.samples,
    names,
  );
  return { ...sobolAnalyze(design, outputs, options), design, outputs };
}
