/**
 * Small descriptive helpers shared by the estimators: mean, sample variance
 * and SD, average ranks, type-7 quantiles and z-scores.
 */
import { assertFiniteArray } from "./validate.js";

/**
 * Arithmetic mean.
 *
 * @param x - finite numbers (at least one)
 * @throws RangeError if `x` is empty or contains NaN / ±Infinity
 */
export function mean(x: readonly number[]): number {
  assertFiniteArray(x, "x", 1);
  let s = 0;
  for (const v of x) s += v;
  const m = s / x.length;
  // One correction pass (compensates rounding in the first sum).
  let c = 0;
  for (const v of x) c += v - m;
  return m + c / x.length;
}

/**
 * Sample variance with denominator n − 1 (two-pass algorithm).
 *
 * @throws RangeError if `x` has fewer than 2 elements or non-finite entries
 */
export function variance(x: readonly number[]): number {
  assertFiniteArray(x, "x", 2);
  const m = mean(x);
  let ss = 0;
  let c = 0;
  for (const v of x) {
    const d = v - m;
    ss += d * d;
    c += d;
  }
  return (ss - (c * c) / x.length) / (x.length - 1);
}

/**
 * Sample standard deviation (square root of {@link variance}).
 *
 * @throws RangeError if `x` has fewer than 2 elements or non-finite entries
 */
export function sd(x: readonly number[]): number {
  return Math.sqrt(variance(x));
}

/**
 * Ranks 1..n with ties given the average of the ranks they span
 * (R's `rank(ties.method = "average")`).
 *
 * @throws RangeError for NaN / non-finite entries
 */
export function ranks(x: readonly number[]): number[] {
  assertFiniteArray(x, "x", 0);
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => x[i] - x[j]);
  const r = new Array<number>(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k]] = avg;
    i = j + 1;
  }
  return r;
}

/**
 * Sample quantile, Hyndman & Fan type 7 (the default of R's `quantile` and
 * numpy's `quantile`): linear interpolation between order statistics at
 * h = (n − 1)·p.
 *
 * @param x - finite numbers (at least one)
 * @param p - probability in [0, 1]
 * @throws RangeError for empty / non-finite `x` or `p` outside [0, 1]
 */
export function quantile(x: readonly number[], p: number): number {
  assertFiniteArray(x, "x", 1);
  return quantileSorted(
    [...x].sort((a, b) => a - b),
    p,
  );
}

/**
 * Type-7 quantile of an array that is already sorted ascending (no copy, no
 * validation of the values; `p` is checked).
 *
 * @throws RangeError for an empty array or `p` outside [0, 1]
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError("x: needs at least 1 observation, got 0");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p: must be in [0, 1], got ${p}`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Median (type-7 quantile at p = 0.5).
 *
 * @throws RangeError for empty / non-finite input
 */
export function median(x: readonly number[]): number {
  return quantile(x, 0.5);
}

/**
 * z-scores (x − mean) / SD using the sample SD (n − 1).
 *
 * @param x - finite numbers (at least 2)
 * @param name - argument name used in error messages (default "x")
 * @throws RangeError for fewer than 2 values, non-finite values or zero variance
 */
export function zScores(x: readonly number[], name = "x"): number[] {
  assertFiniteArray(x, name, 2);
  const m = mean(x);
  const s = sd(x);
  if (!(s > 0)) throw new RangeError(`${name}: has zero variance; cannot standardise`);
  return x.map((v) => (v - m) / s);
}
