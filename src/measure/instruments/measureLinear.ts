/**
 * Linear readouts with additive Gaussian error: fMRI ROI contrasts and physiological indices.
 */

import type { RandomStream } from "../../numeric/random.js";
import { reliabilityNoiseSd } from "./reliabilityNoiseSd.js";
import type { PhysioInstrument, RoiInstrument } from "./types.js";

/**
 * offset + scale·(latent + e), e ~ N(0, refSd²·(1 − r)/r) in latent units. Always draws one normal, so the stream
 * advances the same way whatever the reliability.
 */
export function measureLinear(
  instrument: RoiInstrument | PhysioInstrument,
  latent: number,
  rng: RandomStream,
): number {
  const sd = reliabilityNoiseSd(instrument.refSd, instrument.reliability);
  return (instrument.offset ?? 0) + instrument.scale * (latent + sd * rng.normal());
}
