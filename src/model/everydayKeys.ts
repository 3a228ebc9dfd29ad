/**
 * The names of everyday life's assumptions (the day loop's stressor rate, social warmth,
 * practice-load scale, state noise, equilibration…), which a model file may set in its
 * optional `everyday:` section. Their meanings and defaults are `EVERYDAY_LIFE`
 * (src/sim/everydayLife.ts); the list lives here so that the model reader can check keys.
 */
export const EVERYDAY_KEYS = [
  "stressorRate",
  "stressorIntensity",
  "stressorMinutes",
  "socialWarmth",
  "socialTroubles",
  "socialMinutes",
  "sufferingRate",
  "sufferingIntensity",
  "sufferingCost",
  "sufferingMinutes",
  "exclusionRate",
  "exclusionIntensity",
  "exclusionMinutes",
  "supportRate",
  "supportWarmth",
  "supportMinutes",
  "selfRate",
  "selfFocus",
  "selfSetback",
  "selfMinutes",
  "classWarmthBase",
  "classWarmthPerSocial",
  "classTroubles",
  "minutesPerLoad",
  "stateNoise",
  "equilibrationRounds",
  "equilibrationDays",
  "historyHoursPerDay",
  "historyBlockDays",
  "historyMaxBlocks",
] as const;

/** One of {@link EVERYDAY_KEYS}. */
export type EverydayKey = (typeof EVERYDAY_KEYS)[number];
