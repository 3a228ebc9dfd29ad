/**
 * Accuracy tasks with a guessing floor (e.g. Reading the Mind in the Eyes).
 */

import type { RandomStream } from "../../numeric/random.js";
import { logistic } from "./logistic.js";
import { reliabilityNoiseSd } from "./reliabilityNoiseSd.js";
import type { BinomialInstrument } from "./types.js";

/**
 * Probability of a correct item: chance + (1 − chance)·logistic(slope·(latent − center)),
 * with the defaults chance 0, slope 1, center 0.5.
 */
export function binomialAccuracy(instrument: BinomialInstrument, latent: number): number {
  const chance = instrument.chance ?? 0;
  const slope = instrument.slope ?? 1;
  const center = instrument.center ?? 0.5;
  return chance + (1 - chance) * logistic(slope * (latent - center));
}

/**
 * Count (or proportion) correct: person-level noise N(0, refSd²·(1 − r)/r) is added to the
 * latent, then each of `items` items is answered correctly with probability
 * {@link binomialAccuracy}. Draws one normal and `items` uniforms.
 */
export function measureBinomial(
  instrument: BinomialInstrument,
  latent: number,
  rng: RandomStream,
): number {
  const sd = reliabilityNoiseSd(instrument.refSd, instrument.reliability);
  const p = binomialAccuracy(instrument, latent + sd * rng.normal());
  let correct = 0;
  for (let i = 0; i < instrument.items; i++) if (rng.bernoulli(p)) correct++;
  return instrument.score === "proportion" ? correct / instrument.items : correct;
}
