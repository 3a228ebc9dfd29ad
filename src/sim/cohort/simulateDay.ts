/**
 * One simulated day of a cohort: the day's events, the everyday social encounter, practice
 * (classes, home practice, sessions) for those who practise, everyday stressors, then the
 * day summaries and the slow level's step.
 */

import { practiceOnDay, programmeDays } from "../protocol.js";
import { NSTAT } from "../../engine/compileModel.js";
import {
  DAY_MASK,
  ENCOUNTERS,
  failOnDivergence,
  NSLOT,
  recordDayDivergences,
  SLOT,
  STREAMS,
  type CohortRun,
} from "./cohortRun.js";
import { runSlot, summarise } from "./episodeSlots.js";
import {
  classSocial,
  encounterEpisode,
  everydaySocial,
  practiceSession,
  restEpisode,
} from "./everydayEpisodes.js";

/** Sets the day's event levels of every participant from the cohort's event schedule. */
export function applyEvents(run: CohortRun, day: number): void {
  const { cm, spec, P, arm } = run;
  const { events } = run.state;
  const NE = cm.events.length;
  events.fill(0);
  for (const ev of spec.events ?? []) {
    const e = cm.index.event.get(ev.event);
    if (e === undefined)
      throw new Error(
        `unknown event ${JSON.stringify(ev.event)} (model events: ${cm.events.join(", ")})`,
      );
    if (day < ev.from || day > ev.to) continue;
    for (let p = 0; p < P; p++)
      if (!ev.arms || ev.arms.includes(spec.arms[arm[p]].id)) events[p * NE + e] = ev.value;
  }
  courseEvents(run, day);
}

/**
 * While an arm's programme runs, its protocol's `expectancy` sets the model's `course` event
 * (when the model declares one); a schedule's own `course` events win.
 */
function courseEvents(run: CohortRun, day: number): void {
  const { cm, spec, P, arm } = run;
  const e = cm.index.event.get("course");
  if (e === undefined || (spec.events ?? []).some((ev) => ev.event === "course")) return;
  const NE = cm.events.length;
  const level = spec.arms.map((a) => {
    const pday = day - (a.startDay ?? 0);
    return pday >= 0 && pday < programmeDays(a.protocol) ? (a.protocol.expectancy ?? 0) : 0;
  });
  for (let p = 0; p < P; p++) run.state.events[p * NE + e] = level[arm[p]];
}

/** Open-loop load on each skill per minute of a content mix (before engagement). */
function loadPerMinute(run: CohortRun, content: Record<string, number>): Float64Array {
  const { cm } = run;
  const perMinute = new Float64Array(cm.skills.length);
  for (const [c, share] of Object.entries(content))
    for (const [skill, w] of Object.entries(cm.model.content[c].trains))
      perMinute[cm.index.skill.get(skill)!] += (share * w) / run.life.minutesPerLoad;
  return perMinute;
}

/**
 * Adds the day's training loads of the first `n` members of `run.members`, who practised
 * `content` today for `run.dayMinutes` minutes: open-loop skills from the content table,
 * closed-loop skills from how far the mean of their `use` node over each person's own practice
 * episode rose above that person's resting level (both slots already run).
 */
export function addTrainingLoads(run: CohortRun, n: number, content: Record<string, number>): void {
  const { cm, members, state } = run;
  const NK = cm.skills.length;
  const perMinute = loadPerMinute(run, content);
  const W = cm.outputs.length * NSTAT;
  for (let q = 0; q < n; q++) {
    const p = members[q];
    const dose = run.dayMinutes[p] * state.engagement[p];
    const ep = (p * NSLOT + SLOT.practice) * W;
    const rest = (p * NSLOT + SLOT.rest) * W;
    const practised =
      run.ran[p * NSLOT + SLOT.practice] === 1 && run.ran[p * NSLOT + SLOT.rest] === 1;
    for (let k = 0; k < NK; k++) {
      const u = run.useOut[k];
      const exercise = practised
        ? Math.max(0, run.epOut[ep + u * NSTAT] - run.epOut[rest + u * NSTAT])
        : 0;
      const perMin = u < 0 ? perMinute[k] : exercise / run.life.minutesPerLoad;
      state.loads[p * NK + k] += dose * perMin;
    }
  }
}

/** Practice of arm `a` on `day`: who attends, practises at home, has a session; their load. */
function practiseArm(run: CohortRun, a: number, day: number): void {
  const { spec, P, arm, frozen, rng, ids, members } = run;
  const pday = day - (spec.arms[a].startDay ?? 0);
  if (pday < 0) return;
  const plan = practiceOnDay(spec.arms[a].protocol, pday);
  if (plan.classMinutes + plan.homeMinutes + plan.sessionMinutes <= 0) return;
  const classMembers: number[] = [];
  let nPractice = 0;
  const dayStream = (STREAMS.day | (day & DAY_MASK)) >>> 0;
  for (let p = 0; p < P; p++) {
    if (arm[p] !== a || frozen[p]) continue;
    const r = rng.reset(ids[p], dayStream);
    const attends = plan.classMinutes > 0 && r.uniform() < run.attendance[p];
    const home = plan.homeMinutes > 0 && r.uniform() < run.adherence[p];
    const session = plan.sessionMinutes > 0 && r.uniform() < run.attendance[p];
    const mins =
      (attends ? plan.classMinutes : 0) +
      (home ? plan.homeMinutes : 0) +
      (session ? plan.sessionMinutes : 0);
    if (mins <= 0) continue;
    run.dayMinutes[p] = mins;
    run.minutes[p] += mins;
    run.practiceDays[p] += 1;
    members[nPractice++] = p;
    if (attends && plan.social > 0) classMembers.push(p);
  }
  if (Object.keys(plan.content).length > 0) {
    runSlot(run, SLOT.practice, nPractice, day, practiceSession(run, plan.content), run.dayMinutes);
    if (run.closedLoop) runSlot(run, SLOT.rest, nPractice, day, restEpisode(run), 0);
  }
  addTrainingLoads(run, nPractice, plan.content);
  if (classMembers.length > 0) {
    const ei = classSocial(run, plan.social);
    classMembers.forEach((p, q) => (members[q] = p));
    runSlot(run, SLOT.class, classMembers.length, day, ei, plan.classMinutes * plan.social);
  }
}

/** Everyone not frozen meets the everyday social encounter. */
function meetOthers(run: CohortRun, day: number): void {
  let n = 0;
  for (let p = 0; p < run.P; p++) if (!run.frozen[p]) run.members[n++] = p;
  runSlot(run, SLOT.social, n, day, everydaySocial(run), run.life.socialMinutes);
}

/**
 * Each participant not frozen meets each random everyday encounter (stressor, someone in
 * trouble, exclusion, support) with its daily probability, drawn from their own day stream
 * at Philox block 8 + i (clear of the practice draws at the start of the same stream).
 */
function meetEncounters(run: CohortRun, day: number): void {
  const stream = (STREAMS.day | (day & DAY_MASK)) >>> 0;
  ENCOUNTERS.forEach((e, i) => {
    let n = 0;
    for (let p = 0; p < run.P; p++) {
      if (run.frozen[p]) continue;
      const r = run.rng.reset(run.ids[p], stream);
      r.seek(8 + i);
      if (r.uniform() < run.slotRate[e.slot]) run.members[n++] = p;
    }
    runSlot(run, e.slot, n, day, encounterEpisode(run, e.slot), run.life[e.minutes]);
  });
}

/**
 * Simulates `day` for the whole run. Participants who diverge are frozen and recorded; under
 * `onDivergence: "fail"` the day ends with a DivergenceError naming them.
 */
export function simulateDay(run: CohortRun, day: number): void {
  const { cm, state, P } = run;
  run.phase = `day ${day + 1}`;
  const NSum = cm.summaries.length;
  run.ran.fill(0);
  run.dayMinutes.fill(0);
  state.loads.fill(0);
  applyEvents(run, day);
  cm.person(state);
  meetOthers(run, day);
  for (let a = 0; a < run.spec.arms.length; a++) practiseArm(run, a, day);
  meetEncounters(run, day);
  for (let p = 0; p < P; p++)
    for (let k = 0; k < NSum; k++) state.summaries[p * NSum + k] = summarise(run, p, k, ~0);
  if (cm.day(state, 1) > 0) recordDayDivergences(run);
  failOnDivergence(run);
}
