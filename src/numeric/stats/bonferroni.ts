/**
 * Bonferroni adjustment of p-values.
 */
import { assertProbabilities } from "./validate.js";

/**
 * Bonferroni-adjusted p-values min(1, m·p_i), as R's
 * `p.adjust(p, "bonferroni")`.
 *
 * @param pValues - raw p-values in [0, 1] (an empty array gives [])
 * @throws RangeError naming `pValues` for NaN or values outside [0, 1]
 */
export function bonferroni(pValues: readonly number[]): number[] {
  assertProbabilities(pValues, "pValues");
  const m = pValues.length;
  return pValues.map((p) => Math.min(1, m * p));
}
