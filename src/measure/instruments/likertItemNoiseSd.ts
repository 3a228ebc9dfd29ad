/**
 * Calibration of the item-noise SD of an ordinal-item scale to its declared reliability.
 */

import { ordinalLayout } from "./ordinalLayout.js";
import { ordinalScoreReliability } from "./ordinalScoreReliability.js";
import type { InstrumentBase, OrdinalItems } from "./types.js";

const cache = new Map<string, number>();
const CACHE_LIMIT = 1024;

/**
 * Item-noise SD σ at which the score of a likert (or diary) instrument has test–retest
 * reliability equal to its declared `reliability` in the reference population
 * N(refMean, refSd²) of the latent (see {@link ordinalScoreReliability}). Found by bisection
 * on σ (the reliability falls from 1 at σ = 0 towards 0 as σ grows) to a relative width of
 * 1e-7, and cached per parameter set; a pure function of the instrument's fields. r = 1 gives
 * σ = 0. If even a noise-free scale cannot vary in the reference population the result is 0.
 */
export function likertItemNoiseSd(instrument: OrdinalItems & InstrumentBase): number {
  const r = instrument.reliability;
  if (r >= 1) return 0;
  const layout = ordinalLayout(instrument);
  const key = JSON.stringify([
    layout.items,
    layout.points,
    layout.loading,
    Array.from(layout.thresholds),
    Array.from(layout.difficulties),
    layout.refMean,
    instrument.refSd,
    r,
  ]);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;

  const rel = (s: number): number => ordinalScoreReliability(layout, s, instrument.refSd);
  let sigma = 0;
  if (rel(0) > r) {
    let lo = 0;
    let hi = Math.max(layout.loading * instrument.refSd, 1e-6);
    for (let i = 0; i < 200 && rel(hi) > r; i++) {
      lo = hi;
      hi *= 2;
    }
    for (let i = 0; i < 100 && hi - lo > 1e-7 * hi; i++) {
      const mid = 0.5 * (lo + hi);
      if (rel(mid) > r) lo = mid;
      else hi = mid;
    }
    sigma = 0.5 * (lo + hi);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, sigma);
  return sigma;
}
