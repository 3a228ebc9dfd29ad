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
  /** Minutes of the day an everyday stressor stands for (its weight in time-weighted day means). */
  stressorMinutes: LifeConstant;
  /** Minutes of the day the everyday social encounter stands for. */
  socialMinutes: LifeConstant;
  /** Daily probability of meeting someone in trouble (a helping opportunity). */
  sufferingRate: LifeConstant;
  /** Suffering input of that encounter (0–1). */
  sufferingIntensity: LifeConstant;
  /** Cost of helping in that encounter (0–1). */
  sufferingCost: LifeConstant;
  /** Minutes of the day that encounter stands for. */
  sufferingMinutes: LifeConstant;
  /** Daily probability of being left out. */
  exclusionRate: LifeConstant;
  /** Exclusion input of that episode (0–1). */
  exclusionIntensity: LifeConstant;
  /** Minutes of the day that episode stands for. */
  exclusionMinutes: LifeConstant;
  /** Daily probability of receiving support from someone close. */
  supportRate: LifeConstant;
  /** Warmth of the supporter (kindness cue, 0–1). */
  supportWarmth: LifeConstant;
  /** Minutes of the day that episode stands for. */
  supportMinutes: LifeConstant;
  /** Daily probability of a self-focused moment after a minor setback. */
  selfRate: LifeConstant;
  /** Self-focus input of that moment (0–1). */
  selfFocus: LifeConstant;
  /** Evaluative threat of the setback (0–1). */
  selfSetback: LifeConstant;
  /** Minutes of the day that moment stands for. */
  selfMinutes: LifeConstant;
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
  historyHoursPerDay: LifeConstant;
  historyBlockDays: LifeConstant;
  historyMaxBlocks: LifeConstant;
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
  stressorMinutes: {
    value: 60,
    unit: "minutes",
    provenance: "assumption: an everyday stressor colours about an hour of the day",
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
  socialMinutes: {
    value: 240,
    unit: "minutes",
    provenance: "assumption: about four waking hours a day are spent with others",
  },
  sufferingRate: {
    value: 0.3,
    unit: "probability per day",
    provenance:
      "assumption: someone one meets is in visible trouble two or three days a week (opportunities to help)",
  },
  sufferingIntensity: {
    value: 0.5,
    unit: "suffering (0-1)",
    provenance: "assumption: everyday trouble is milder than lab depictions of suffering (0.7-0.8)",
  },
  sufferingCost: {
    value: 0.2,
    unit: "helpCost (0-1)",
    provenance: "assumption: everyday help costs a little time or effort",
  },
  sufferingMinutes: {
    value: 20,
    unit: "minutes",
    provenance: "assumption: such an encounter lasts a few to tens of minutes",
  },
  exclusionRate: {
    value: 0.05,
    unit: "probability per day",
    provenance:
      "assumption: being left out or ignored happens a few times a month in ordinary social life",
  },
  exclusionIntensity: {
    value: 0.5,
    unit: "exclusionCue (0-1)",
    provenance: "assumption: everyday exclusion is milder than Cyberball or 'future alone' (1)",
  },
  exclusionMinutes: {
    value: 60,
    unit: "minutes",
    provenance: "assumption: the sting of exclusion lasts about an hour",
  },
  supportRate: {
    value: 0.3,
    unit: "probability per day",
    provenance: "assumption: support from someone close two or three days a week",
  },
  supportWarmth: {
    value: 0.8,
    unit: "kindnessCue (0-1)",
    provenance: "assumption: a supporter is warmer than an everyday encounter (0.4)",
  },
  supportMinutes: {
    value: 30,
    unit: "minutes",
    provenance: "assumption: a supportive conversation lasts about half an hour",
  },
  selfRate: {
    value: 0.5,
    unit: "probability per day",
    provenance: "assumption: a small setback that turns thought to oneself every other day",
  },
  selfFocus: {
    value: 0.6,
    unit: "selfFocus (0-1)",
    provenance: "assumption: thought turns clearly, not wholly, to oneself",
  },
  selfSetback: {
    value: 0.3,
    unit: "socialThreat (0-1)",
    provenance:
      "assumption: a minor setback is about half as threatening as an everyday stressor (0.6)",
  },
  selfMinutes: {
    value: 30,
    unit: "minutes",
    provenance: "assumption: the moment and its aftermath last about half an hour",
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
  historyHoursPerDay: {
    value: 1.5,
    unit: "hours per day",
    provenance:
      "assumption: experienced practitioners practise roughly one to three hours a day; sets how many years their prior hours span",
  },
  historyBlockDays: {
    value: 28,
    unit: "days",
    provenance:
      "numerical: prior practice is simulated in blocks of at least this many days (one practice episode and an exact slow step each)",
  },
  historyMaxBlocks: {
    value: 120,
    unit: "blocks",
    provenance:
      "numerical: a history takes at most this many blocks (longer blocks for longer histories)",
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
