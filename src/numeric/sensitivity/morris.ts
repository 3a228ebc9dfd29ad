/**
 * Morris elementary-effects screening (Morris 1991; μ* from Campolongo,
 * Cariboni & Saltelli 2007) over inputs with priors.
 *
 * Design. Each of r trajectories starts at a random point of a p-level grid in
 * the unit hypercube, {0, 1/(p−1), …, 1}^k, and moves one input at a time, in
 * random order and with random sign, by Δ (default p / (2(p−1)), which must be
 * a multiple of 1/(p−1)); a trajectory has k+1 points, the design r(k+1).
 * Inputs with a `fixed` prior are held constant and excluded from the design.
 *
 * From grid to parameters. A grid coordinate z becomes a probability
 * u = ε + (1 − 2ε) z and then the parameter value `priorQuantile(prior, u)`.
 * ε = 0 for priors with bounded support (uniform, beta, doubly truncated
 * normal), so their grid spans the whole support; for priors with an
 * unbounded side (normal without both bounds, lognormal), and for every input
 * when a correlation matrix is given, ε = `tailProbability` (default 1/(2p),
 * which places the p levels at the centres of p equal-probability strata).
 *
 * Elementary effects are taken per unit of probability:
 * EEᵢ = [f(x after) − f(x before)] / Δuᵢ with Δuᵢ = ±(1 − 2ε)Δ. For a
 * uniform prior on [a, b] and f linear with coefficient c this is exactly
 * c·(b − a); in general it is the output change per full sweep of the prior's
 * probability range, so inputs with different units are comparable.
 *
 * Correlated inputs. With `correlation` (a correlation matrix of the normal
 * scores, i.e. a Gaussian copula; see `spearmanToGaussianCorrelation` for
 * rank-correlation targets) the grid probabilities of all inputs are mapped to
 * normal scores, multiplied by the Cholesky factor L of the matrix, mapped back
 * through Φ and then through `priorQuantile`. Moving input i then also moves
 * every later input j > i with Lⱼᵢ ≠ 0, so its elementary effect measures the
 * effect of input i's independent component in the Cholesky order (including
 * what it drives in correlated later inputs); results depend on input order.
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
import {
  type CorrelationMatrix,
  GaussianCopula,
  validateCorrelationMatrix,
} from "./gaussianCopula.js";
import { priorQuantile, priorSupport } from "../priors.js";
import {
  type SensitivityInput,
  assertValidInputs,
  variedInputIndices,
} from "./sensitivityInput.js";

/** Options describing a Morris design. */
export interface MorrisDesignOptions {
  /** Model inputs in the order the model expects them. */
  readonly inputs: readonly SensitivityInput[];
  /** Number of trajectories r (≥ 2). */
  readonly trajectories: number;
  /** Number of grid levels p (≥ 2, default 4). */
  readonly levels?: number;
  /** Step Δ, a multiple of 1/(p−1) in (0, 1] (default p / (2(p−1)); odd p needs an explicit Δ). */
  readonly delta?: number;
  /** Uniform random source on (0, 1). */
  readonly random: () => number;
  /** Correlation matrix of the inputs' normal scores (Gaussian copula), one row per input. */
  readonly correlation?: CorrelationMatrix;
  /** Tail probability ε for unbounded priors and copula inputs, in (0, 0.5) (default 1/(2p)). */
  readonly tailProbability?: number;
}

/** Options for turning Morris outputs into statistics. */
export interface MorrisAnalysisOptions {
  /** Uniform random source on (0, 1) for the bootstrap. */
  readonly random: () => number;
  /** Bootstrap replicates for the μ* interval (default 1000; 0 gives [NaN, NaN]). */
  readonly bootstrap?: number;
  /** Confidence level of the percentile interval (default 0.95). */
  readonly confidence?: number;
}

/** Options for a full Morris run (design, evaluation and analysis). */
export interface MorrisOptions extends MorrisDesignOptions, Omit<MorrisAnalysisOptions, "random"> {
  /** Rows per call of a batched model (default: the whole design in one call). */
  readonly batchSize?: number;
}

/** A generated Morris design; rows are grouped by trajectory (k′+1 consecutive rows each). */
export interface MorrisDesign extends EvaluableDesign {
  /** The inputs, as given. */
  readonly inputs: readonly SensitivityInput[];
  /** Number of trajectories r. */
  readonly trajectories: number;
  /** Number of grid levels p. */
  readonly levels: number;
  /** Grid step Δ in the unit hypercube. */
  readonly delta: number;
  /** Indices of the varied (non-fixed) inputs; k′ = `varied.length`. */
  readonly varied: Int32Array;
  /** Tail probability ε applied to each input (0 where the whole support is used). */
  readonly margins: Float64Array;
  /** Grid coordinates z ∈ [0, 1], row-major `rows`×`width` (fixed inputs: 0.5). */
  readonly unitPoints: Float64Array;
  /** Parameter values, row-major `rows`×`width`. */
  readonly points: Float64Array;
  /** Input index moved at each step, `trajectories`×k′ (step s joins rows s and s+1 of a trajectory). */
  readonly changed: Int32Array;
  /** Signed probability step Δuᵢ of each step, `trajectories`×k′. */
  readonly steps: Float64Array;
}

/** Morris statistics for one input. */
export interface MorrisInputResult {
  /** Input name. */
  readonly name: string;
  /** True when the prior is `fixed` (all statistics are then 0). */
  readonly fixed: boolean;
  /** Mean elementary effect μ. */
  readonly mu: number;
  /** Mean absolute elementary effect μ*. */
  readonly muStar: number;
  /** Standard deviation σ of the elementary effects (denominator r − 1). */
  readonly sigma: number;
  /** Percentile bootstrap interval for μ*, resampling trajectories. */
  readonly muStarCI: readonly [number, number];
  /** The r elementary effects, one per trajectory. */
  readonly effects: Float64Array;
}

/** Result of a full Morris run. */
export interface MorrisResult {
  /** Statistics per input, in input order. */
  readonly inputs: MorrisInputResult[];
  /** The design that was evaluated. */
  readonly design: MorrisDesign;
  /** Model outputs, one per design row. */
  readonly outputs: Float64Array;
}

/** Validated grid settings: levels p and step in grid units j (Δ = j/(p−1)). */
function gridSettings(options: MorrisDesignOptions): {
  levels: number;
  jump: number;
  delta: number;
} {
  const levels = options.levels ?? 4;
  if (!Number.isInteger(levels) || levels < 2) {
    throw new RangeError(`morris: levels: expected an integer ≥ 2, got ${levels}`);
  }
  const delta = options.delta ?? levels / (2 * (levels - 1));
  const jump = Math.round(delta * (levels - 1));
  if (!(Math.abs(delta * (levels - 1) - jump) < 1e-9 && jump >= 1 && jump <= levels - 1)) {
    throw new RangeError(
      `morris: delta: expected a multiple of 1/(levels − 1) = 1/${levels - 1} in (0, 1], got ${delta}` +
        (options.delta === undefined
          ? ` (the default p/(2(p−1)) needs an even number of levels)`
          : ""),
    );
  }
  return { levels, jump, delta: jump / (levels - 1) };
}

/**
 * Builds a Morris design: r trajectories of k′+1 points on the p-level grid,
 * mapped through the priors (and the Gaussian copula when `correlation` is
 * given). Draws from `random` in a fixed order, so a seeded source makes the
 * design reproducible.
 *
 * @throws Error on invalid inputs, options or correlation matrix.
 */
export function morrisDesign(options: MorrisDesignOptions): MorrisDesign {
  const { inputs, trajectories: r, random } = options;
  assertValidInputs(inputs, "morris");
  if (!Number.isInteger(r) || r < 2)
    throw new RangeError(`morris: trajectories: expected an integer ≥ 2, got ${r}`);
  const { levels, jump, delta } = gridSettings(options);
  const tail = options.tailProbability ?? 1 / (2 * levels);
  if (!(tail > 0 && tail < 0.5))
    throw new RangeError(`morris: tailProbability: expected a number in (0, 0.5), got ${tail}`);

  const width = inputs.length;
  const varied = variedInputIndices(inputs);
  const k = varied.length;
  if (k === 0) throw new Error("morris: every input has a fixed prior; nothing to screen");

  let copula: GaussianCopula | null = null;
  if (options.correlation !== undefined) {
    const errors = validateCorrelationMatrix(options.correlation, width);
    inputs.forEach((input, i) => {
      if (input.prior.dist !== "fixed" || errors.length > 0) return;
      for (let j = 0; j < width; j++) {
        if (j !== i && options.correlation?.[i][j] !== 0) {
          errors.push(
            `correlation[${i}][${j}]: expected 0 because input ${input.name} is fixed, got ${options.correlation?.[i][j]}`,
          );
        }
      }
    });
    if (errors.length > 0)
      throw new Error(`morris: invalid correlation matrix:\n  ${errors.join("\n  ")}`);
    copula = new GaussianCopula(options.correlation);
  }

  const margins = new Float64Array(width);
  for (const i of varied) {
    const [lo, hi] = priorSupport(inputs[i].prior);
    const bounded =
      Number.isFinite(lo) && Number.isFinite(hi) && inputs[i].prior.dist !== "lognormal";
    margins[i] = copula !== null || !bounded ? tail : 0;
  }

  const rows = r * (k + 1);
  const unitPoints = new Float64Array(rows * width).fill(0.5);
  const points = new Float64Array(rows * width);
  const changed = new Int32Array(r * k);
  const steps = new Float64Array(r * k);
  const level = new Int32Array(width);
  const direction = new Int8Array(width);
  const order = new Int32Array(k);
  const u = new Float64Array(width).fill(0.5);
  const scale = 1 / (levels - 1);

  // Without a copula each input takes only p values: tabulate them once.
  const table = new Float64Array(width * levels);
  if (copula === null) {
    for (let i = 0; i < width; i++) {
      for (let l = 0; l < levels; l++) {
        const ul =
          inputs[i].prior.dist === "fixed" ? 0.5 : margins[i] + (1 - 2 * margins[i]) * (l * scale);
        table[i * levels + l] = priorQuantile(inputs[i].prior, ul);
      }
    }
  }

  const writeRow = (row: number): void => {
    const base = row * width;
    for (const i of varied) unitPoints[base + i] = level[i] * scale;
    if (copula === null) {
      for (let i = 0; i < width; i++) points[base + i] = table[i * levels + level[i]];
      return;
    }
    for (const i of varied) u[i] = margins[i] + (1 - 2 * margins[i]) * (level[i] * scale);
    copula.transform(u, u);
    for (let i = 0; i < width; i++) points[base + i] = priorQuantile(inputs[i].prior, u[i]);
  };

  for (let t = 0; t < r; t++) {
    for (const i of varied) {
      const start = Math.min(Math.floor(random() * (levels - jump)), levels - jump - 1);
      const up = random() < 0.5;
      direction[i] = up ? 1 : -1;
      level[i] = up ? start : start + jump;
    }
    order.set(varied);
    for (let s = k - 1; s > 0; s--) {
      const j = Math.min(Math.floor(random() * (s + 1)), s);
      const tmp = order[s];
      order[s] = order[j];
      order[j] = tmp;
    }
    const first = t * (k + 1);
    writeRow(first);
    for (let s = 0; s < k; s++) {
      const i = order[s];
      level[i] += direction[i] * jump;
      changed[t * k + s] = i;
      steps[t * k + s] = direction[i] * delta * (1 - 2 * margins[i]);
      writeRow(first + s + 1);
    }
  }

  return {
    inputs,
    trajectories: r,
    levels,
    delta,
    varied,
    margins,
    unitPoints,
    points,
    changed,
    steps,
    rows,
    width,
    fillRow(row: number, out: Float64Array): void {
      out.set(points.subarray(row * width, (row + 1) * width));
    },
  };
}

/**
 * Computes μ, μ*, σ and a bootstrap interval for μ* from the outputs of a
 * Morris design (one output per design row, in row order). The bootstrap
 * resamples whole trajectories (the same draw for all inputs).
 *
 * @throws Error when the outputs do not match the design or are not finite.
 */
export function morrisAnalyze(
  design: MorrisDesign,
  outputs: ArrayLike<number>,
  options: MorrisAnalysisOptions,
): MorrisInputResult[] {
  const y = checkOutputs(outputs, design.rows);
  const { trajectories: r, varied, inputs } = design;
  const k = varied.length;
  const reps = options.bootstrap ?? 1000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(reps) || reps < 0)
    throw new RangeError(`morris: bootstrap: expected an integer ≥ 0, got ${reps}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`morris: confidence: expected a number in (0, 1), got ${confidence}`);

  const effects = inputs.map(() => new Float64Array(r));
  for (let t = 0; t < r; t++) {
    const first = t * (k + 1);
    for (let s = 0; s < k; s++) {
      const step = t * k + s;
      effects[design.changed[step]][t] = (y[first + s + 1] - y[first + s]) / design.steps[step];
    }
  }

  const absEffects = effects.map((e) => e.map(Math.abs));
  const replicates = inputs.map(() => new Float64Array(reps));
  if (reps > 0) {
    const idx = new Uint32Array(r);
    for (let b = 0; b < reps; b++) {
      resampleIndices(options.random, r, idx);
      for (const i of varied) {
        const a = absEffects[i];
        let sum = 0;
        for (let t = 0; t < r; t++) sum += a[idx[t]];
        replicates[i][b] = sum / r;
      }
    }
  }

  return inputs.map((input, i): MorrisInputResult => {
    const e = effects[i];
    if (input.prior.dist === "fixed") {
      return {
        name: input.name,
        fixed: true,
        mu: 0,
        muStar: 0,
        sigma: 0,
        muStarCI: [0, 0],
        effects: e,
      };
    }
    let sum = 0;
    let sumAbs = 0;
    for (let t = 0; t < r; t++) {
      sum += e[t];
      sumAbs += Math.abs(e[t]);
    }
    const mu = sum / r;
    let ss = 0;
    for (let t = 0; t < r; t++) ss += (e[t] - mu) * (e[t] - mu);
    const muStarCI =
      reps > 0 ? percentileInterval(replicates[i], confidence) : ([NaN, NaN] as [number, number]);
    return {
      name: input.name,
      fixed: false,
      mu,
      muStar: sumAbs / r,
      sigma: Math.sqrt(ss / (r - 1)),
      muStarCI,
      effects: e,
    };
  });
}

/**
 * Morris screening of a model evaluated one point at a time: builds the design
 * (drawing from `options.random`), evaluates `f` on its r(k′+1) rows and
 * analyses the outputs (the bootstrap continues drawing from the same source).
 */
export function morris(f: ModelFunction, options: MorrisOptions): MorrisResult {
  const design = morrisDesign(options);
  const outputs = evaluateDesign(
    design,
    f,
    options.inputs.map((input) => input.name),
  );
  return { inputs: morrisAnalyze(design, outputs, options), design, outputs };
}

/**
 * Morris screening of a model evaluated in batches (see {@link morris}); the
 * design rows are passed to `fBatch` in order, `batchSize` rows at a time
 * (default: all rows in one call).
 */
export async function morrisBatched(
  fBatch: BatchModelFunction,
  options: MorrisOptions,
): Promise<MorrisResult> {
  const design = morrisDesign(options);
  const names = options.inputs.map((input) => input.name);
  const outputs = await evaluateDesignBatched(
    design,
    fBatch,
    options.batchSize ?? design.rows,
    names,
  );
  return { inputs: morrisAnalyze(design, outputs, options), design, outputs };
}
