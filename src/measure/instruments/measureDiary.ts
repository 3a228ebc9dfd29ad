/**
 * Daily experience sampling with missed prompts.
 */

import type { RandomStream } from "../../numeric/random.js";
import { logistic, logit } from "./logistic.js";
import { measureLikert } from "./measureLikert.js";
import type { DiaryInstrument, DiaryReading } from "./types.js";

/**
 * Probability that a prompt is missed on a day with latent `latent`:
 * logistic(logit(missing) + missingSlope·(latent − refMean)); equals `missing` at the
 * reference mean, and a negative slope makes low days more often missed.
 */
export function diaryMissProbability(instrument: DiaryInstrument, latent: number): number {
  const missing = instrument.missing ?? 0;
  const slope = instrument.missingSlope ?? 0;
  if (missing <= 0) return 0;
  if (slope === 0) return missing;
  return logistic(logit(missing) + slope * (latent - (instrument.refMean ?? 0.5)));
}

/**
 * Reads a series of daily latent values: each day's prompt is missed with
 * {@link diaryMissProbability} (reading NaN), otherwise scored like a likert scale. Each day
 * draws one uniform and one normal per item whether or not the prompt was answered, so the
 * stream advances the same way for any missingness settings.
 *
 * @throws RangeError if a daily latent value is not finite
 */
export function measureDiary(
  instrument: DiaryInstrument,
  series: Float64Array,
  rng: RandomStream,
): DiaryReading {
  const days = new Float64Array(series.length);
  let sum = 0;
  let answered = 0;
  for (let t = 0; t < series.length; t++) {
    const latent = series[t];
    if (!Number.isFinite(latent)) {
      throw new RangeError(`diary latent on day ${t} must be finite, got ${latent}`);
    }
    const missed = rng.bernoulli(diaryMissProbability(instrument, latent));
    const score = measureLikert(instrument, latent, rng);
    if (missed) {
      days[t] = NaN;
    } else {
      days[t] = score;
      sum += score;
      answered++;
    }
  }
  return { days, mean: answered > 0 ? sum / answered : NaN, answered };
}
