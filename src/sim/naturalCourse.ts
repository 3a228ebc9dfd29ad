/**
 * The natural course of a population: N people live D days of everyday life without practice
 * (the wait-list protocol) after the usual equilibration, and every slow node's distribution
 * at day 0 is compared with day D. A milieu at an interior fixed point shows no drift and
 * nobody pinned at a bound of a node's range (issue 8, "A milieu at interior fixed points").
 * Generic over the compiled model: it iterates over whatever slow nodes the model has.
 */

import { applyVariant } from "../model/applyVariant.js";
import type { OnDivergence } from "../engine/divergence.js";
import { InputError } from "../model/issues.js";
import type { Model } from "../model/types.js";
import type { CohortRunner } from "./cohortRunner.js";
import type { Population } from "./population.js";
import { everydayLife } from "./everydayLife.js";
import { resolveProtocol, type ContentMix, type Protocol } from "./protocol.js";
import { runCohort } from "./runCohort.js";
import type { CohortResult, CohortSpec } from "./simulateCohort.js";

/** Tolerances of the stationarity verdict. */
export interface StationarityTolerances {
  /** Largest |mean(day D) − mean(day 0)| as a fraction of the node's range (default 0.02). */
  range: number;
  /** Largest |mean(day D) − mean(day 0)| in baseline (day-0) SDs (default 0.2). */
  sd: number;
  /** Largest fraction of people within {@link BOUND_EPSILON} of a range bound, at day 0 or D (default 0.05). */
  bound: number;
}

/** Defaults of {@link StationarityTolerances}. */
export const DEFAULT_STATIONARITY_TOLERANCES: Readonly<StationarityTolerances> = Object.freeze({
  range: 0.02,
  sd: 0.2,
  bound: 0.05,
});

/** Distance from a range bound within which a person counts as "at the bound". */
export const BOUND_EPSILON = 1e-6;

/** Options of {@link naturalCourse}. */
export interface NaturalCourseOptions {
  /** People simulated (default 500). */
  n?: number;
  /** Days after equilibration (default 365). */
  days?: number;
  /** Random seed (default 1). */
  seed?: number;
  /** A variant of the model to apply first (by id). */
  variant?: string;
  /**
   * The protocol people live under (default: the shipped `waitlist`, no practice; for a
   * population with prior practice, their own daily practice continued, see `ownPractice`).
   */
  protocol?: Protocol;
  /** Parameter values overriding the model's. */
  params?: Record<string, number>;
  tolerances?: Partial<StationarityTolerances>;
  threads?: number;
  /** Cohort runner (default: runCohort's default). */
  runner?: CohortRunner;
  /** Participants whose states diverge: `"fail"` (default) or `"drop"`. */
  onDivergence?: OnDivergence;
  /** Fraction of participant-days done (0–1). */
  onProgress?: (fraction: number) => void;
}

/** Distribution of one slow node at one day. */
export interface NodeMoments {
  mean: number;
  sd: number;
  /** Fraction of people within {@link BOUND_EPSILON} of the lower or upper end of the range. */
  atBound: number;
}

/** The natural course of one slow node, with its verdict. */
export interface NodeCourse {
  id: string;
  range: [number, number];
  day0: NodeMoments;
  dayD: NodeMoments;
  /** mean(day D) − mean(day 0). */
  drift: number;
  /** drift / (range width). */
  driftRange: number;
  /** drift / SD(day 0) (0 when both are 0, ±Infinity when only the SD is 0). */
  driftSd: number;
  stationary: boolean;
  /** Why not, in words (empty when stationary). */
  reasons: string[];
}

/** Result of {@link naturalCourse}. */
export interface NaturalCourse {
  model: string;
  variant?: string;
  population: string;
  n: number;
  days: number;
  seed: number;
  tolerances: StationarityTolerances;
  nodes: NodeCourse[];
  /** Every node stationary. */
  stationary: boolean;
  diverged: number;
}

/** Mean, SD (n − 1) and fraction at a bound of variable `v` at record `r` of a cohort. */
function moments(c: CohortResult, r: number, v: number, range: [number, number]): NodeMoments {
  const NV = c.variables.length;
  const P = c.ids.length;
  let mean = 0;
  let m2 = 0;
  let bound = 0;
  for (let p = 0; p < P; p++) {
    const x = c.daily[(p * c.days.length + r) * NV + v];
    const d = x - mean;
    mean += d / (p + 1);
    m2 += d * (x - mean);
    if (x - range[0] <= BOUND_EPSILON || range[1] - x <= BOUND_EPSILON) bound++;
  }
  return {
    mean: P > 0 ? mean : NaN,
    sd: P > 1 ? Math.sqrt(m2 / (P - 1)) : 0,
    atBound: P > 0 ? bound / P : 0,
  };
}

/** The verdict on one node's course against the tolerances. */
export function judgeNode(
  id: string,
  range: [number, number],
  day0: NodeMoments,
  dayD: NodeMoments,
  tol: StationarityTolerances,
): NodeCourse {
  const drift = dayD.mean - day0.mean;
  const width = range[1] - range[0];
  const driftRange = width > 0 ? drift / width : 0;
  const driftSd = day0.sd > 0 ? drift / day0.sd : drift === 0 ? 0 : Math.sign(drift) * Infinity;
  const reasons: string[] = [];
  const f = (x: number, d = 3): string => x.toFixed(d);
  if (!(Math.abs(driftRange) <= tol.range))
    reasons.push(`drift ${f(driftRange)} of range (tolerance ${tol.range})`);
  if (!(Math.abs(driftSd) <= tol.sd))
    reasons.push(`drift ${f(driftSd, 2)} baseline SD (tolerance ${tol.sd})`);
  if (day0.atBound > tol.bound)
    reasons.push(
      `${f(100 * day0.atBound, 1)}% at a bound on day 0 (tolerance ${100 * tol.bound}%)`,
    );
  if (dayD.atBound > tol.bound)
    reasons.push(
      `${f(100 * dayD.atBound, 1)}% at a bound on the last day (tolerance ${100 * tol.bound}%)`,
    );
  return {
    id,
    range,
    day0,
    dayD,
    drift,
    driftRange,
    driftSd,
    stationary: reasons.length === 0,
    reasons,
  };
}

/** Checks a tolerance set (all finite and >= 0). */
function tolerancesOf(t: Partial<StationarityTolerances> = {}): StationarityTolerances {
  const out = { ...DEFAULT_STATIONARITY_TOLERANCES, ...t };
  for (const [k, v] of Object.entries(out))
    if (!Number.isFinite(v) || v < 0)
      throw new InputError(`tolerances.${k}: expected a finite number >= 0, got ${v}`);
  return out;
}

/**
 * Simulates the natural course of `population` under `model` (see the module comment) and
 * judges every slow node against the tolerances (defaults {@link DEFAULT_STATIONARITY_TOLERANCES}).
 */
export async function naturalCourse(
  model: Model,
  population: Population,
  opts: NaturalCourseOptions = {},
): Promise<NaturalCourse> {
  const { n = 500, days = 365, seed = 1 } = opts;
  if (!Number.isInteger(n) || n < 2)
    throw new InputError(`n: expected a whole number >= 2, got ${n}`);
  if (!Number.isInteger(days) || days < 1 || days > 36_500)
    throw new InputError(`days: expected a whole number from 1 to 36500, got ${days}`);
  const tolerances = tolerancesOf(opts.tolerances);
  const m = opts.variant === undefined ? model : applyVariant(model, opts.variant);
  const protocol =
    opts.protocol ??
    (population.practiceHours
      ? ownPractice(population.practiceHours.content, days, everydayLife({}, m.everyday))
      : resolveProtocol("waitlist", m));
  const spec: CohortSpec = {
    seed,
    days,
    population,
    arms: [{ id: protocol.id, protocol }],
    assignment: new Uint16Array(n),
    recordEvery: days,
    onDivergence: opts.onDivergence,
  };
  const r = await runCohort(m, spec, {
    threads: opts.threads,
    params: opts.params,
    runner: opts.runner,
    onProgress: opts.onProgress,
  });
  const last = r.days.length - 1;
  const nodes = m.nodes
    .filter((node) => node.level === "slow")
    .map((node) => {
      const v = r.variables.indexOf(node.id);
      return judgeNode(
        node.id,
        node.range,
        moments(r, 0, v, node.range),
        moments(r, last, v, node.range),
        tolerances,
      );
    });
  return {
    model: m.id,
    variant: opts.variant,
    population: population.id,
    n,
    days,
    seed,
    tolerances,
    nodes,
    stationary: nodes.every((x) => x.stationary),
    diverged: r.diverged,
  };
}

/**
 * The natural course of experienced practitioners: they go on practising their content every
 * day for the everyday life's `historyHoursPerDay`, as their simulated history did.
 */
export function ownPractice(
  content: ContentMix,
  days: number,
  life: { historyHoursPerDay: number },
): Protocol {
  const weeks = Math.ceil(days / 7);
  return {
    id: "own-practice",
    label: "Their own daily practice, continued",
    citation: "",
    weeks,
    home: { minutesPerDay: 60 * life.historyHoursPerDay, daysPerWeek: 7 },
    modules: [{ id: "own", label: "Own practice", weeks, content }],
    sessions: [],
    adherence: { mean: 0.95, sd: 0 },
    attendance: { mean: 0.95, sd: 0 },
  };
}
