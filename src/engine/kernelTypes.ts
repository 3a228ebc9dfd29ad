/**
 * The kernel interface: what compiled kernels read and write (typed, participant-major batch
 * objects and an episode schedule) and the compiled model that carries them.
 */

import type { Model } from "../model/types.js";
import type { ModelLayout } from "./compile/modelLayout.js";

/** Summary statistics kept per output (fast node or readout) of an episode. */
export const SUMMARY_STATS = ["mean", "peak", "final"] as const;
/** Number of statistics per output in an episode's summary array. */
export const NSTAT = SUMMARY_STATS.length;

/** Participant-major state of a batch: `slow[p*nSlow + k]`, `traits[p*nTraits + k]`, … */
export interface ParticipantBatch {
  /** Number of participants in the batch. */
  count: number;
  /** Slow states, `count × slow.length`. */
  slow: Float64Array;
  /** Traits, `count × traits.length`. */
  traits: Float64Array;
  /** The day's event levels, `count × events.length`. */
  events: Float64Array;
}

/** Trajectory recording of an episode: outputs every `every` steps (and at t = 0). */
export interface TrajectoryBuffer {
  /** `values[(p*nRec + r)*nOut + i]` with `nRec = floor(nSteps / every) + 1`. */
  values: Float64Array;
  /** Record every `every` steps (≥ 1). */
  every: number;
}

/** What the episode kernel reads (states) and writes (summaries, trajectories) per participant. */
export interface EpisodeBatch extends ParticipantBatch {
  /** State noise (logit units), `count × fast.length`; none when null or absent. */
  jitter?: Float64Array | null;
  /** Summary statistics written here: `out[(p*nOut + i)*NSTAT + stat]`. */
  out: Float64Array;
  /** Trajectories, when wanted (default none). */
  trajectory?: TrajectoryBuffer | null;
  /**
   * When given, written per participant: 0 when the episode stayed healthy, else 1 + the
   * index (in `outputs`) of the first output that ended non-finite or far out of its range.
   */
  status?: Int32Array | null;
}

/** The stimulus schedule of an episode, shared by every participant of a batch. */
export interface EpisodeSchedule {
  /** `inputs[k*nInputs + j]`: input j during step k. */
  inputs: Float64Array;
  /** RK4 step (seconds). */
  dt: number;
  /** Number of steps. */
  nSteps: number;
  /** Summary statistics accumulate over steps `[w0, w1)` (post-step states). */
  w0: number;
  w1: number;
}

/**
 * Integrates a batch of participants through one episode with fixed-step RK4.
 * Returns the number of participants whose states diverged (non-finite, or a fast state far
 * outside its range); they are marked in `batch.status` when given.
 */
export type EpisodeKernel = (batch: EpisodeBatch, schedule: EpisodeSchedule) => number;

/** What the day kernel reads and advances: states plus the day's summaries and practice loads. */
export interface DayBatch extends ParticipantBatch {
  /** Day summaries, `count × summaries.length`. */
  summaries: Float64Array;
  /** Practice load on each skill, `count × skills.length`. */
  loads: Float64Array;
  /** Participants whose states became non-finite are marked 1 here, when given. */
  flags?: Uint8Array | null;
  /** When given, written per participant: 0 when finite, else 1 + the first bad slow node. */
  status?: Int32Array | null;
}

/**
 * Advances the slow level of a batch by `dtDays` with an exact exponential step, holding the
 * day's summaries, events and practice loads fixed. Returns the number of participants whose
 * states became non-finite; they are left unchanged and marked in `flags` when given.
 */
export type DayKernel = (batch: DayBatch, dtDays: number) => number;

/** What the person kernel reads (slow states, traits) and writes (engagement, defaults). */
export interface PersonBatch {
  count: number;
  slow: Float64Array;
  traits: Float64Array;
  /** Engagement in practice, one per participant (written). */
  engagement: Float64Array;
  /** Day summaries' values when no episode feeds them, `count × summaries.length` (written). */
  otherwise: Float64Array;
}

/** Per-person quantities of the coupling: engagement in practice and summaries' defaults. */
export type PersonKernel = (batch: PersonBatch) => void;

/** One participant's states, for the single-participant functions (reference solver). */
export interface OneParticipant {
  slow: Float64Array;
  traits: Float64Array;
  events: Float64Array;
  /** State noise of each fast node (logit units); none when null or absent. */
  jitter?: Float64Array | null;
}

/** Right-hand side of one participant's fast level, for the adaptive reference solver. */
export type FastRhs = (
  y: Float64Array,
  dydt: Float64Array,
  inputs: Float64Array,
  person: OneParticipant,
) => void;

/** Generated JavaScript bodies of the kernels (see `emitKernels`). */
export interface KernelSources {
  episode: string;
  day: string;
  person: string;
  rhs: string;
  init: string;
}

/** A model compiled for simulation: its layout in the kernels' arrays, and the kernels. */
export interface CompiledModel extends ModelLayout {
  model: Model;
  hash: string;
  /** Parameter values the kernels were compiled with. */
  params: Readonly<Record<string, number>>;
  /** Fast node ids followed by readout ids: the outputs of an episode. */
  outputs: string[];
  /** Integrates a batch through one episode (fast level, RK4). */
  episode: EpisodeKernel;
  /** Advances a batch's slow level by a span of days. */
  day: DayKernel;
  /** Engagement and summaries' defaults of a batch. */
  person: PersonKernel;
  /** One participant's fast right-hand side (reference solver). */
  fastRhs: FastRhs;
  /** Initial fast states of one participant (the `init` formulas). */
  fastInit: (person: OneParticipant, y: Float64Array) => void;
  /** The generated source, for inspection and debugging. */
  source: KernelSources;
}

/** Options for {@link compileModel}. */
export interface CompileOptions {
  /** Parameter values overriding the model's (e.g. a draw from the priors). */
  params?: Record<string, number>;
}
