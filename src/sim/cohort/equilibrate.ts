/**
 * Equilibration: moves the milieu to the fixed point of a typical day without practice.
 * Each round runs a noisy social and stressor episode (on substreams no real day uses), and
 * jumps the slow level to the targets that day implies; the start is the average state over
 * the second half of the rounds (Polyak averaging), which is unbiased for the fixed point of
 * the *expected* day even where summaries enter the dynamics as products.
 */

import { failOnDivergence, recordDayDivergences, SLOT, type CohortRun } from "./cohortRun.js";
import { runSlot, summarise } from "./episodeSlots.js";
import { everydaySocial, everydayStressor } from "./everydayEpisodes.js";

/** Pseudo-days of the equilibration rounds: random substreams that no simulated day uses. */
export const EQUILIBRATION_DAY = 250_000;

/** Equilibrates the run's slow states over `rounds` rounds (see the module comment). */
export function equilibrate(run: CohortRun, rounds: number): void {
  const { cm, P, state, members, stressorRate } = run;
  run.phase = "equilibration";
  const NSum = cm.summaries.length;
  const social = everydaySocial(run);
  const stressor = everydayStressor(run);
  const bothSlots = (1 << SLOT.social) | (1 << SLOT.stressor);
  const avg = new Float64Array(state.slow.length);
  let nAvg = 0;
  for (let r = 0; r < rounds; r++) {
    cm.person(state);
    run.ran.fill(0);
    for (let p = 0; p < P; p++) members[p] = p;
    const pseudoDay = EQUILIBRATION_DAY + r;
    runSlot(run, SLOT.social, P, pseudoDay, social);
    runSlot(run, SLOT.stressor, P, pseudoDay, stressor);
    for (let p = 0; p < P; p++)
      for (let k = 0; k < NSum; k++)
        state.summaries[p * NSum + k] =
          stressorRate * summarise(run, p, k, bothSlots) +
          (1 - stressorRate) * summarise(run, p, k, 1 << SLOT.social);
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
