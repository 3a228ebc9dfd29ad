/**
 * Welch's unequal-variance two-sample t-test.
 */
import { mean, variance } from "./descriptive.js";
import { studentTQuantile, studentTTwoSidedP } from "../distributions.js";
import { assertFiniteArray, assertLevel } from "./validate.js";

/** Options for {@link welchT}. */
export interface WelchTOptions {
  /** Confidence level of the interval for the mean difference (default 0.95). */
  level?: number;
}

/** Result of {@link welchT}. */
export interface WelchTResult {
  /** t statistic (mean(x) − mean(y)) / se. */
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided p-value. */
  p: number;
  /** mean(x) − mean(y). */
  meanDiff: number;
  /** Standard error sqrt(var(x)/nx + var(y)/ny). */
  se: number;
  /** Confidence interval for the mean difference. */
  ci: [number, number];
  /** Confidence level used for `ci`. */
  level: number;
  /** Group sizes and means. */
  nx: number;
  ny: number;
  meanX: number;
  meanY: number;
}

/**
 * Welch's two-sample t-test of mean(x) = mean(y) without assuming equal
 * variances (as R's `t.test(x, y)` and scipy's `ttest_ind(equal_var=False)`).
 *
 * @param x - first sample (≥ 2 finite values)
 * @param y - second sample (≥ 2 finite values)
 * @throws RangeError naming the argument for NaN, fewer than 2 values, or when
 *   both samples have zero variance (standard error 0)
 */
export function welchT(
  x: readonly number[],
  y: readonly number[],
  options: WelchTOptions = {},
): WelchTResult {
  assertFiniteArray(x, "x", 2);
  assertFiniteArray(y, "y", 2);
  const level = options.level ?? 0.95;
  assertLevel(level);
  const nx = x.length;
  const ny = y.length;
  const mx = mean(x);
  const my = mean(y);
  const vx = variance(x) / nx;
  const vy = variance(y) / ny;
  const se2 = vx + vy;
  if (!(se2 > 0)) throw new RangeError("x, y: both samples have zero variance; t is undefined");
  const se = Math.sqrt(se2);
  const df = (se2 * se2) / ((vx * vx) / (nx - 1) + (vy * vy) / (ny - 1));
  const meanDiff = mx - my;
  const t = meanDiff / se;
  const q = studentTQuantile(1 - (1 - level) / 2, df);
  return {
    t,
    df,
    p: studentTTwoSidedP(t, df),
    meanDiff,
    se,
    ci: [meanDiff - q * se, meanDiff + q * se],
    level,
    nx,
    ny,
    meanX: mx,
    meanY: my,
  };
}
