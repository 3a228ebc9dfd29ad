/**
 * The episodes of everyday life a cohort meets (social encounters, stressors, a class's
 * social encounter, practice sessions), built from the everyday-life constants in force.
 */

import type { ContentMix } from "../protocol.js";
import {
  exclusionEpisode,
  practiceEpisode,
  socialEpisode,
  stressorEpisode,
  sufferingEpisode,
  type EpisodeInputs,
} from "../episode.js";
import { cachedInputs, ENCOUNTERS, SLOT, type CohortRun } from "./cohortRun.js";
import { runSlot } from "./episodeSlots.js";

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

/** Meeting someone in visible trouble (a chance to help; escape is not easy). */
export function everydaySuffering(run: CohortRun): EpisodeInputs {
  const { dt, seconds: duration, life } = run;
  return cachedInputs(run, "suffering", () =>
    sufferingEpisode({
      intensity: life.sufferingIntensity,
      cost: life.sufferingCost,
      dt,
      duration,
    }),
  );
}

/** Being left out in everyday life. */
export function everydayExclusion(run: CohortRun): EpisodeInputs {
  const { dt, seconds: duration, life } = run;
  return cachedInputs(run, "exclusion", () =>
    exclusionEpisode({ intensity: life.exclusionIntensity, dt, duration }),
  );
}

/** Receiving support from someone close (a warm encounter without troubles). */
export function everydaySupport(run: CohortRun): EpisodeInputs {
  const { dt, seconds: duration, life } = run;
  return cachedInputs(run, "support", () => ({
    ...socialEpisode({ warmth: life.supportWarmth, troubles: 0, dt, duration }),
    type: "support",
  }));
}

/**
 * A self-focused moment after a minor setback (a mistake, a criticism): self-directed thought
 * with a touch of evaluative threat. How a person meets it (kindly or with distress) is what
 * self-compassion questionnaires ask about.
 */
export function everydaySelf(run: CohortRun): EpisodeInputs {
  const { dt, seconds: duration, life } = run;
  return cachedInputs(run, "self", () => ({
    type: "self",
    duration,
    dt,
    segments: [
      {
        from: 0,
        to: duration,
        inputs: { selfFocus: life.selfFocus, socialThreat: life.selfSetback },
      },
    ],
  }));
}

/**
 * A resting episode without any input: the person's resting activity, against which a practice
 * session's exercise of each process is measured (closed-loop learning counts activity above
 * rest, so a neutral session trains nothing).
 */
export function restEpisode(run: CohortRun): EpisodeInputs {
  const { dt, seconds: duration } = run;
  return cachedInputs(run, "rest", () => ({
    type: "rest",
    duration,
    dt,
    segments: [{ from: 0, to: duration, inputs: {} }],
  }));
}

/** The everyday episode of a random-encounter slot. */
export function encounterEpisode(run: CohortRun, slot: number): EpisodeInputs {
  if (slot === SLOT.stressor) return everydayStressor(run);
  if (slot === SLOT.suffering) return everydaySuffering(run);
  if (slot === SLOT.exclusion) return everydayExclusion(run);
  if (slot === SLOT.support) return everydaySupport(run);
  if (slot === SLOT.self) return everydaySelf(run);
  throw new Error(`slot ${slot} is not an everyday encounter`);
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

/**
 * Runs the everyday social encounter and every random encounter for the first `n` members of
 * `run.members` on `pseudoDay` (for the expected day of equilibration and practice history,
 * where each encounter then counts with its daily probability).
 */
export function runEverydayEpisodes(run: CohortRun, n: number, pseudoDay: number): void {
  runSlot(run, SLOT.social, n, pseudoDay, everydaySocial(run), run.life.socialMinutes);
  for (const e of ENCOUNTERS)
    runSlot(run, e.slot, n, pseudoDay, encounterEpisode(run, e.slot), run.life[e.minutes]);
}
