/**
 * Cohen's d (standardised mean difference with the pooled SD) and the
 * machinery shared with Hedges' g.
 */
import { mean, variance } from "./descriptive.js";
import { normalQuantile } from "../distributions.js";
import { noncentralTInterval } from "./noncentralTInterval.js";
import { assertFiniteArray, assertLevel } from "./validate.js";

/** Confidence-interval method for standardised mean differences. */
export type SmdCiMethod = "noncentralT" | "normal";

/** Options for {@link cohensD} and `hedgesG`. */
export interface SmdOptions {
  /** Confidence level (default 0.95). */
  level?: number;
  /**
   * CI method. `"noncentralT"` (default) inverts the noncentral t
   * distribution of t = d·sqrt(n1·n2/(n1+n2)) (exact under normality, equal
   * variances); `"normal"` is the large-sample approximation of Hedges &
   * Olkin (1985): estimate ± z·sqrt((n1+n2)/(n1·n2) + estimate²/(2(n1+n2))).
   */
  ciMethod?: SmdCiMethod;
}

/** Result of {@link cohensD} / `hedgesG`. */
export interface SmdResult {
  /** The effect size (d for `cohensD`, g = J·d for `hedgesG`). */
  estimate: number;
  /** Uncorrected Cohen's d = (mean(x) − mean(y)) / pooled SD. */
  d: number;
  /** Small-sample correction factor applied (1 for d, J(df) for g). */
  correction: number;
  /** Pooled SD sqrt(((n1−1)s1² + (n2−1)s2²)/(n1+n2−2)). */
  pooledSd: number;
  n1: number;
  n2: number;
  /** n1 + n2 − 2. */
  df: number;
  /** The two-sample (pooled) t statistic d·sqrt(n1·n2/(n1+n2)). */
  t: number;
  /** Large-sample (Hedges & Olkin) standard error of `estimate`. */
  se: number;
  /** Confidence interval for the population effect size. */
  ci: [number, number];
  /** CI method actually used (may fall back from noncentralT, see `note`). */
  ciMethod: SmdCiMethod;
  level: number;
  /** Explanation when the requested CI method could not be used. */
  note?: string;
}

/**
 * Shared implementation: computes d, applies `correction(df)` and builds the
 * requested interval. Not part of the public API.
 */
export function standardizedMeanDifference(
  x: readonly number[],
  y: readonly number[],
  options: SmdOptions,
  correction: (df: number) => number,
): SmdResult {
  assertFiniteArray(x, "x", 2);
  assertFiniteArray(y, "y", 2);
  const level = options.level ?? 0.95;
  assertLevel(level);
  const method = options.ciMethod ?? "noncentralT";
  if (method !== "noncentralT" && method !== "normal") {
    throw new RangeError(`ciMethod: unknown method "${String(method)}"`);
  }
  const n1 = x.length;
  const n2 = y.length;
  const df = n1 + n2 - 2;
  const pooledVar = ((n1 - 1) * variance(x) + (n2 - 1) * variance(y)) / df;
  if (!(pooledVar > 0)) throw new RangeError("x, y: pooled standard deviation is zero");
  const pooledSd = Math.sqrt(pooledVar);
  const d = (mean(x) - mean(y)) / pooledSd;
  const J = correction(df);
  const estimate = J * d;
  const nTilde = (n1 * n2) / (n1 + n2);
  const t = d * Math.sqrt(nTilde);
  const se = Math.sqrt(1 / nTilde + (estimate * estimate) / (2 * (n1 + n2)));
  const z = normalQuantile(1 - (1 - level) / 2);
  const normalCi: [number, number] = [estimate - z * se, estimate + z * se];
  const base = { estimate, d, correction: J, pooledSd, n1, n2, df, t, se, level };
  if (method === "normal") return { ...base, ci: normalCi, ciMethod: "normal" };
  const ncp = noncentralTInterval(t, df, level);
  if (ncp === null) {
    return {
      ...base,
      ci: normalCi,
      ciMethod: "normal",
      note: "noncentral t inversion needs |ncp| > 24 (outside jstat's accurate range); used the normal approximation",
    };
  }
  const scale = J / Math.sqrt(nTilde);
  return { ...base, ci: [ncp[0] * scale, ncp[1] * scale], ciMethod: "noncentralT" };
}

/**
 * Cohen's d for two independent groups: (mean(x) − mean(y)) / pooled SD,
 * with a confidence interval (noncentral t inversion by default, or the
 * Hedges & Olkin normal approximation; see {@link SmdOptions}).
 *
 * @param x - first group (≥ 2 finite values)
 * @param y - second group (≥ 2 finite values)
 * @throws RangeError naming the argument for NaN, fewer than 2 values per
 *   group, or a zero pooled SD
 */
export function cohensD(
  x: readonly number[],
  y: readonly number[],
  options: SmdOptions = {},
): SmdResult {
  return standardizedMeanDifference(x, y, options, () => 1);
}
