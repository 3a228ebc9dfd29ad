/**
 * Episodes: seconds-to-minutes stimulus schedules (another's suffering, exclusion, a
 * stressor, a practice session, a social encounter) run through the compiled fast level.
 */

import { checkTimeStep } from "../engine/checkTimeStep.js";
import { NSTAT, type CompiledModel, type EpisodeSchedule } from "../engine/compileModel.js";
import {
  checkOnDivergence,
  DivergenceError,
  episodeDivergences,
  type Divergence,
  type OnDivergence,
} from "../engine/divergence.js";
import type { ContentMix } from "./protocol.js";

/** A span of an episode during which inputs hold given levels (others are 0). */
export interface EpisodeSegment {
  from: number;
  to: number;
  inputs: Record<string, number>;
}

/** An episode: a stimulus schedule and the window its summaries cover (seconds). */
export interface EpisodeSpec {
  /** Episode type, read by the coupling's day summaries (e.g. `social`, `practice`). */
  type: string;
  duration: number;
  /** RK4 step (seconds). */
  dt: number;
  segments: EpisodeSegment[];
  /** Summaries cover [from, to) seconds; default the whole episode. */
  window?: [number, number];
}

/**
 * Default RK4 step (seconds) of everyday episodes. At 0.2 s, episode summaries of the
 * default model agree with the adaptive Dormand–Prince solver to better than 1e-4
 * (see `npm run bench`); lab paradigms may use finer steps.
 */
export const EPISODE_DT = 0.2;
/** Default length (seconds) of an everyday episode: a representative window of it. */
export const EPISODE_DURATION = 12;

/** Inputs of an episode laid out per step, plus the step window of its summaries. */
export interface EpisodeInputs extends EpisodeSchedule {
  /** Times (s) where inputs change: breakpoints for an adaptive solver. */
  breaks: number[];
}

/**
 * Lays out an episode's inputs per RK4 step (input values at each step's midpoint), after
 * checking that every input exists and lies in its range, and that the step is stable for
 * the model's fast time constants (see `checkTimeStep`).
 */
export function episodeInputs(cm: CompiledModel, spec: EpisodeSpec): EpisodeInputs {
  if (!(spec.dt > 0) || !(spec.duration > 0))
    throw new Error(`episode ${spec.type}: duration and dt must be positive`);
  checkTimeStep(cm, spec.dt, `episode ${spec.type}`);
  const nSteps = Math.round(spec.duration / spec.dt);
  if (Math.abs(nSteps * spec.dt - spec.duration) > 1e-9 * spec.duration)
    throw new Error(
      `episode ${spec.type}: duration ${spec.duration} s is not a whole number of steps of ${spec.dt} s`,
    );
  const NI = cm.inputs.length;
  const inputs = new Float64Array(nSteps * NI);
  const breaks = new Set<number>();
  for (const seg of spec.segments) {
    for (const [name, v] of Object.entries(seg.inputs)) {
      const j = cm.index.input.get(name);
      if (j === undefined)
        throw new Error(
          `episode ${spec.type}: unknown input ${JSON.stringify(name)} (inputs: ${cm.inputs.map((n) => n.id).join(", ")})`,
        );
      const [lo, hi] = cm.inputs[j].range;
      if (!(v >= lo && v <= hi))
        throw new Error(`episode ${spec.type}: input ${name} = ${v} lies outside [${lo}, ${hi}]`);
      const k0 = Math.max(0, Math.round(seg.from / spec.dt));
      const k1 = Math.min(nSteps, Math.round(seg.to / spec.dt));
      for (let k = k0; k < k1; k++) inputs[k * NI + j] = v;
    }
    if (seg.from > 0 && seg.from < spec.duration)
      breaks.add(Math.round(seg.from / spec.dt) * spec.dt);
    if (seg.to > 0 && seg.to < spec.duration) breaks.add(Math.round(seg.to / spec.dt) * spec.dt);
  }
  const [a, b] = spec.window ?? [0, spec.duration];
  return {
    inputs,
    nSteps,
    dt: spec.dt,
    w0: Math.round(a / spec.dt),
    w1: Math.round(b / spec.dt),
    breaks: [...breaks].sort((x, y) => x - y),
  };
}

/** Options of the episode factories. */
export interface EpisodeTiming {
  duration?: number;
  dt?: number;
}

const whole = (
  type: string,
  inputs: Record<string, number>,
  t: EpisodeTiming = {},
): EpisodeSpec => {
  const duration = t.duration ?? EPISODE_DURATION;
  return { type, duration, dt: t.dt ?? EPISODE_DT, segments: [{ from: 0, to: duration, inputs }] };
};

/** Witnessing another's suffering at some intensity, with ease of escape and cost of helping. */
export function sufferingEpisode(
  o: { intensity: number; escape?: number; cost?: number } & EpisodeTiming,
): EpisodeSpec {
  return whole(
    "suffering",
    { suffering: o.intensity, escapeEase: o.escape ?? 0, helpCost: o.cost ?? 0 },
    o,
  );
}

/** Being socially excluded. */
export function exclusionEpisode(o: { intensity?: number } & EpisodeTiming = {}): EpisodeSpec {
  return whole("exclusion", { exclusionCue: o.intensity ?? 1 }, o);
}

/** A social-evaluative stressor (e.g. a speech before a judging panel). */
export function stressorEpisode(o: { intensity?: number } & EpisodeTiming = {}): EpisodeSpec {
  return whole("stressor", { socialThreat: o.intensity ?? 1 }, o);
}

/** An everyday social encounter: warmth of the other and their troubles. */
export function socialEpisode(
  o: { warmth?: number; troubles?: number } & EpisodeTiming = {},
): EpisodeSpec {
  return whole("social", { kindnessCue: o.warmth ?? 0.4, suffering: o.troubles ?? 0.2 }, o);
}

/** A practice session presenting the inputs of its content mix (share-weighted). */
export function practiceEpisode(
  cm: CompiledModel,
  content: ContentMix,
  t: EpisodeTiming = {},
): EpisodeSpec {
  const inputs: Record<string, number> = {};
  for (const [c, share] of Object.entries(content)) {
    const prim = cm.model.content[c];
    if (!prim) throw new Error(`unknown content primitive ${JSON.stringify(c)}`);
    for (const [inp, v] of Object.entries(prim.inputs))
      inputs[inp] = (inputs[inp] ?? 0) + share * v;
  }
  return whole("practice", inputs, t);
}

/** A batch of participants' slow states, traits and the day's events. */
export interface Batch {
  P: number;
  slow: Float64Array;
  traits: Float64Array;
  events: Float64Array;
}

/** Result of running an episode for a batch. */
export interface EpisodeRun {
  /** `summaries[(p*nOut + i)*NSTAT + stat]`, stats mean, peak, final. */
  summaries: Float64Array;
  /** Trajectories when requested: `traj[(p*nRec + r)*nOut + i]`. */
  traj?: Float64Array;
  nRec: number;
  /** Participants whose fast states diverged (non-finite or far out of range). */
  diverged: number;
  /** Which participants diverged, and where (under `onDivergence: "drop"`). */
  divergences: Divergence[];
}

/** Options of {@link runEpisode}. */
export interface RunEpisodeOptions {
  /** State noise, `P × fast nodes` (logit units); default none. */
  jitter?: Float64Array | null;
  /** Record trajectories (default false), every `every` steps (default 1). */
  record?: boolean;
  every?: number;
  /** Summaries are written here when given. */
  out?: Float64Array;
  /** Default `"fail"`: throw a DivergenceError naming diverged participants; `"drop"`: report them. */
  onDivergence?: OnDivergence;
  /** Participant ids of the batch, for divergence reports (default the batch index). */
  ids?: Uint32Array;
}

/** Runs one episode for a batch. `jitter` (P × fast nodes) adds state noise in logit units. */
export function runEpisode(
  cm: CompiledModel,
  spec: EpisodeSpec | EpisodeInputs,
  batch: Batch,
  opts: RunEpisodeOptions = {},
): EpisodeRun {
  const mode = checkOnDivergence(opts.onDivergence);
  const ei = "inputs" in spec ? spec : episodeInputs(cm, spec);
  const NO = cm.outputs.length;
  const summaries = opts.out ?? new Float64Array(batch.P * NO * NSTAT);
  const every = opts.every ?? 1;
  const nRec = opts.record ? Math.floor(ei.nSteps / every) + 1 : 0;
  const traj = opts.record ? new Float64Array(batch.P * nRec * NO) : null;
  const status = new Int32Array(batch.P);
  const diverged = cm.episode(
    {
      count: batch.P,
      slow: batch.slow,
      traits: batch.traits,
      events: batch.events,
      jitter: opts.jitter ?? null,
      out: summaries,
      trajectory: traj === null ? null : { values: traj, every },
      status,
    },
    ei,
  );
  const type = "type" in spec ? spec.type : "episode";
  const divergences =
    diverged === 0
      ? []
      : episodeDivergences(
          cm,
          status,
          batch.P,
          summaries,
          (q) => (opts.ids ? opts.ids[q] : q),
          `${type} episode`,
        );
  if (divergences.length > 0 && mode === "fail") throw new DivergenceError(divergences);
  return { summaries, traj: traj ?? undefined, nRec, diverged, divergences };
}

/** Reads one statistic of one output for participant p from episode summaries. */
export function summaryOf(
  cm: CompiledModel,
  summaries: Float64Array,
  p: number,
  output: string,
  stat: "mean" | "peak" | "final" = "mean",
): number {
  const i = cm.index.output.get(output);
  if (i === undefined) throw new Error(`unknown episode output ${JSON.stringify(output)}`);
  return summaries[
    (p * cm.outputs.length + i) * NSTAT + (stat === "mean" ? 0 : stat === "peak" ? 1 : 2)
  ];
}
