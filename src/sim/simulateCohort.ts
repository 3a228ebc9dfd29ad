/**
 * Days to years: each simulated day runs the day's episodes (everyday social life, practice
 * for those who practise, classes, stressors) through the fast level, combines their
 * summaries with the model's declared coupling operators, and advances the slow level by an
 * exact exponential step. Every participant's numbers depend only on the seed and the
 * participant's id, never on batch size, thread count or order.
 */

import { NSTAT, type CompiledModel } from "../engine/compileModel.js";
import { hashName, RandomStream } from "../numeric/random.js";
import {
  EPISODE_DT,
  EPISODE_DURATION,
  episodeInputs,
  practiceEpisode,
  socialEpisode,
  stressorEpisode,
  type EpisodeInputs,
} from "./episode.js";
import { samplePopulation, type Population } from "./population.js";
import { practiceOnDay, type ContentMix, type Protocol } from "./protocol.js";
import * as pm from "../numeric/portableMath.js";

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
  /** State noise: SD (logit units) of per-episode jitter of each fast node. */
  noise?: number;
  /** Daily probability of an everyday stressor. */
  stressorRate?: number;
  dt?: number;
  episodeSeconds?: number;
  /** Record slow nodes and day summaries every `every` days (default 1). */
  recordEvery?: number;
  /**
   * Rounds of equilibration before day 0 (default 6): the milieu is moved to the fixed point
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
  /** Participants whose states diverged (non-finite) and were frozen. */
  diverged: number;
}

const STREAMS = {
  adherence: hashName("cohort/adherence"),
  /** Families of per-day streams: the day (or day·4 + slot) goes in the low 20 bits. */
  day: RandomStream.substream("cohort/day", 0),
  jitter: RandomStream.substream("cohort/jitter", 0),
};
const DAY_MASK = (1 << 20) - 1;

const EP = { social: 0, class: 1, practice: 2, stressor: 3 } as const;
/** Pseudo-days of the equilibration rounds: random substreams that no simulated day uses. */
const EQUILIBRATION_DAY = 250_000;

/** Episode inputs cached by content (the same for everyone doing that content). */
class InputCache {
  private readonly map = new Map<string, EpisodeInputs>();
  constructor(
    private readonly cm: CompiledModel,
    private readonly dt: number,
    private readonly seconds: number,
  ) {}
  get(key: string, make: () => ReturnType<typeof socialEpisode>): EpisodeInputs {
    let e = this.map.get(key);
    if (!e) {
      e = episodeInputs(this.cm, make());
      this.map.set(key, e);
    }
    return e;
  }
  practice(content: ContentMix): EpisodeInputs {
    return this.get(`practice:${JSON.stringify(content)}`, () =>
      practiceEpisode(this.cm, content, { dt: this.dt, duration: this.seconds }),
    );
  }
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
  const P = ids.length;
  const NS = cm.slow.length;
  const NT = cm.traits.length;
  const NE = cm.events.length;
  const NF = cm.fast.length;
  const NO = cm.outputs.length;
  const NSum = cm.summaries.length;
  const NK = cm.skills.length;
  const dt = spec.dt ?? EPISODE_DT;
  const seconds = spec.episodeSeconds ?? EPISODE_DURATION;
  const noise = spec.noise ?? 0.3;
  const stressorRate = spec.stressorRate ?? 0.15;
  const every = Math.max(1, Math.floor(spec.recordEvery ?? 1));
  for (const id of ids)
    if (id >= spec.assignment.length) throw new Error(`participant ${id} has no arm assignment`);
  if (!Number.isInteger(spec.days) || spec.days < 0 || spec.days > 36_500)
    throw new Error(`days must be a whole number from 0 to 36500 (100 years), got ${spec.days}`);

  const sample = sampleArms(cm, spec, ids);
  const { traits, slow } = sample;
  const arm = new Uint16Array(P);
  const adherence = new Float64Array(P);
  const attendance = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    arm[p] = spec.assignment[ids[p]];
    const prot = spec.arms[arm[p]].protocol;
    const ra = new RandomStream(spec.seed, ids[p], STREAMS.adherence);
    adherence[p] = logistic(logit(prot.adherence.mean) + prot.adherence.sd * ra.normal());
    attendance[p] = logistic(logit(prot.attendance.mean) + prot.attendance.sd * ra.normal());
  }

  const events = new Float64Array(P * NE);
  const engagement = new Float64Array(P);
  const otherwise = new Float64Array(P * NSum);
  const sums = new Float64Array(P * NSum);
  const loads = new Float64Array(P * NK);
  const minutes = new Float64Array(P);
  const practiceDays = new Float64Array(P);
  const cache = new InputCache(cm, dt, seconds);

  // Which summaries read which episode slot, and how.
  const slotType = ["social", "social", "practice", "stressor"];
  const sumSpec = cm.summaries.map((s) => ({
    slots: slotType.map((t, i) => (s.episodes.includes(t) ? i : -1)).filter((i) => i >= 0),
    out: cm.index.output.get(s.node)!,
    stat: s.op === "peak" ? 1 : s.op === "final" ? 2 : 0,
    area: s.op === "area",
    combine: s.combine,
  }));
  // Per participant, per slot: whether the episode ran today, and its summary statistics.
  const ran = new Uint8Array(P * 4);
  const epOut = new Float64Array(P * 4 * NO * NSTAT);

  const variables = [...cm.slow.map((n) => n.id), ...cm.summaries.map((s) => s.id), ...DAY_EXTRAS];
  const NV = variables.length;
  const recDays: number[] = [0];
  for (let d = every; d <= spec.days; d += every) recDays.push(d);
  if (recDays[recDays.length - 1] !== spec.days) recDays.push(spec.days);
  const daily = new Float64Array(P * recDays.length * NV);
  const dayMinutes = new Float64Array(P);
  const record = (r: number): void => {
    for (let p = 0; p < P; p++) {
      const b = (p * recDays.length + r) * NV;
      for (let s = 0; s < NS; s++) daily[b + s] = slow[p * NS + s];
      for (let k = 0; k < NSum; k++) daily[b + NS + k] = r === 0 ? NaN : sums[p * NSum + k];
      daily[b + NS + NSum] = r === 0 ? 0 : dayMinutes[p];
      daily[b + NS + NSum + 1] = engagement[p];
    }
  };

  // Scratch buffers for sub-batches.
  const gSlow = new Float64Array(P * NS);
  const gTraits = new Float64Array(P * NT);
  const gEvents = new Float64Array(P * NE);
  const gJit = new Float64Array(P * NF);
  const gOut = new Float64Array(P * NO * NSTAT);
  const members = new Int32Array(P);
  let diverged = 0;
  /** Participants whose states diverged: frozen at their last finite state. */
  const frozen = new Uint8Array(P);

  const rng = new RandomStream(spec.seed, 0, 0);
  const runSlot = (
    slot: number,
    count: number,
    day: number,
    ei: EpisodeInputs,
    sd = noise,
  ): void => {
    if (count === 0) return;
    const stream = (STREAMS.jitter | ((day * 4 + slot) & DAY_MASK)) >>> 0;
    for (let q = 0; q < count; q++) {
      const p = members[q];
      for (let k = 0; k < NS; k++) gSlow[q * NS + k] = slow[p * NS + k];
      for (let k = 0; k < NT; k++) gTraits[q * NT + k] = traits[p * NT + k];
      for (let k = 0; k < NE; k++) gEvents[q * NE + k] = events[p * NE + k];
      if (sd > 0) {
        rng.reset(ids[p], stream);
        for (let i = 0; i < NF; i++) gJit[q * NF + i] = sd * rng.normal();
      }
    }
    cm.episode(
      count,
      gSlow,
      gTraits,
      gEvents,
      ei.inputs,
      ei.dt,
      ei.nSteps,
      sd > 0 ? gJit : null,
      gOut,
      ei.w0,
      ei.w1,
      null,
      1,
    );
    const W = NO * NSTAT;
    for (let q = 0; q < count; q++) {
      const p = members[q];
      ran[p * 4 + slot] = 1;
      const to = (p * 4 + slot) * W;
      for (let k = 0; k < W; k++) epOut[to + k] = gOut[q * W + k];
    }
  };

  /** Day summary k of participant p over the episodes that ran in the slots of `mask`. */
  const summarise = (p: number, k: number, mask: number): number => {
    const sp = sumSpec[k];
    let acc = sp.combine === "max" ? -Infinity : 0;
    let cnt = 0;
    for (const slot of sp.slots) {
      if (!ran[p * 4 + slot] || !(mask & (1 << slot))) continue;
      let v = epOut[((p * 4 + slot) * NO + sp.out) * NSTAT + sp.stat];
      if (sp.area) v *= seconds;
      if (sp.combine === "max") acc = Math.max(acc, v);
      else acc += v;
      cnt++;
    }
    return cnt === 0 ? otherwise[p * NSum + k] : sp.combine === "mean" ? acc / cnt : acc;
  };

  const social = cache.get("social", () => socialEpisode({ dt, duration: seconds }));
  const stressor = cache.get("stressor", () =>
    stressorEpisode({ intensity: 0.6, dt, duration: seconds }),
  );
  const classSocial = new Map<number, EpisodeInputs>();

  // Equilibration: move the milieu to the fixed point of a typical day without practice.
  // Each round runs a noisy social and stressor episode (on substreams no real day uses),
  // and jumps the slow level to the targets that day implies; the start is the average state
  // over the second half of the rounds (Polyak averaging), which is unbiased for the fixed
  // point of the *expected* day even where summaries enter the dynamics as products.
  const rounds = spec.equilibrate ?? 8;
  const avg = new Float64Array(P * NS);
  let nAvg = 0;
  for (let r = 0; r < rounds; r++) {
    cm.person(P, slow, traits, engagement, otherwise);
    ran.fill(0);
    for (let p = 0; p < P; p++) members[p] = p;
    const pseudoDay = EQUILIBRATION_DAY + r;
    runSlot(EP.social, P, pseudoDay, social);
    runSlot(EP.stressor, P, pseudoDay, stressor);
    for (let p = 0; p < P; p++)
      for (let k = 0; k < NSum; k++)
        sums[p * NSum + k] =
          stressorRate * summarise(p, k, (1 << EP.social) | (1 << EP.stressor)) +
          (1 - stressorRate) * summarise(p, k, 1 << EP.social);
    cm.day(P, slow, traits, events, sums, loads, 365, frozen);
    if (2 * r >= rounds) {
      nAvg++;
      for (let i = 0; i < slow.length; i++) avg[i] += (slow[i] - avg[i]) / nAvg;
    }
  }
  if (nAvg > 0) slow.set(avg);
  cm.person(P, slow, traits, engagement, otherwise);
  record(0);
  let nextRec = 1;

  for (let day = 0; day < spec.days; day++) {
    ran.fill(0);
    dayMinutes.fill(0);
    loads.fill(0);
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
    cm.person(P, slow, traits, engagement, otherwise);

    // Everyday social encounter: everyone.
    let n = 0;
    for (let p = 0; p < P; p++) if (!frozen[p]) members[n++] = p;
    runSlot(EP.social, n, day, social);

    // Practice: per arm, those who practise today.
    for (let a = 0; a < spec.arms.length; a++) {
      const prot = spec.arms[a].protocol;
      const pday = day - (spec.arms[a].startDay ?? 0);
      if (pday < 0) continue;
      const plan = practiceOnDay(prot, pday);
      const asked = plan.classMinutes + plan.homeMinutes + plan.sessionMinutes;
      if (asked <= 0) continue;
      let nPractice = 0;
      let nClass = 0;
      const classMembers: number[] = [];
      // Load on each skill per minute of today's content (before engagement).
      const perMinute = new Float64Array(NK);
      for (const [c, share] of Object.entries(plan.content))
        for (const [skill, w] of Object.entries(cm.model.content[c].trains))
          perMinute[cm.index.skill.get(skill)!] += (share * w) / 30;
      const dayStream = (STREAMS.day | (day & DAY_MASK)) >>> 0;
      for (let p = 0; p < P; p++) {
        if (arm[p] !== a || frozen[p]) continue;
        const r = rng.reset(ids[p], dayStream);
        const attends = plan.classMinutes > 0 && r.uniform() < attendance[p];
        const home = plan.homeMinutes > 0 && r.uniform() < adherence[p];
        const session = plan.sessionMinutes > 0 && r.uniform() < attendance[p];
        const mins =
          (attends ? plan.classMinutes : 0) +
          (home ? plan.homeMinutes : 0) +
          (session ? plan.sessionMinutes : 0);
        if (mins <= 0) continue;
        dayMinutes[p] = mins;
        minutes[p] += mins;
        practiceDays[p] += 1;
        for (let k = 0; k < NK; k++) loads[p * NK + k] += mins * perMinute[k] * engagement[p];
        members[nPractice++] = p;
        if (attends && plan.social > 0) classMembers.push(p);
        nClass = classMembers.length;
      }
      if (Object.keys(plan.content).length > 0)
        runSlot(EP.practice, nPractice, day, cache.practice(plan.content));
      if (nClass > 0) {
        const key = Math.round(plan.social * 100);
        let ei = classSocial.get(key);
        if (!ei) {
          ei = episodeInputs(
            cm,
            socialEpisode({
              warmth: Math.min(1, 0.4 + 0.4 * plan.social),
              troubles: 0.2,
              dt,
              duration: seconds,
            }),
          );
          classSocial.set(key, ei);
        }
        classMembers.forEach((p, q) => (members[q] = p));
        runSlot(EP.class, nClass, day, ei);
      }
    }

    // Everyday stressors.
    n = 0;
    const stressStream = (STREAMS.day | (day & DAY_MASK)) >>> 0;
    for (let p = 0; p < P; p++) {
      if (frozen[p]) continue;
      const r = rng.reset(ids[p], stressStream);
      r.seek(1);
      if (r.uniform() < stressorRate) members[n++] = p;
    }
    runSlot(EP.stressor, n, day, stressor);

    for (let p = 0; p < P; p++)
      for (let k = 0; k < NSum; k++) sums[p * NSum + k] = summarise(p, k, 0b1111);
    if (cm.day(P, slow, traits, events, sums, loads, 1, frozen) > 0) {
      diverged = 0;
      for (let p = 0; p < P; p++) diverged += frozen[p];
    }

    if (nextRec < recDays.length && recDays[nextRec] === day + 1) record(nextRec++);
    onDay?.(day);
  }
  return {
    ids,
    arm,
    days: recDays,
    variables,
    daily,
    traits,
    slow,
    minutes,
    practiceDays,
    adherence,
    priorHours: sample.priorHours,
    diverged,
  };
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

function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  return pm.log(q / (1 - q));
}
function logistic(x: number): number {
  return 1 / (1 + pm.exp(-x));
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
