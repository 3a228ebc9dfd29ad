/**
 * The episodes of everyday life a cohort meets (social encounters, stressors, a class's
 * social encounter, practice sessions), built from the everyday-life constants in force.
 */

import type { ContentMix } from "../protocol.js";
import { practiceEpisode, socialEpisode, stressorEpisode, type EpisodeInputs } from "../episode.js";
import { cachedInputs, type CohortRun } from "./cohortRun.js";

/** An everyday social encounter. */
export function everydaySocial(run: CohortRun): EpisodeInputs {
  const { dt, seconds: duration, life } = run;
  return cachedInputs(run, "social", () =>
    socialEpisode({ warmth: life.socialWarmth, troubles: life.socialTroubles, dt, duration }),
  );
}

/** An everyday stressor. */
export function everydayStressor(run: CohortRun): EpisodeInputs {
  const { dt, seconds: duration, life } = run;
  return cachedInputs(run, "stressor", () =>
    stressorEpisode({ intensity: life.stressorIntensity, dt, duration }),
  );
}

/** A class's social encounter, warmer with the protocol's social share. */
export function classSocial(run: CohortRun, social: number): EpisodeInputs {
  const { dt, seconds: duration, life } = run;
  return cachedInputs(run, `class:${Math.round(social * 100)}`, () =>
    socialEpisode({
      warmth: Math.min(1, life.classWarmthBase + life.classWarmthPerSocial * social),
      troubles: life.classTroubles,
      dt,
      duration,
    }),
  );
}

/** A practice session of a content mix. */
export function practiceSession(run: CohortRun, content: ContentMix): EpisodeInputs {
  const { dt, seconds: duration } = run;
  return cachedInputs(run, `practice:${JSON.stringify(content)}`, () =>
    practiceEpisode(run.cm, content, { dt, duration }),
  );
}
