/**
 * Equilibration: moves the milieu to the fixed point of a typical day without practice.
 * Each round runs every everyday episode (social encounter and each random encounter, on
 * substreams no real day uses) and jumps the slow level to the targets of the expected day
 * (each encounter weighted by its daily probability); the start is the average state over
 * the second half of the rounds (Polyak averaging), which is unbiased for the fixed point of
 * the *expected* day even where summaries enter the dynamics as products.
 */

import { failOnDivergence, recordDayDivergences, type CohortRun } from "./cohortRun.js";
import { expectedSummary } from "./episodeSlots.js";
import { runEverydayEpisodes } from "./everydayEpisodes.js";

/** Pseudo-days of the equilibration rounds: random substreams that no simulated day uses. */
export const EQUILIBRATION_DAY = 250_000;

/** Equilibrates the run's slow states over `rounds` rounds (see the module comment). */
export function equilibrate(run: CohortRun, rounds: number): void {
  const { cm, P, state, members } = run;
  run.phase = "equilibration";
  const NSum = cm.summaries.length;
  const avg = new Float64Array(state.slow.length);
  let nAvg = 0;
  for (let r = 0; r < rounds; r++) {
    cm.person(state);
    run.ran.fill(0);
    for (let p = 0; p < P; p++) members[p] = p;
    runEverydayEpisodes(run, P, EQUILIBRATION_DAY + r);
    for (let p = 0; p < P; p++)
      for (let k = 0; k < NSum; k++) state.summaries[p * NSum + k] = expectedSummary(run, p, k);
    if (cm.day(state, run.life.equilibrationDays) > 0) recordDayDivergences(run);
    if (2 * r >= rounds) {
      nAvg++;
      for (let i = 0; i < avg.length; i++) avg[i] += (state.slow[i] - avg[i]) / nAvg;
    }
  }
  if (nAvg > 0) state.slow.set(avg);
  cm.person(state);
  failOnDivergence(run);
}
