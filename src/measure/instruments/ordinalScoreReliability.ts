/**
 * Exact (quadrature) test–retest reliability of an ordinal-item score.
 */

import { normalCdf } from "../../numeric/distributions.js";
import type { OrdinalLayout } from "./ordinalLayout.js";

/** Number of quadrature nodes over the reference population (±6 SD). */
const NODES = 241;
const HALF_WIDTH = 6;

/**
 * Test–retest correlation of the score of `layout` when item noise has SD `itemNoiseSd` and
 * the latent is N(refMean, refSd²) in the population: Var(T) / (Var(T) + E[Var(S | θ)]) with
 * T(θ) = E[S | θ]. Items are independent given θ, and an item response is
 * Σ_c 1[y > τ_c], so E[cat | θ] = Σ_c Φ((μ − τ_c)/σ) and E[cat² | θ] = Σ_c (2c + 1)·Φ(·).
 * The integral over θ uses a uniform grid of 241 nodes over ±6 SD with normal weights.
 * This is also the population correlation of two independent administrations, and it does
 * not depend on sum versus mean scoring. Returns 0 when the score cannot vary.
 */
export function ordinalScoreReliability(
  layout: OrdinalLayout,
  itemNoiseSd: number,
  refSd: number,
): number {
  const { loading, thresholds } = layout;
  // Items with equal difficulty behave identically: group them.
  const groups = new Map<number, number>();
  for (const d of layout.difficulties) groups.set(d, (groups.get(d) ?? 0) + 1);
  let wSum = 0;
  let mT = 0;
  let mT2 = 0;
  let mV = 0;
  for (let g = 0; g < NODES; g++) {
    const z = -HALF_WIDTH + (2 * HALF_WIDTH * g) / (NODES - 1);
    const w = Math.exp(-0.5 * z * z);
    const theta = layout.refMean + refSd * z;
    let t = 0;
    let v = 0;
    for (const [d, count] of groups) {
      const mu = loading * (theta - d);
      let e1 = 0;
      let e2 = 0;
      for (let c = 0; c < thresholds.length; c++) {
        const diff = mu - thresholds[c];
        const p = itemNoiseSd > 0 ? normalCdf(diff / itemNoiseSd) : diff > 0 ? 1 : 0;
        e1 += p;
        e2 += (2 * c + 1) * p;
      }
      t += count * e1;
      v += count * (e2 - e1 * e1);
    }
    wSum += w;
    mT += w * t;
    mT2 += w * t * t;
    mV += w * v;
  }
  mT /= wSum;
  const varT = Math.max(0, mT2 / wSum - mT * mT);
  const meanV = Math.max(0, mV / wSum);
  const total = varT + meanV;
  return total > 1e-300 ? varT / total : 0;
}
