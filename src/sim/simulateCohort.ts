/**
 * Days to years: each simulated day runs the day's episodes (everyday social life, practice
 * for those who practise, classes, stressors) through the fast level, combines their
 * summaries with the model's declared coupling operators, and advances the slow level by an
 * exact exponential step. Every participant's numbers depend only on the seed and the
 * participant's id, never on batch size, thread count or order.
 */

import type { CompiledModel } from "../engine/compileModel.js";
import type { Divergence, OnDivergence } from "../engine/divergence.js";
import { createCohortRun, type CohortRun } from "./cohort/cohortRun.js";
import { equilibrate } from "./cohort/equilibrate.js";
import { practiceHistory } from "./cohort/practiceHistory.js";
import { simulateDay } from "./cohort/simulateDay.js";
import type { EverydayLife } from "./everydayLife.js";
import { samplePopulation, type Population } from "./population.js";
import type { Protocol } from "./protocol.js";

/** A life event or challenge applied over a span of days. */
export interface EventSchedule {
  /** Event id declared in the model's coupling (exclusion, supportLoss, endotoxin, …). */
  event: string;
  from: number;
  /** Last day (inclusive). */
  to: number;
  value: number;
  /** Arms it applies to (all when absent). */
  arms?: string[];
}

/** One arm of a cohort. */
export interface CohortArm {
  id: string;
  protocol: Protocol;
  /** Day the programme starts (default 0). */
  startDay?: number;
  /** Population of this arm, when it differs from the cohort's (e.g. CFT therapists). */
  population?: Population;
}

/** Everything a cohort simulation needs besides the compiled model. */
export interface CohortSpec {
  seed: number;
  days: number;
  population: Population;
  arms: CohortArm[];
  /** Arm index of every participant id (ids are 0 … N−1). */
  assignment: Uint16Array;
  events?: EventSchedule[];
  /** State noise: SD (logit units) of per-episode jitter of each fast node (default: everyday life's `stateNoise`). */
  noise?: number;
  /** Daily probability of an everyday stressor (default: everyday life's `stressorRate`). */
  stressorRate?: number;
  /**
   * Participants whose states diverge: `"fail"` (default) stops with a DivergenceError naming
   * them; `"drop"` excludes them from the result and counts them (`diverged`).
   */
  onDivergence?: OnDivergence;
  /** Everyday life's assumptions (values only), overriding the model's `everyday:` section and `EVERYDAY_LIFE`. */
  everyday?: Partial<Record<keyof EverydayLife, number>>;
  dt?: number;
  episodeSeconds?: number;
  /** Record slow nodes and day summaries every `every` days (default 1). */
  recordEvery?: number;
  /**
   * Rounds of equilibration before day 0 (default 8): the milieu is moved to the fixed point
   * of a typical day without practice, starting from the population's initial values (which
   * choose the basin when the milieu is bistable), so the natural course is stationary.
   */
  equilibrate?: number;
}

/** Variables recorded per participant and recorded day, besides slow nodes. */
export const DAY_EXTRAS = ["minutes", "engagement"] as const;

/** Results for a set of participants (participant-major arrays). */
export interface CohortResult {
  ids: Uint32Array;
  arm: Uint16Array;
  /** Recorded days (0 = before the first day, then after each recorded day). */
  days: number[];
  /** Names of recorded variables: slow nodes, day summaries, minutes, engagement. */
  variables: string[];
  /** `daily[(p*days.length + d)*variables.length + v]`. */
  daily: Float64Array;
  traits: Float64Array;
  /** Slow states at the end. */
  slow: Float64Array;
  /** Total minutes practised (classes + home + sessions) and days practised. */
  minutes: Float64Array;
  practiceDays: Float64Array;
  /** Person-level propensity to practise (probability). */
  adherence: Float64Array;
  priorHours: Float64Array;
  /**
   * Participants whose states diverged (non-finite or far out of range). Under
   * `onDivergence: "drop"` they are excluded from every array above and listed here.
   */
  diverged: number;
  /** Which participants diverged, where and in which node (sorted by participant id). */
  divergences: Divergence[];
}

/**
 * Simulates participants `ids` of a cohort over `spec.days` days.
 * `onDay` is called after each day (for progress bars).
 */
export function simulateCohort(
  cm: CompiledModel,
  spec: CohortSpec,
  ids: Uint32Array,
  onDay?: (day: number) => void,
): CohortResult {
  checkCohortSpec(spec, ids);
  const sample = sampleArms(cm, spec, ids);
  const run = createCohortRun(cm, spec, ids, sample);
  const recorder = dailyRecorder(run);
  equilibrate(run, spec.equilibrate ?? run.life.equilibrationRounds);
  practiceHistory(
    run,
    (p) => (spec.arms[run.arm[p]].population ?? spec.population).practiceHours?.content,
  );
  recorder.record(0);
  for (let day = 0; day < spec.days; day++) {
    simulateDay(run, day);
    recorder.dayDone(day);
    onDay?.(day);
  }
  const result: CohortResult = {
    ids,
    arm: run.arm,
    days: recorder.days,
    variables: recorder.variables,
    daily: recorder.daily,
    traits: run.state.traits,
    slow: run.state.slow,
    minutes: run.minutes,
    practiceDays: run.practiceDays,
    adherence: run.adherence,
    priorHours: sample.priorHours,
    diverged: run.divergences.length,
    divergences: [...run.divergences].sort((a, b) => a.participant - b.participant),
  };
  return run.divergences.length > 0 ? dropParticipants(result, run.recorded) : result;
}

/** The result without the participants marked in `drop` (those that diverged). */
function dropParticipants(r: CohortResult, drop: Uint8Array): CohortResult {
  const keep = Array.from(r.ids.keys()).filter((p) => !drop[p]);
  const rows = (a: Float64Array, width: number): Float64Array => {
    const out = new Float64Array(keep.length * width);
    keep.forEach((p, q) => out.set(a.subarray(p * width, (p + 1) * width), q * width));
    return out;
  };
  const P = r.ids.length;
  return {
    ...r,
    ids: Uint32Array.from(keep, (p) => r.ids[p]),
    arm: Uint16Array.from(keep, (p) => r.arm[p]),
    daily: rows(r.daily, r.days.length * r.variables.length),
    traits: rows(r.traits, P ? r.traits.length / P : 0),
    slow: rows(r.slow, P ? r.slow.length / P : 0),
    minutes: rows(r.minutes, 1),
    practiceDays: rows(r.practiceDays, 1),
    adherence: rows(r.adherence, 1),
    priorHours: rows(r.priorHours, 1),
  };
}

/** Checks that every participant has an arm and that the span of days is sensible. */
function checkCohortSpec(spec: CohortSpec, ids: Uint32Array): void {
  for (const id of ids)
    if (id >= spec.assignment.length) throw new Error(`participant ${id} has no arm assignment`);
  if (!Number.isInteger(spec.days) || spec.days < 0 || spec.days > 36_500)
    throw new Error(`days must be a whole number from 0 to 36500 (100 years), got ${spec.days}`);
}

/** Records slow nodes, day summaries, minutes and engagement every `recordEvery` days. */
function dailyRecorder(run: CohortRun): {
  days: number[];
  variables: string[];
  daily: Float64Array;
  record: (r: number) => void;
  dayDone: (day: number) => void;
} {
  const { cm, spec, P, state } = run;
  const [NS, NSum] = [cm.slow.length, cm.summaries.length];
  const every = Math.max(1, Math.floor(spec.recordEvery ?? 1));
  const variables = [...cm.slow.map((n) => n.id), ...cm.summaries.map((s) => s.id), ...DAY_EXTRAS];
  const NV = variables.length;
  const days: number[] = [0];
  for (let d = every; d <= spec.days; d += every) days.push(d);
  if (days[days.length - 1] !== spec.days) days.push(spec.days);
  const daily = new Float64Array(P * days.length * NV);
  const record = (r: number): void => {
    for (let p = 0; p < P; p++) {
      const b = (p * days.length + r) * NV;
      for (let s = 0; s < NS; s++) daily[b + s] = state.slow[p * NS + s];
      for (let k = 0; k < NSum; k++)
        daily[b + NS + k] = r === 0 ? NaN : state.summaries[p * NSum + k];
      daily[b + NS + NSum] = r === 0 ? 0 : run.dayMinutes[p];
      daily[b + NS + NSum + 1] = state.engagement[p];
    }
  };
  let next = 1;
  const dayDone = (day: number): void => {
    if (next < days.length && days[next] === day + 1) record(next++);
  };
  return { days, variables, daily, record, dayDone };
}

/** Samples each participant from the population of their arm (or the cohort's). */
function sampleArms(
  cm: CompiledModel,
  spec: CohortSpec,
  ids: Uint32Array,
): ReturnType<typeof samplePopulation> {
  const pops = spec.arms.map((a) => a.population ?? spec.population);
  if (pops.every((p) => p === spec.population))
    return samplePopulation(cm, spec.population, spec.seed, ids);
  const NT = cm.traits.length;
  const NS = cm.slow.length;
  const out = {
    ids,
    traits: new Float64Array(ids.length * NT),
    slow: new Float64Array(ids.length * NS),
    priorHours: new Float64Array(ids.length),
  };
  pops.forEach((pop, a) => {
    const idx: number[] = [];
    ids.forEach((id, p) => {
      if (spec.assignment[id] === a) idx.push(p);
    });
    if (idx.length === 0) return;
    const s = samplePopulation(
      cm,
      pop,
      spec.seed,
      Uint32Array.from(idx, (p) => ids[p]),
    );
    idx.forEach((p, q) => {
      out.traits.set(s.traits.subarray(q * NT, (q + 1) * NT), p * NT);
      out.slow.set(s.slow.subarray(q * NS, (q + 1) * NS), p * NS);
      out.priorHours[p] = s.priorHours[q];
    });
  });
  return out;
}

/** Assigns participants 0 … N−1 to arms in blocks: the first n₀ to arm 0, and so on. */
export function blockAssignment(ns: number[]): Uint16Array {
  const out = new Uint16Array(ns.reduce((a, b) => a + b, 0));
  let i = 0;
  ns.forEach((n, a) => {
    for (let k = 0; k < n; k++) out[i++] = a;
  });
  return out;
}
