/**
 * Equilibration: moves the milieu to the fixed point of a typical day without practice.
 * Each round runs every everyday episode (social encounter and each random encounter, on
 * substreams no real day uses) and jumps the slow level to the fixed point of the expected
 * day-to-day dynamics (`expectedDayStep`: each combination of encounters weighted by its
 * probability); the start is the average state over
 * the second half of the rounds (Polyak averaging), which is unbiased for the fixed point of
 * the *expected* day even where summaries enter the dynamics as products.
 */

import { failOnDivergence, recordDayDivergences, type CohortRun } from "./cohortRun.js";
import { expectedDayStep } from "./episodeSlots.js";
import { runEverydayEpisodes } from "./everydayEpisodes.js";

/** Pseudo-days of the equilibration rounds: random substreams that no simulated day uses. */
export const EQUILIBRATION_DAY = 250_000;

/** Expected-day steps per equilibration round (numerical; see the comment in the loop). */
export const INNER_ITERATIONS = 12;

/** Equilibrates the run's slow states over `rounds` rounds (see the module comment). */
export function equilibrate(run: CohortRun, rounds: number): void {
  const { cm, P, state, members } = run;
  run.phase = "equilibration";
  const avg = new Float64Array(state.slow.length);
  let nAvg = 0;
  for (let r = 0; r < rounds; r++) {
    cm.person(state);
    run.ran.fill(0);
    for (let p = 0; p < P; p++) members[p] = p;
    runEverydayEpisodes(run, P, EQUILIBRATION_DAY + r);
    // Iterating the expected-day map on the round's episodes converges on its fixed point even
    // where a summary falls back on the current state on days without its episode (a map that
    // only contracts by the probability of that episode per step).
    for (let it = 0; it < INNER_ITERATIONS; it++) {
      if (it > 0) cm.person(state);
      if (expectedDayStep(run, P, run.life.equilibrationDays) > 0) recordDayDivergences(run);
    }
    if (2 * r >= rounds) {
      nAvg++;
      for (let i = 0; i < avg.length; i++) avg[i] += (state.slow[i] - avg[i]) / nAvg;
    }
  }
  if (nAvg > 0) state.slow.set(avg);
  cm.person(state);
  failOnDivergence(run);
}
