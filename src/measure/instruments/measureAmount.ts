/**
 * Continuous allocations (donations, redistribution) bounded by an endowment.
 */

import type { RandomStream } from "../../numeric/random.js";
import { reliabilityNoiseSd } from "./reliabilityNoiseSd.js";
import type { AmountInstrument } from "./types.js";

/**
 * clamp(round_step(max·(latent + e)), 0, max), e ~ N(0, refSd²·(1 − r)/r) in latent units: rounding to the nearest
 * multiple of `step` (if given) happens before the clamp, so readings stay in [0, max] and
 * the clamp produces the point masses at 0 and max. Draws one normal.
 */
export function measureAmount(
  instrument: AmountInstrument,
  latent: number,
  rng: RandomStream,
): number {
  const sd = reliabilityNoiseSd(instrument.refSd, instrument.reliability);
  let x = instrument.max * (latent + sd * rng.normal());
  if (instrument.step !== undefined) x = Math.round(x / instrument.step) * instrument.step;
  return Math.min(instrument.max, Math.max(0, x));
}
