/**
 * The everyday life a cohort lives between its practice: the assumptions of the day loop
 * (how often stressors come, how intense they are, how warm a class is, how many minutes of
 * practice make one unit of training load), written once, each with its provenance, and
 * overridable per cohort (`CohortSpec.everyday`). They were literals inside the day loop;
 * their values are unchanged. A model file carries them as data in its `everyday:` section
 * (models/mascaro2015.yaml); these defaults serve models without it.
 */

import type { EverydayKey, Model } from "../model/types.js";

/** One assumption of everyday life: its value and why it has that value. */
export interface LifeConstant {
  value: number;
  unit: string;
  provenance: string;
}

/** The assumptions of the day loop (see {@link EVERYDAY_LIFE} for the defaults). */
export interface EverydayLife extends Record<EverydayKey, LifeConstant> {
  /** Daily probability of an everyday stressor. */
  stressorRate: LifeConstant;
  /** `socialThreat` input of an everyday stressor episode (0–1). */
  stressorIntensity: LifeConstant;
  /** Warmth (`kindnessCue` input) of the other in an everyday social encounter. */
  socialWarmth: LifeConstant;
  /** Troubles (`suffering` input) of the other in an everyday social encounter. */
  socialTroubles: LifeConstant;
  /** Warmth of a class's social encounter without social content: `base + perSocial · social`. */
  classWarmthBase: LifeConstant;
  /** Extra warmth of a class's social encounter per unit of the protocol's `social` share. */
  classWarmthPerSocial: LifeConstant;
  /** Troubles of the others in a class's social encounter. */
  classTroubles: LifeConstant;
  /** Minutes of practice that make one unit of training load on a skill (weight 1). */
  minutesPerLoad: LifeConstant;
  /** State noise: SD (logit units) of the per-episode jitter of each fast node. */
  stateNoise: LifeConstant;
  /** Rounds of equilibration before day 0. */
  equilibrationRounds: LifeConstant;
  /** Span (days) of each equilibration round's slow step: long enough to reach the target. */
  equilibrationDays: LifeConstant;
}

/** The defaults of everyday life (the values the day loop always used). */
export const EVERYDAY_LIFE: Readonly<EverydayLife> = Object.freeze({
  stressorRate: {
    value: 0.15,
    unit: "probability per day",
    provenance: "assumption: about one everyday stressor a week",
  },
  stressorIntensity: {
    value: 0.6,
    unit: "socialThreat (0-1)",
    provenance: "assumption: an everyday stressor is milder than a lab stressor (TSST, 1)",
  },
  socialWarmth: {
    value: 0.4,
    unit: "kindnessCue (0-1)",
    provenance: "assumption: the default of socialEpisode, a moderately warm encounter",
  },
  socialTroubles: {
    value: 0.2,
    unit: "suffering (0-1)",
    provenance: "assumption: the default of socialEpisode, mild troubles of the other",
  },
  classWarmthBase: {
    value: 0.4,
    unit: "kindnessCue (0-1)",
    provenance: "assumption: a class without social content is as warm as everyday life",
  },
  classWarmthPerSocial: {
    value: 0.4,
    unit: "kindnessCue per unit of social share",
    provenance: "assumption: a fully social class (group sharing) is twice as warm (capped at 1)",
  },
  classTroubles: {
    value: 0.2,
    unit: "suffering (0-1)",
    provenance: "assumption: classmates' troubles as in everyday encounters",
  },
  minutesPerLoad: {
    value: 30,
    unit: "minutes",
    provenance: "assumption: a typical 30-minute session is one unit of load (calibration scale)",
  },
  stateNoise: {
    value: 0.3,
    unit: "logit SD",
    provenance: "assumption: day-to-day variation of the same person's responses",
  },
  equilibrationRounds: {
    value: 8,
    unit: "rounds",
    provenance: "numerical: enough rounds for the averaged start to settle (Polyak averaging)",
  },
  equilibrationDays: {
    value: 365,
    unit: "days",
    provenance: "numerical: each round jumps the slow level to the target of a typical day",
  },
} satisfies EverydayLife);

/**
 * Everyday life's values: `overrides` (a cohort's, values only) win, then the model's
 * `everyday:` section (`model`), then the defaults {@link EVERYDAY_LIFE}.
 */
export function everydayLife(
  overrides: Partial<Record<keyof EverydayLife, number>> = {},
  model?: Model["everyday"],
): {
  [K in keyof EverydayLife]: number;
} {
  const out = {} as { [K in keyof EverydayLife]: number };
  for (const k of Object.keys(EVERYDAY_LIFE) as (keyof EverydayLife)[]) {
    const v = Object.hasOwn(overrides, k)
      ? overrides[k]
      : model && Object.hasOwn(model, k)
        ? model[k]!.value
        : EVERYDAY_LIFE[k].value;
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new Error(`everyday.${k}: expected a finite number, got ${String(v)}`);
    out[k] = v;
  }
  for (const k of Object.keys(overrides))
    if (!Object.hasOwn(EVERYDAY_LIFE, k))
      throw new Error(
        `everyday.${k}: unknown setting (known: ${Object.keys(EVERYDAY_LIFE).join(", ")})`,
      );
  return out;
}
