/**
 * Running a day's episode slots for the members of a sub-batch, and combining the slots'
 * summaries into the model's day summaries with its declared operators.
 */

import { NSTAT } from "../../engine/compileModel.js";
import type { EpisodeInputs } from "../episode.js";
import {
  DAY_MASK,
  NSLOT,
  recordDivergence,
  SLOT,
  SLOT_NAME,
  STREAMS,
  type CohortRun,
} from "./cohortRun.js";

/**
 * Runs the episode `ei` in `slot` for the first `count` members of `run.members` on `day`,
 * with state noise `sd` drawn from the participant's stream of that day and slot. `minutes`
 * is how much of the day the episode stands for (its weight in time-weighted day means): one
 * number for everyone, or an array indexed by participant.
 */
export function runSlot(
  run: CohortRun,
  slot: number,
  count: number,
  day: number,
  ei: EpisodeInputs,
  minutes: number | Float64Array = 1,
  sd = run.noise,
): void {
  if (count === 0) return;
  const { cm, members, sub, state, rng, ids } = run;
  const [NS, NT, NE, NF] = [cm.slow.length, cm.traits.length, cm.events.length, cm.fast.length];
  const stream = (STREAMS.jitter | ((day * NSLOT + slot) & DAY_MASK)) >>> 0;
  for (let q = 0; q < count; q++) {
    const p = members[q];
    for (let k = 0; k < NS; k++) sub.slow[q * NS + k] = state.slow[p * NS + k];
    for (let k = 0; k < NT; k++) sub.traits[q * NT + k] = state.traits[p * NT + k];
    for (let k = 0; k < NE; k++) sub.events[q * NE + k] = state.events[p * NE + k];
    if (sd > 0) {
      rng.reset(ids[p], stream);
      for (let i = 0; i < NF; i++) sub.jitter[q * NF + i] = sd * rng.normal();
    }
  }
  sub.count = count;
  const bad = cm.episode({ ...sub, jitter: sd > 0 ? sub.jitter : null }, ei);
  const W = cm.outputs.length * NSTAT;
  if (bad > 0)
    for (let q = 0; q < count; q++)
      if (sub.status[q] !== 0) {
        const i = sub.status[q] - 1;
        recordDivergence(run, members[q], {
          where: `${run.phase}, ${SLOT_NAME[slot]} episode`,
          node: cm.outputs[i],
          value: sub.out[q * W + i * NSTAT + 2],
        });
      }
  for (let q = 0; q < count; q++) {
    const p = members[q];
    run.ran[p * NSLOT + slot] = 1;
    run.slotMinutes[p * NSLOT + slot] = typeof minutes === "number" ? minutes : minutes[p];
    const to = (p * NSLOT + slot) * W;
    for (let k = 0; k < W; k++) run.epOut[to + k] = sub.out[q * W + k];
  }
}

/**
 * Day summary k of participant p over the episodes that ran in the slots of `mask`. A `mean`
 * is time-weighted: each episode counts with the minutes of the day it stands for.
 */
export function summarise(run: CohortRun, p: number, k: number, mask: number): number {
  const sp = run.rules[k];
  const NO = run.cm.outputs.length;
  let acc = sp.combine === "max" ? -Infinity : 0;
  let weights = 0;
  let cnt = 0;
  for (const slot of sp.slots) {
    if (!run.ran[p * NSLOT + slot] || !(mask & (1 << slot))) continue;
    let v = run.epOut[((p * NSLOT + slot) * NO + sp.out) * NSTAT + sp.stat];
    if (sp.area) v *= run.seconds;
    if (sp.combine === "max") acc = Math.max(acc, v);
    else if (sp.combine === "mean") {
      const w = run.slotMinutes[p * NSLOT + slot];
      acc += w * v;
      weights += w;
    } else acc += v;
    cnt++;
  }
  if (cnt === 0) return run.state.otherwise[p * run.cm.summaries.length + k];
  return sp.combine === "mean" ? (weights > 0 ? acc / weights : acc) : acc;
}

/**
 * Steps the slow level of the first `count` participants over `days` days of the *expected*
 * day: every subset of the random slots that ran this round (each present with its daily
 * probability, independently) gives one day's summaries and one exact step from the same
 * start, and the new slow state is the probability-weighted mean of those steps. Over long
 * steps this lands on the fixed point of the averaged day-to-day dynamics (the mean of the
 * targets, not the target of the mean day), which is what the real stochastic days drift to.
 * Returns the number of participants whose step became non-finite in any subset.
 */
export function expectedDayStep(run: CohortRun, count: number, days: number): number {
  const { cm, state } = run;
  const NS = cm.slow.length;
  const NSum = cm.summaries.length;
  const random: number[] = [];
  for (let slot = 0; slot < NSLOT; slot++) {
    const r = run.slotRate[slot];
    if (r > 0 && r < 1 && slot !== SLOT.class && slot !== SLOT.practice) random.push(slot);
  }
  const start = state.slow.slice(0, count * NS);
  const acc = new Float64Array(count * NS);
  let bad = 0;
  for (let sub = 0; sub < 1 << random.length; sub++) {
    let mask = ~0;
    let prob = 1;
    random.forEach((slot, i) => {
      const on = (sub >> i) & 1;
      if (!on) mask &= ~(1 << slot);
      prob *= on ? run.slotRate[slot] : 1 - run.slotRate[slot];
    });
    if (prob <= 0) continue;
    for (let p = 0; p < count; p++)
      for (let k = 0; k < NSum; k++) state.summaries[p * NSum + k] = summarise(run, p, k, mask);
    state.slow.set(start);
    bad += cm.day(state, days);
    for (let i = 0; i < count * NS; i++) acc[i] += prob * state.slow[i];
  }
  state.slow.set(acc);
  return bad;
}
