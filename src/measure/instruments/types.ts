/**
 * Instrument declarations: the data form (as written in YAML paradigm files) of every way a
 * latent state in [0, 1] can be turned into what an instrument records.
 *
 * Every kind carries a `reliability` r (0 < r ≤ 1) and a `refSd`, the SD of the true score
 * in a reference population, which together fix the measurement noise:
 * noise SD = refSd·sqrt((1 − r)/r). The scale on which `refSd` is expressed is the scale on
 * which that kind adds its noise; it is stated on each kind below.
 */

/** Fields shared by every instrument kind. */
export interface InstrumentBase {
  /** Reliability of one reading, 0 < r ≤ 1 (1 means no added measurement noise). */
  reliability: number;
  /**
   * SD of the true score in a reference population (> 0), used to turn `reliability` into a
   * noise SD; its units are given on each kind.
   */
  refSd: number;
}

/**
 * fMRI region-of-interest contrast in percent signal change:
 * reading = offset + scale·latent + N(0, refSd²·(1 − r)/r). `refSd` is in latent units (the noise is added to the latent before scaling).
 */
export interface RoiInstrument extends InstrumentBase {
  kind: "roi";
  /** Percent signal change per unit of latent. */
  scale: number;
  /** Percent signal change at latent 0 (default 0). */
  offset?: number;
}

/** How item responses are combined into a questionnaire score. */
export type ScoreRule = "sum" | "mean";

/**
 * Ordinal item settings shared by {@link LikertInstrument} and {@link DiaryInstrument}.
 *
 * Item i has propensity loading·(latent − difficulty_i) + N(0, σ²); the propensity is cut into
 * categories by `points − 1` thresholds evenly spread over [−thresholdSpread/2,
 * +thresholdSpread/2]; the response is `min` plus the number of thresholds below the
 * propensity. The item-noise SD σ is calibrated so that the score's test–retest correlation
 * in the reference population N(refMean, refSd²) of the latent equals `reliability`;
 * `refSd` is therefore in latent units here.
 */
export interface OrdinalItems {
  /** Number of items (whole number ≥ 1). */
  items: number;
  /** Number of response categories (≥ 2); with `min` unset the scale runs 1..points. */
  points?: number;
  /** Lowest response value (default 1, or `max − points + 1`). */
  min?: number;
  /** Highest response value (default `min + points − 1`). */
  max?: number;
  /** How strongly items track the latent: propensity units per unit of latent (> 0). */
  loading: number;
  /**
   * Width of the threshold band in propensity units (≥ 0). Default loading·(points − 2)/points,
   * which with difficulty 0.5 makes the noise-free categories split [0, 1] into equal parts.
   */
  thresholdSpread?: number;
  /** Mean item difficulty in latent units (default 0.5). */
  difficulty?: number;
  /** Item difficulties are evenly spread over difficulty ± difficultySpread/2 (default 0). */
  difficultySpread?: number;
  /** `sum` (default) or `mean` of the item responses. */
  score?: ScoreRule;
  /** Mean of the latent in the reference population used for calibration (default 0.5). */
  refMean?: number;
}

/** A questionnaire scored from ordinal items (see {@link OrdinalItems}). */
export interface LikertInstrument extends InstrumentBase, OrdinalItems {
  kind: "likert";
}

/**
 * An accuracy task such as Reading the Mind in the Eyes (36 items, chance 0.25):
 * p = chance + (1 − chance)·logistic(slope·(latent + e − center)) with person-level noise
 * e ~ N(0, refSd²·(1 − r)/r) in latent units (r = 1 means none); the count correct is the sum
 * of `items` Bernoulli(p) draws.
 */
export interface BinomialInstrument extends InstrumentBase {
  kind: "binomial";
  /** Number of items (whole number ≥ 1). */
  items: number;
  /** Guessing floor in [0, 1) (default 0). */
  chance?: number;
  /** Logistic slope per unit of latent (default 1). */
  slope?: number;
  /** Latent value at which accuracy is halfway between chance and 1 (default 0.5). */
  center?: number;
  /** `count` correct (default) or `proportion` correct. */
  score?: "count" | "proportion";
}

/**
 * A binary decision (help, escape): P(yes) = logistic(logit(q)/temperature) with
 * q = clamp(latent + e, 0, 1) and e ~ N(0, refSd²·(1 − r)/r) in latent (probability) units.
 * Temperature 1 (default) leaves q unchanged; smaller is more deterministic. Records 0 or 1.
 */
export interface ChoiceInstrument extends InstrumentBase {
  kind: "choice";
  /** Softness of the choice (> 0, default 1). */
  temperature?: number;
}

/**
 * A continuous allocation (donation, redistribution):
 * reading = clamp(round_step(max·latent + N(0, refSd²·(1 − r)/r)), 0, max), so that a point
 * mass at 0 (and at max) arises from the clamp. `refSd` is in latent units.
 */
export interface AmountInstrument extends InstrumentBase {
  kind: "amount";
  /** Endowment (> 0), e.g. dollars. */
  max: number;
  /** Optional rounding unit (> 0), e.g. 0.5 dollars; rounding happens before the clamp. */
  step?: number;
}

/**
 * A biological assay (IL-6 pg/mL, CRP mg/L, cortisol nmol/L):
 * value = base·exp(gain·latent + b)·m, where b ~ N(0, refSd²·(1 − r)/r) is person-level
 * (biological) noise in latent units (scaled by gain on the ln scale), and m is
 * log-normal assay error with mean 1 and coefficient of variation `cv`
 * (ln m ~ N(−s²/2, s²), s = sqrt(ln(1 + cv²))). Values below `lod` are reported as lod/2.
 */
export interface AssayInstrument extends InstrumentBase {
  kind: "assay";
  /** Value at latent 0 (> 0). */
  base: number;
  /** Log-scale gain per unit of latent. */
  gain: number;
  /** Assay coefficient of variation (≥ 0). */
  cv: number;
  /** Lower limit of detection (≥ 0, default 0 = none). */
  lod?: number;
}

/**
 * A physiological index (HF-HRV ln ms², RSA):
 * reading = offset + scale·latent + N(0, refSd²·(1 − r)/r). `refSd` is in latent units.
 */
export interface PhysioInstrument extends InstrumentBase {
  kind: "physio";
  /** Index units per unit of latent. */
  scale: number;
  /** Index value at latent 0 (default 0). */
  offset?: number;
}

/**
 * Daily experience sampling: each day's latent is reported with ordinal items as in
 * {@link OrdinalItems} (reliability is that of one day's report), unless the prompt is missed.
 * P(missed) = logistic(logit(missing) + missingSlope·(latent − refMean)), so `missing` is the
 * miss rate at the reference mean and a negative `missingSlope` makes low days more often
 * missed.
 */
export interface DiaryInstrument extends InstrumentBase, OrdinalItems {
  kind: "diary";
  /** Probability that a prompt is missed at the reference mean, in [0, 1) (default 0). */
  missing?: number;
  /**
   * Change in the log-odds of missing a prompt per unit of latent (default 0); negative means
   * lower latent → more missed prompts.
   */
  missingSlope?: number;
}

/** Any instrument, discriminated by `kind`. */
export type Instrument =
  | RoiInstrument
  | LikertInstrument
  | BinomialInstrument
  | ChoiceInstrument
  | AmountInstrument
  | AssayInstrument
  | PhysioInstrument
  | DiaryInstrument;

/** The `kind` tag of an {@link Instrument}. */
export type InstrumentKind = Instrument["kind"];

/** Every instrument kind, in documentation order. */
export const INSTRUMENT_KINDS: readonly InstrumentKind[] = [
  "roi",
  "likert",
  "binomial",
  "choice",
  "amount",
  "assay",
  "physio",
  "diary",
];

/** A diary reading: per-day scores (NaN for missed prompts) and the person summary. */
export interface DiaryReading {
  /** One score per day; NaN where the prompt was missed. */
  days: Float64Array;
  /** Mean score over answered days (NaN if none was answered). */
  mean: number;
  /** Number of answered days. */
  answered: number;
}
