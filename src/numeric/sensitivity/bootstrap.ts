/**
 * Helpers for non-parametric bootstrap confidence intervals.
 */

/**
 * Fills `out` with indices drawn uniformly with replacement from [0, n).
 * @param random uniform source on (0, 1)
 */
export function resampleIndices(random: () => number, n: number, out: Uint32Array): void {
  const last = n - 1;
  for (let i = 0; i < out.length; i++) {
    const j = Math.floor(random() * n);
    out[i] = j > last ? last : j;
  }
}

/**
 * Quantile `q` ∈ [0, 1] of the first `count` entries of an ascending-sorted
 * array, with linear interpolation between order statistics (Hyndman–Fan
 * type 7, the default of R and NumPy).
 */
export function sortedQuantile(sorted: Float64Array, q: number, count = sorted.length): number {
  if (count === 0) return NaN;
  const h = (count - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, count - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Percentile bootstrap interval: the (1 − confidence)/2 and (1 + confidence)/2
 * quantiles of the replicate values. Sorts `values` in place; NaN replicates
 * are ignored, and [NaN, NaN] is returned when none is finite.
 */
export function percentileInterval(values: Float64Array, confidence: number): [number, number] {
  values.sort(); // typed-array sort is numeric; NaNs go last
  let count = values.length;
  while (count > 0 && Number.isNaN(values[count - 1])) count--;
  if (count === 0) return [NaN, NaN];
  const tail = (1 - confidence) / 2;
  return [sortedQuantile(values, tail, count), sortedQuantile(values, 1 - tail, count)];
}
