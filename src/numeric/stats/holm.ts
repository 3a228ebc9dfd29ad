/**
 * Holm (1979) step-down adjustment of p-values.
 */
import { assertProbabilities } from "./validate.js";

/**
 * Holm step-down adjusted p-values: with p_(1) ≤ … ≤ p_(m),
 * p̃_(i) = max_{j ≤ i} min(1, (m − j + 1)·p_(j)), returned in the input
 * order (as R's `p.adjust(p, "holm")`). The adjusted values are monotone in
 * the raw values.
 *
 * @param pValues - raw p-values in [0, 1] (an empty array gives [])
 * @throws RangeError naming `pValues` for NaN or values outside [0, 1]
 */
export function holm(pValues: readonly number[]): number[] {
  assertProbabilities(pValues, "pValues");
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[idx]));
    out[idx] = running;
  });
  return out;
}
