/**
 * The state of one cohort simulation: the participants' propensities, the batch arrays the
 * kernels read and write, the episode-slot scratch buffers and the everyday life in force.
 * Created once by `simulateCohort`, then advanced by `equilibrate` and `simulateDay`.
 */

import * as pm from "../../numeric/portableMath.js";
import { NSTAT, type CompiledModel, type EpisodeBatch } from "../../engine/compileModel.js";
import {
  checkOnDivergence,
  DivergenceError,
  type Divergence,
  type OnDivergence,
} from "../../engine/divergence.js";
import { hashName, RandomStream } from "../../numeric/random.js";
import { EPISODE_DT, EPISODE_DURATION, episodeInputs, type EpisodeInputs } from "../episode.js";
import type { EpisodeSpec } from "../episode.js";
import { everydayLife, type EverydayLife } from "../everydayLife.js";
import type { CohortSpec } from "../simulateCohort.js";

/** Episode slots of a day, in the order their summaries are combined. */
export const SLOT = {
  social: 0,
  class: 1,
  practice: 2,
  stressor: 3,
  suffering: 4,
  exclusion: 5,
  support: 6,
  self: 7,
  rest: 8,
} as const;
/** Name of each slot, for reports (the keys of {@link SLOT}, in slot order). */
export const SLOT_NAME = Object.keys(SLOT) as (keyof typeof SLOT)[];
/** Episode type of each slot (what the model's day summaries read). */
export const SLOT_TYPE = [
  "social",
  "social",
  "practice",
  "stressor",
  "suffering",
  "exclusion",
  "support",
  "self",
  "rest",
] as const;
export const NSLOT = SLOT_TYPE.length;
/** The random everyday encounters (slot, daily rate key, minutes key), in draw order. */
export const ENCOUNTERS = [
  { slot: SLOT.stressor, rate: "stressorRate", minutes: "stressorMinutes" },
  { slot: SLOT.suffering, rate: "sufferingRate", minutes: "sufferingMinutes" },
  { slot: SLOT.exclusion, rate: "exclusionRate", minutes: "exclusionMinutes" },
  { slot: SLOT.support, rate: "supportRate", minutes: "supportMinutes" },
  { slot: SLOT.self, rate: "selfRate", minutes: "selfMinutes" },
] as const;

/** Random-stream families: the day (or day·4 + slot) goes in the low 20 bits. */
export const STREAMS = {
  adherence: hashName("cohort/adherence"),
  day: RandomStream.substream("cohort/day", 0),
  jitter: RandomStream.substream("cohort/jitter", 0),
};
export const DAY_MASK = (1 << 20) - 1;

/** How a day summary is computed from the episode slots. */
interface SummaryRule {
  slots: number[];
  out: number;
  stat: number;
  area: boolean;
  combine: "mean" | "sum" | "max";
}

/** Everything a cohort simulation keeps between days. */
export interface CohortRun {
  cm: CompiledModel;
  spec: CohortSpec;
  ids: Uint32Array;
  P: number;
  dt: number;
  seconds: number;
  noise: number;
  life: { [K in keyof EverydayLife]: number };
  arm: Uint16Array;
  adherence: Float64Array;
  attendance: Float64Array;
  /** The whole batch as the day and person kernels read and write it. */
  state: {
    count: number;
    slow: Float64Array;
    traits: Float64Array;
    events: Float64Array;
    summaries: Float64Array;
    loads: Float64Array;
    flags: Uint8Array;
    /** First slow node (1 + index) that became non-finite in the last day step, else 0. */
    status: Int32Array;
    engagement: Float64Array;
    otherwise: Float64Array;
  };
  minutes: Float64Array;
  practiceDays: Float64Array;
  /** Prior practice hours of each participant (experienced practitioners), else 0. */
  priorHours: Float64Array;
  dayMinutes: Float64Array;
  /** Participants whose states diverged: frozen at their last finite state. */
  frozen: Uint8Array;
  /** Participants whose divergence is recorded in `divergences` (once each). */
  recorded: Uint8Array;
  divergences: Divergence[];
  onDivergence: OnDivergence;
  /** Where the run is (`equilibration`, `day 3`), for divergence reports. */
  phase: string;
  /** Batch members of the next episode slot (indices into the cohort). */
  members: Int32Array;
  /** Per participant and slot: whether the episode ran today, its minutes, its summaries. */
  ran: Uint8Array;
  slotMinutes: Float64Array;
  /** Daily probability of each slot's episode (1 for the everyday social encounter). */
  slotRate: Float64Array;
  epOut: Float64Array;
  /** Sub-batch of one episode slot (scratch). */
  sub: EpisodeBatch & { jitter: Float64Array; status: Int32Array };
  rules: SummaryRule[];
  /** Per skill: output index of its `use` node (closed-loop learning), or −1 (open-loop). */
  useOut: Int32Array;
  /** Whether any skill learns closed-loop (then practice days also run a resting episode). */
  closedLoop: boolean;
  rng: RandomStream;
  /** Episode inputs by content key (the same for everyone doing that content). */
  inputs: Map<string, EpisodeInputs>;
}

function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-6), 1 - 1e-6);
  return pm.log(q / (1 - q));
}
function logistic(x: number): number {
  return 1 / (1 + pm.exp(-x));
}

/** Allocates a cohort run for participants `ids` with their sampled traits and slow states. */
export function createCohortRun(
  cm: CompiledModel,
  spec: CohortSpec,
  ids: Uint32Array,
  sample: { traits: Float64Array; slow: Float64Array; priorHours?: Float64Array },
): CohortRun {
  const P = ids.length;
  const [NE, NF, NO, NSum, NK] = [
    cm.events.length,
    cm.fast.length,
    cm.outputs.length,
    cm.summaries.length,
    cm.skills.length,
  ];
  const life = everydayLife(spec.everyday, cm.model.everyday);
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
  const frozen = new Uint8Array(P);
  return {
    cm,
    spec,
    ids,
    P,
    dt: spec.dt ?? EPISODE_DT,
    seconds: spec.episodeSeconds ?? EPISODE_DURATION,
    noise: spec.noise ?? life.stateNoise,
    life,
    arm,
    adherence,
    attendance,
    state: {
      count: P,
      slow: sample.slow,
      traits: sample.traits,
      events: new Float64Array(P * NE),
      summaries: new Float64Array(P * NSum),
      loads: new Float64Array(P * NK),
      flags: frozen,
      status: new Int32Array(P),
      engagement: new Float64Array(P),
      otherwise: new Float64Array(P * NSum),
    },
    minutes: new Float64Array(P),
    practiceDays: new Float64Array(P),
    priorHours: sample.priorHours ?? new Float64Array(P),
    dayMinutes: new Float64Array(P),
    frozen,
    recorded: new Uint8Array(P),
    divergences: [],
    onDivergence: checkOnDivergence(spec.onDivergence, "onDivergence"),
    phase: "equilibration",
    members: new Int32Array(P),
    ran: new Uint8Array(P * NSLOT),
    slotMinutes: new Float64Array(P * NSLOT),
    slotRate: slotRates(life, spec.stressorRate),
    epOut: new Float64Array(P * NSLOT * NO * NSTAT),
    sub: {
      count: 0,
      slow: new Float64Array(P * cm.slow.length),
      traits: new Float64Array(P * cm.traits.length),
      events: new Float64Array(P * NE),
      jitter: new Float64Array(P * NF),
      out: new Float64Array(P * NO * NSTAT),
      status: new Int32Array(P),
    },
    rules: cm.summaries.map((s) => ({
      slots: SLOT_TYPE.map((t, i) => (s.episodes.includes(t) ? i : -1)).filter((i) => i >= 0),
      out: cm.index.output.get(s.node)!,
      stat: s.op === "peak" ? 1 : s.op === "final" ? 2 : 0,
      area: s.op === "area",
      combine: s.combine,
    })),
    useOut: Int32Array.from(cm.skills, (k) => {
      const d = k.dynamics;
      const u = d?.form === "train" ? d.use : undefined;
      return u === undefined ? -1 : (cm.index.output.get(u) ?? -1);
    }),
    closedLoop: cm.skills.some((k) => k.dynamics?.form === "train" && k.dynamics.use !== undefined),
    rng: new RandomStream(spec.seed, 0, 0),
    inputs: new Map(),
  };
}

/** Daily probability of each slot: social 1, random encounters at their rates, practice 0. */
function slotRates(life: CohortRun["life"], stressorRate?: number): Float64Array {
  const r = new Float64Array(NSLOT);
  r[SLOT.social] = 1;
  for (const e of ENCOUNTERS) r[e.slot] = life[e.rate];
  if (stressorRate !== undefined) r[SLOT.stressor] = stressorRate;
  return r;
}

/** Episode inputs of `key`, laid out once per run. */
export function cachedInputs(run: CohortRun, key: string, make: () => EpisodeSpec): EpisodeInputs {
  let e = run.inputs.get(key);
  if (!e) {
    e = episodeInputs(run.cm, make());
    run.inputs.set(key, e);
  }
  return e;
}

/** Records participant p's divergence (once), freezes them. */
export function recordDivergence(
  run: CohortRun,
  p: number,
  d: Omit<Divergence, "participant">,
): void {
  run.frozen[p] = 1;
  if (run.recorded[p]) return;
  run.recorded[p] = 1;
  run.divergences.push({ participant: run.ids[p], ...d });
}

/** Records the participants the last day step marked as non-finite. */
export function recordDayDivergences(run: CohortRun): void {
  const { status } = run.state;
  for (let p = 0; p < run.P; p++)
    if (status[p] !== 0)
      recordDivergence(run, p, {
        where: `${run.phase}, slow step`,
        node: run.cm.slow[status[p] - 1].id,
        value: NaN,
      });
}

/** Under `onDivergence: "fail"`, stops with an error naming every participant diverged so far. */
export function failOnDivergence(run: CohortRun): void {
  if (run.onDivergence === "fail" && run.divergences.length > 0)
    throw new DivergenceError(
      [...run.divergences].sort((a, b) => a.participant - b.participant),
      run.phase === "equilibration" ? "during equilibration" : `on ${run.phase}`,
    );
}
