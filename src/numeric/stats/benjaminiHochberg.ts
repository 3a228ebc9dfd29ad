/**
 * Benjamini–Hochberg (1995) false-discovery-rate adjustment of p-values.
 */
import { assertProbabilities } from "./validate.js";

/**
 * Benjamini–Hochberg step-up adjusted p-values ("q-values"): with
 * p_(1) ≤ … ≤ p_(m), p̃_(i) = min_{j ≥ i} min(1, m·p_(j)/j), returned in the
 * input order (as R's `p.adjust(p, "BH")`).
 *
 * @param pValues - raw p-values in [0, 1] (an empty array gives [])
 * @throws RangeError naming `pValues` for NaN or values outside [0, 1]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  assertProbabilities(pValues, "pValues");
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const out = new Array<number>(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const idx = order[rank];
    running = Math.min(running, (m * pValues[idx]) / (rank + 1));
    out[idx] = running;
  }
  return out;
}
