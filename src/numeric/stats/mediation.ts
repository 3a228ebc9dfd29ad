/**
 * Simple mediation analysis X → M → Y with Sobel, percentile-bootstrap and
 * Monte Carlo inference for the indirect effect a·b.
 */
import { quantileSorted } from "./descriptive.js";
import { normalQuantile, normalTwoSidedP } from "../distributions.js";
import { type UniformSource, drawUniform, normalPair } from "./normalDeviates.js";
import { type CoefficientRow, columnsToRows, ols } from "./ols.js";
import { assertFiniteArray, assertLevel, assertNonConstant, assertSameLength } from "./validate.js";

/** Resampling method(s) for the indirect-effect interval. */
export type MediationMethod = "bootstrap" | "monteCarlo" | "both";

/** Options for {@link mediation}. */
export interface MediationOptions {
  /** Uniform source in [0, 1), injected for determinism (required). */
  random: UniformSource;
  /** Number of bootstrap resamples / Monte Carlo draws (default 5000). */
  reps?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** Which resampling interval(s) to compute (default "both"). */
  method?: MediationMethod;
}

/** A resampling-based interval for the indirect effect. */
export interface ResampledInterval {
  /** Percentile interval of the resampled a·b values (type-7 quantiles). */
  ci: [number, number];
  /** SD of the resampled a·b values. */
  se: number;
  /** Number of resamples used. */
  reps: number;
}

/** Result of {@link mediation}. */
export interface MediationResult {
  /** a path: coefficient of x in m ~ x. */
  a: CoefficientRow;
  /** b path: coefficient of m in y ~ x + m. */
  b: CoefficientRow;
  /** Direct effect c′: coefficient of x in y ~ x + m. */
  direct: CoefficientRow;
  /** Total effect c: coefficient of x in y ~ x. */
  total: CoefficientRow;
  /** Indirect effect a·b (equals c − c′ for OLS). */
  indirect: number;
  /** Sobel (1982) first-order test: se = sqrt(b²·se_a² + a²·se_b²). */
  sobel: { se: number; z: number; p: number; ci: [number, number] };
  /**
   * Percentile bootstrap (cases resampled with replacement). `failed` counts
   * degenerate resamples (e.g. constant x) that were redrawn.
   */
  bootstrap?: ResampledInterval & { failed: number };
  /**
   * Monte Carlo interval (Preacher & Selig, 2012): a* ~ N(a, se_a²),
   * b* ~ N(b, se_b²) independently; percentile interval of a*·b*.
   */
  monteCarlo?: ResampledInterval;
  n: number;
  level: number;
}

/** a and b from centred cross-products of a resample; null if degenerate. */
function pathsFromSample(
  x: readonly number[],
  m: readonly number[],
  y: readonly number[],
  idx: readonly number[],
) {
  const n = idx.length;
  let mx = 0;
  let mm = 0;
  let my = 0;
  for (const i of idx) {
    mx += x[i];
    mm += m[i];
    my += y[i];
  }
  mx /= n;
  mm /= n;
  my /= n;
  let sxx = 0;
  let smm = 0;
  let sxm = 0;
  let sxy = 0;
  let smy = 0;
  for (const i of idx) {
    const dx = x[i] - mx;
    const dm = m[i] - mm;
    const dy = y[i] - my;
    sxx += dx * dx;
    smm += dm * dm;
    sxm += dx * dm;
    sxy += dx * dy;
    smy += dm * dy;
  }
  const det = sxx * smm - sxm * sxm;
  if (!(sxx > 0) || !(det > 1e-12 * sxx * smm)) return null;
  return { a: sxm / sxx, b: (sxx * smy - sxm * sxy) / det };
}

function summarise(values: number[], level: number): ResampledInterval {
  values.sort((u, v) => u - v);
  const n = values.length;
  let mu = 0;
  for (const v of values) mu += v;
  mu /= n;
  let ss = 0;
  for (const v of values) ss += (v - mu) ** 2;
  const alpha = 1 - level;
  return {
    ci: [quantileSorted(values, alpha / 2), quantileSorted(values, 1 - alpha / 2)],
    se: Math.sqrt(ss / (n - 1)),
    reps: n,
  };
}

/**
 * Mediation of the effect of x on y through m with three OLS regressions
 * (m ~ x; y ~ x + m; y ~ x). Random draws come only from `options.random`:
 * bootstrap resamples are drawn first, then Monte Carlo deviates, so the
 * same source state always gives the same result.
 *
 * @param x - predictor / treatment
 * @param m - mediator
 * @param y - outcome
 * @throws RangeError naming the argument for NaN, mismatched lengths,
 *   n < 4, zero-variance or collinear inputs, invalid `reps`, `method` or
 *   `random`, or when more than `reps` bootstrap resamples are degenerate
 */
export function mediation(
  x: readonly number[],
  m: readonly number[],
  y: readonly number[],
  options: MediationOptions,
): MediationResult {
  const level = options.level ?? 0.95;
  const reps = options.reps ?? 5000;
  const method = options.method ?? "both";
  assertLevel(level);
  if (!Number.isInteger(reps) || reps < 2)
    throw new RangeError(`reps: must be an integer ≥ 2, got ${reps}`);
  if (method !== "bootstrap" && method !== "monteCarlo" && method !== "both") {
    throw new RangeError(`method: unknown method "${String(method)}"`);
  }
  if (typeof options.random !== "function")
    throw new RangeError("random: a uniform source () => number is required");
  assertFiniteArray(x, "x", 4);
  assertFiniteArray(m, "m", 4);
  assertFiniteArray(y, "y", 4);
  assertSameLength(x, "x", m, "m");
  assertSameLength(x, "x", y, "y");
  assertNonConstant(x, "x");
  assertNonConstant(m, "m");
  assertNonConstant(y, "y");
  const n = x.length;

  const fitA = ols(m, columnsToRows([x], ["x"]), ["x"], { level });
  const fitB = ols(y, columnsToRows([x, m], ["x", "m"]), ["x", "m"], { level });
  const fitC = ols(y, columnsToRows([x], ["x"]), ["x"], { level });
  const a = fitA.coefficients[1];
  const b = fitB.coefficients[2];
  const direct = fitB.coefficients[1];
  const total = fitC.coefficients[1];
  const indirect = a.estimate * b.estimate;

  const z = normalQuantile(1 - (1 - level) / 2);
  const sobelSe = Math.sqrt(b.estimate ** 2 * a.se ** 2 + a.estimate ** 2 * b.se ** 2);
  const sobelZ = indirect / sobelSe;
  const result: MediationResult = {
    a,
    b,
    direct,
    total,
    indirect,
    sobel: {
      se: sobelSe,
      z: sobelZ,
      p: normalTwoSidedP(sobelZ),
      ci: [indirect - z * sobelSe, indirect + z * sobelSe],
    },
    n,
    level,
  };

  if (method === "bootstrap" || method === "both") {
    const values: number[] = [];
    let failed = 0;
    const idx = new Array<number>(n);
    while (values.length < reps) {
      for (let i = 0; i < n; i++) idx[i] = Math.floor(drawUniform(options.random) * n);
      const paths = pathsFromSample(x, m, y, idx);
      if (paths === null) {
        failed++;
        if (failed > reps) throw new RangeError("x, m: too many degenerate bootstrap resamples");
        continue;
      }
      values.push(paths.a * paths.b);
    }
    result.bootstrap = { ...summarise(values, level), failed };
  }
  if (method === "monteCarlo" || method === "both") {
    const values = new Array<number>(reps);
    for (let r = 0; r < reps; r++) {
      const [z1, z2] = normalPair(options.random);
      values[r] = (a.estimate + a.se * z1) * (b.estimate + b.se * z2);
    }
    result.monteCarlo = summarise(values, level);
  }
  return result;
}
