/**
 * The measurement entry point: turns a latent value in [0, 1] into what an instrument records.
 * Every reading is a pure function of the latent value(s), the instrument's declared
 * parameters and the state of the RandomStream passed in.
 */

import type { RandomStream } from "../../numeric/random.js";
import { measureAmount } from "./measureAmount.js";
import { measureAssay } from "./measureAssay.js";
import { measureBinomial } from "./measureBinomial.js";
import { measureChoice } from "./measureChoice.js";
import { measureDiary } from "./measureDiary.js";
import { measureLikert } from "./measureLikert.js";
import { measureLinear } from "./measureLinear.js";
import type { Instrument } from "./types.js";

export { measureDiary } from "./measureDiary.js";
export { validateInstrument } from "./validateInstrument.js";

/**
 * One reading of `instrument` for latent value `latent`, drawing from `rng`. For a diary this
 * is a single day's report (NaN if the prompt was missed); use {@link measureDiary} for a
 * series. The instrument is assumed valid (see `validateInstrument`).
 *
 * @throws RangeError if `latent` is not finite
 */
export function measure(instrument: Instrument, latent: number, rng: RandomStream): number {
  if (!Number.isFinite(latent)) {
    throw new RangeError(`latent value must be finite, got ${latent}`);
  }
  switch (instrument.kind) {
    case "roi":
    case "physio":
      return measureLinear(instrument, latent, rng);
    case "likert":
      return measureLikert(instrument, latent, rng);
    case "binomial":
      return measureBinomial(instrument, latent, rng);
    case "choice":
      return measureChoice(instrument, latent, rng);
    case "amount":
      return measureAmount(instrument, latent, rng);
    case "assay":
      return measureAssay(instrument, latent, rng);
    case "diary":
      return measureDiary(instrument, Float64Array.of(latent), rng).days[0];
  }
}
