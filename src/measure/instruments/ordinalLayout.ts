/**
 * Resolving the ordinal-item settings of a questionnaire (likert or diary) into explicit
 * response range, thresholds and item difficulties.
 */

import type { OrdinalItems, ScoreRule } from "./types.js";

/** The resolved geometry of an ordinal-item scale. */
export interface OrdinalLayout {
  /** Number of items. */
  items: number;
  /** Lowest response value. */
  min: number;
  /** Number of response categories (≥ 2). */
  points: number;
  /** Propensity units per unit of latent. */
  loading: number;
  /** The `points − 1` category thresholds in ascending order (propensity units). */
  thresholds: Float64Array;
  /** Difficulty of each item (latent units). */
  difficulties: Float64Array;
  /** How item responses are combined. */
  score: ScoreRule;
  /** Reference-population mean of the latent. */
  refMean: number;
}

/**
 * Response range [min, min + points − 1] from any consistent pair of `points`, `min`, `max`
 * (with only `points`, the scale runs 1..points).
 *
 * @throws RangeError if the fields are missing or inconsistent
 */
export function ordinalRange(o: Pick<OrdinalItems, "points" | "min" | "max">): {
  min: number;
  points: number;
} {
  const { points, min, max } = o;
  let lo: number;
  let n: number;
  if (points !== undefined) {
    n = points;
    lo = min ?? (max !== undefined ? max - points + 1 : 1);
    if (max !== undefined && lo + n - 1 !== max) {
      throw new RangeError(`points ${points} disagree with min ${lo} and max ${max}`);
    }
  } else if (min !== undefined && max !== undefined) {
    lo = min;
    n = max - min + 1;
  } else {
    throw new RangeError("give points, or both min and max");
  }
  if (!Number.isInteger(n) || n < 2 || !Number.isInteger(lo)) {
    throw new RangeError(`need whole-number responses with at least 2 points, got ${n} from ${lo}`);
  }
  return { min: lo, points: n };
}

/**
 * Resolves defaults: thresholds evenly spread over ±thresholdSpread/2 (default spread
 * loading·(points − 2)/points), difficulties evenly spread over difficulty ± difficultySpread/2
 * (defaults 0.5 and 0), `sum` scoring and reference mean 0.5.
 *
 * @throws RangeError if the response range cannot be resolved (see {@link ordinalRange})
 */
export function ordinalLayout(o: OrdinalItems): OrdinalLayout {
  const { min, points } = ordinalRange(o);
  const spread = o.thresholdSpread ?? (o.loading * (points - 2)) / points;
  const thresholds = new Float64Array(points - 1);
  for (let c = 0; c < points - 1; c++) {
    thresholds[c] = points === 2 ? 0 : (spread * (2 * c - (points - 2))) / (2 * (points - 2));
  }
  const centre = o.difficulty ?? 0.5;
  const dSpread = o.difficultySpread ?? 0;
  const difficulties = new Float64Array(o.items);
  for (let i = 0; i < o.items; i++) {
    difficulties[i] = o.items === 1 ? centre : centre + dSpread * (i / (o.items - 1) - 0.5);
  }
  return {
    items: o.items,
    min,
    points,
    loading: o.loading,
    thresholds,
    difficulties,
    score: o.score ?? "sum",
    refMean: o.refMean ?? 0.5,
  };
}
