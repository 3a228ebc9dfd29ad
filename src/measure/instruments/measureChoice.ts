/**
 * Binary decisions (help or not, escape or not).
 */

import type { RandomStream } from "../../numeric/random.js";
import { logistic, logit } from "./logistic.js";
import { reliabilityNoiseSd } from "./reliabilityNoiseSd.js";
import type { ChoiceInstrument } from "./types.js";

/**
 * P(yes) for a choice whose latent probability is `q`: logistic(logit(q)/temperature), with
 * q clamped to [0, 1]; temperature 1 (the default) returns q itself.
 */
export function choiceProbability(instrument: ChoiceInstrument, q: number): number {
  const p = Math.min(1, Math.max(0, q));
  const temperature = instrument.temperature ?? 1;
  if (temperature === 1 || p === 0 || p === 1) return p;
  return logistic(logit(p) / temperature);
}

/**
 * 1 (yes) or 0 (no): person-level noise N(0, refSd²·(1 − r)/r) is added to the latent
 * probability, which is then passed through {@link choiceProbability}. Draws one normal and
 * one uniform.
 */
export function measureChoice(
  instrument: ChoiceInstrument,
  latent: number,
  rng: RandomStream,
): number {
  const sd = reliabilityNoiseSd(instrument.refSd, instrument.reliability);
  const p = choiceProbability(instrument, latent + sd * rng.normal());
  return rng.bernoulli(p) ? 1 : 0;
}
