/**
 * The theory as data: the shape of a kindsim model file (YAML or JSON).
 *
 * A model declares nodes (what exists), edges (who acts on whom, with evidence), parameters
 * (numbers with priors and provenance), the content primitives that practices are made of,
 * the coupling between the fast (episode) and slow (day) levels, and named variants that
 * stand for rival hypotheses. Equations are written in the small formula language of
 * `formula.ts`; they are parsed, never evaluated as JavaScript.
 */

import type { Prior } from "../numeric/priors.js";
import type { EverydayKey } from "./everydayKeys.js";

export type { Prior, EverydayKey };

/** What role a node plays in the theory (drawn as a different box in the diagram). */
export type NodeKind =
  | "input"
  | "process"
  | "modulator"
  | "affect"
  | "outcome"
  | "neuromodulator"
  | "skill"
  | "milieu"
  | "trait";

/**
 * Where a node lives in time.
 * - `input`: a stimulus channel set by the episode schedule (0 unless an episode sets it).
 * - `fast`: a rate unit integrated within an episode (seconds): `tau dx/dt = -x + equation`.
 * - `readout`: an algebraic function of fast states, computed on summaries (e.g. a choice).
 * - `slow`: a state updated once per day with an exact exponential step.
 * - `day`: a per-day quantity (episode summaries, events), defined by the coupling section.
 * - `trait`: a constant per person, drawn from the population.
 */
export type NodeLevel = "input" | "fast" | "readout" | "slow" | "trait";

/** Slow (day-level) dynamics. Both forms integrate exactly over a day with frozen inputs. */
export type SlowDynamics =
  | {
      /** Relax toward a target: dx/dt = (target − x) / tau, tau in days. */
      form: "relax";
      target: string;
      tau: string;
    }
  | {
      /**
       * A trained skill: dx/dt = rate·load·(1 − x) − decay·(x − baseline), where `load`
       * is the day's practice load on this skill, plus an optional extra drive formula.
       * With `use` the load is closed-loop: for each practice session, its minutes (over the
       * everyday life's `minutesPerLoad`) × engagement × how far the mean of the `use` node (a
       * fast node or readout) over that person's practice episode rose above their resting
       * level, so a skill grows with what the person actually did in the session. Without `use` the load is open-loop, set by the
       * content table's `trains` (content minutes × weight × engagement).
       */
      form: "train";
      rate: string;
      decay: string;
      baseline: string;
      drive?: string;
      /** Fast node or readout whose mean over a practice episode is the exercise of this skill. */
      use?: string;
    }
  | {
      /** General linear form dx/dt = drive − decay·x, drive and decay formulas. */
      form: "linear";
      drive: string;
      decay: string;
    };

/** One box of the diagram. */
export interface ModelNode {
  id: string;
  /**
   * Optional short symbol (at most 4 characters, e.g. `F` for affective sharing) that the
   * diagram draws in the box instead of the id; ids are words, symbols keep boxes readable.
   */
  symbol?: string;
  label: string;
  kind: NodeKind;
  level: NodeLevel;
  /** Brain regions (or body systems) the node stands for. */
  regions?: string[];
  /** Range of values; fast nodes live in [0, 1]. */
  range: [number, number];
  unit: string;
  /** One line: what the node means. */
  meaning: string;
  evidence?: string[];
  /** Fast nodes: time constant in seconds (a number or a parameter id). */
  tau?: number | string;
  /** Fast and readout nodes: the equation (fast: the steady-state drive f(·)). */
  equation?: string;
  /** Fast nodes: value at the start of an episode (formula; default 0). */
  init?: string;
  /** Slow nodes: their dynamics. */
  dynamics?: SlowDynamics;
  /** Input and trait nodes: default value; slow nodes: default initial value. */
  default?: number;
  /**
   * Why a readout may read a manipulated input or a trained skill directly (on the readout:
   * for everything it reads; on an input or skill: for every readout that reads it). The
   * model lint then lists the reading as justified instead of as a finding.
   */
  lintJustification?: string;
}

/** How an edge acts on its target. */
export type EdgeEffect = "drive" | "inhibit" | "gain";

/** One arrow of the diagram. Every edge must appear in its target's equation. */
export interface ModelEdge {
  id: string;
  from: string;
  to: string;
  effect: EdgeEffect;
  /** The parameter that sets its strength (must appear in the target's equation). */
  weight?: string;
  /**
   * Value of `from` that switches the edge off (0 for drives; 1 for a multiplicative
   * gain such as `resonance · (…)`). Used by variants that remove or flip edges.
   */
  neutral?: number;
  evidence: string[];
  hypotheses?: string[];
  /**
   * Values of other identifiers at which the sign of the edge is checked (default: every
   * node at the middle of its range). Needed where the sign depends on context, e.g.
   * distress helps only when escape is hard (`esc: 0`).
   */
  signAt?: Record<string, number>;
  note?: string;
  /** Why this edge may feed a readout directly from an input or a trained skill (model lint). */
  lintJustification?: string;
}

/** Where a parameter's value comes from. */
export type Provenance =
  | { kind: "literature"; citation: string; note?: string }
  | { kind: "calibrated"; against: string[]; note?: string }
  | { kind: "assumption"; reason: string };

/** A number in the model. */
export interface ModelParameter {
  value: number;
  prior: Prior;
  unit: string;
  provenance: Provenance;
  /**
   * One line (at most 160 characters): what the parameter does in its equation, in words,
   * e.g. "gain of another's suffering and social threat on amygdala salience". Optional;
   * `kindsim model lint` lists the parameters that have none.
   */
  description?: string;
}

/**
 * One assumption of everyday life in a model file's `everyday:` section (a number of the
 * day loop, e.g. the daily stressor rate): its value, unit and provenance, as a parameter's.
 */
export interface EverydayEntry {
  value: number;
  unit: string;
  provenance: Provenance;
}

/** A citation or finding that supports nodes and edges. */
export interface Evidence {
  citation: string;
  kind: "finding" | "review" | "theory" | "meta-analysis";
  summary?: string;
}

/**
 * A content primitive of practice (attention, affection, exposure to suffering, …): which
 * skills a minute of it trains, and which inputs a practice episode of it presents.
 */
export interface ContentPrimitive {
  label: string;
  /**
   * Skill node id → load per minute of practice (before engagement), for open-loop skills
   * only (skills without `use`); empty when every skill learns from use (default {}).
   */
  trains: Record<string, number>;
  /** Input node id → level during a practice episode of this content. */
  inputs: Record<string, number>;
}

/** A day-level quantity built from the day's episodes or events (the coupling operators). */
export interface DaySummary {
  id: string;
  label: string;
  /** Episode types this summary reads. */
  episodes: string[];
  /** Node (fast or readout) summarised over each episode. */
  node: string;
  /** Summary of one episode's trajectory. */
  op: "mean" | "peak" | "final" | "area";
  /** How the day's episodes are combined. */
  combine: "mean" | "sum" | "max";
  /** Value when the day has no such episode (formula over slow and trait nodes). */
  otherwise: string;
}

/** Two-timescale coupling, declared once and used by every study. */
export interface Coupling {
  summaries: DaySummary[];
  /** Day events (life events, challenges) that slow equations may read, with defaults 0. */
  events: { id: string; label: string }[];
  /** Engagement in practice (0–1) as a formula over slow and trait nodes. */
  engagement: string;
}

/** A named overlay standing for a rival hypothesis. */
export interface Variant {
  id: string;
  description: string;
  hypotheses?: string[];
  /**
   * Hypotheses this variant stands for the negation of: every edge tagged with one of them
   * must be cut (removed, or its weight set to 0); the validator reports any left intact.
   */
  negates?: string[];
  /** Parameter id → new value. */
  set?: Record<string, number>;
  /** Edges switched off (their source replaced by its neutral value in the target). */
  removeEdges?: string[];
  /** Edges whose sign is reversed. */
  flipEdges?: string[];
  /** Node id → replacement equation (fast/readout) . */
  equations?: Record<string, string>;
  /** Content primitive id → replacement of its `trains` and/or `inputs` maps. */
  content?: Record<string, Partial<Pick<ContentPrimitive, "trains" | "inputs">>>;
}

/** A whole model file. */
export interface Model {
  id: string;
  title: string;
  version: string;
  citation: string;
  description?: string;
  evidence: Record<string, Evidence>;
  hypotheses: Record<string, string>;
  parameters: Record<string, ModelParameter>;
  nodes: ModelNode[];
  edges: ModelEdge[];
  content: Record<string, ContentPrimitive>;
  coupling: Coupling;
  variants: Variant[];
  /**
   * Everyday life's assumptions (optional; any subset of the keys). A key the model leaves
   * out takes its default from `EVERYDAY_LIFE`; a cohort's `everyday` overrides win.
   */
  everyday?: Partial<Record<EverydayKey, EverydayEntry>>;
}
