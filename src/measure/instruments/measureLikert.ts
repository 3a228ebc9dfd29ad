/**
 * Ordinal-item questionnaire scores.
 */

import type { RandomStream } from "../../numeric/random.js";
import { likertItemNoiseSd } from "./likertItemNoiseSd.js";
import { ordinalLayout, type OrdinalLayout } from "./ordinalLayout.js";
import type { DiaryInstrument, LikertInstrument } from "./types.js";

/** Resolved layout and calibrated item-noise SD, per instrument object. */
const prepared = new WeakMap<object, { layout: OrdinalLayout; sigma: number }>();

/**
 * Score of one administration of an ordinal-item scale: each item's propensity
 * loading·(latent − difficulty_i) + N(0, σ²) (σ from {@link likertItemNoiseSd}) is cut by the
 * thresholds into a response min..min + points − 1, and responses are summed or averaged.
 * Floors and ceilings arise from the finite scale. Draws exactly one normal per item.
 * The resolved layout and σ are remembered per instrument object, so an instrument must not
 * be mutated after its first use (build a new object instead).
 */
export function measureLikert(
  instrument: LikertInstrument | DiaryInstrument,
  latent: number,
  rng: RandomStream,
): number {
  let p = prepared.get(instrument);
  if (p === undefined) {
    p = { layout: ordinalLayout(instrument), sigma: likertItemNoiseSd(instrument) };
    prepared.set(instrument, p);
  }
  const { layout, sigma } = p;
  const { thresholds, difficulties, loading } = layout;
  let total = 0;
  for (let i = 0; i < layout.items; i++) {
    const y = loading * (latent - difficulties[i]) + sigma * rng.normal();
    let cat = 0;
    while (cat < thresholds.length && y > thresholds[cat]) cat++;
    total += layout.min + cat;
  }
  return layout.score === "mean" ? total / layout.items : total;
}
