/**
 * Power and assurance by simulation. A large pool of virtual participants is run through the
 * study once per parameter set; each replicate trial draws N participants per arm (without
 * replacement) from a sub-pool of that pool and runs the planned analyses, so power at many
 * sample sizes costs one simulation.
 *
 * Why sub-pools (the "estimates shift with the N grid" bug): every replicate drawn from one
 * finite pool inherits that pool's own sampling error — the mean of the replicate estimates
 * is the pool's estimate, not the population's. The pool used to be 5 × the largest N of the
 * grid, so adding or removing an N changed the pool and moved every N's mean estimate and
 * power by that pool's error (the RMET ANCOVA of examples/mascaro2013-rmet.yaml: 2.44 on the
 * full pool of 400 per arm for `--n 20,40,80`, 2.73 on 1000 per arm for the default grid; the
 * replicates' means were 2.36–2.50 and 2.66–2.80). Participants are simulated per id
 * (traits, days, measurement noise and dropout are seeded by id, and blocked randomisation
 * assigns ids in the same order whatever the total), so the first k participants of each arm
 * are the same people whatever the pool size. Each N now draws from the first
 * max(poolFactor × N, minPool) participants of each arm, with its own random stream: what an
 * N sees depends on N alone, not on the other Ns of the grid. Each N's replicates still share
 * their sub-pool's own sampling error (that of one trial of the sub-pool's size: 0.2–0.3 RMET
 * items for 500 per arm, so the means at N ≤ 100 read 2.4–2.5 and those at N = 200, on 1000
 * per arm, 2.7); `minPool` and `poolFactor` trade it against simulation time. A replicate counts as significant by the planned analysis's own
 * decision rule: p adjusted by the study's correction across its analyses, below 0.05.
 * Assurance averages power over draws from the parameter priors.
 */

import { InputError } from "../model/issues.js";
import { hashName, RandomStream } from "../numeric/random.js";
import type { Model } from "../model/types.js";
import {
  ALPHA,
  analysisMetric,
  decide,
  runAnalysis,
  type AnalysisMetric,
  type AnalysisSpec,
} from "./analyses.js";
import { runTrial, studyModel } from "./runTrial.js";
import { drawParameters } from "./drawParameters.js";
import type { StudySpec } from "./studySpec.js";
import type { TrialData } from "./trialData.js";

/** Power of one analysis at one sample size. */
export interface PowerPoint extends AnalysisMetric {
  analysis: string;
  label: string;
  /** Participants per arm. */
  n: number;
  power: number;
  /** 95% Wilson interval of the Monte Carlo estimate. */
  lo: number;
  hi: number;
  reps: number;
  /**
   * Replicates whose analysis failed (counted as not significant; see {@link
   * replicateDecisions} for the decision rule).
   */
  errors: number;
  /** Mean estimate over replicates. */
  meanEstimate: number;
}

/** Options of {@link simulatePower}. */
export interface PowerOptions {
  /** Sample sizes per arm. */
  ns: number[];
  reps: number;
  seed?: number;
  threads?: number;
  /**
   * Sub-pool per arm as a multiple of N (default 5: replicates draw at most a fifth of their
   * sub-pool, so the finite-pool correction on their variance is at most 0.8).
   */
  poolFactor?: number;
  /**
   * Smallest sub-pool per arm (default {@link MIN_POOL} = 500): every N up to
   * minPool / poolFactor draws from the same first minPool participants of each arm, so
   * small Ns share one large pool whose own sampling error is small.
   */
  minPool?: number;
  params?: Record<string, number>;
  model?: Model;
  /**
   * Unused: replicates compute no intervals (decisions use p-values), so mediation runs no
   * bootstrap. Kept so existing callers compile.
   */
  mediationReps?: number;
  onProgress?: (fraction: number) => void;
}

/** The 95% Wilson score interval of a proportion. */
export function wilson(successes: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959963984540054;
  const p = successes / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

/** Default smallest sub-pool per arm (see {@link PowerOptions.minPool}). */
export const MIN_POOL = 500;

/** Participants per arm that the replicates at n draw from. */
export function subPoolSize(n: number, poolFactor = 5, minPool = MIN_POOL): number {
  return Math.max(Math.ceil(n * poolFactor), minPool);
}

/**
 * Participants per arm to simulate for a grid: the largest sub-pool plus a margin, so that
 * the end of the randomisation sequence (where a full arm's places go to the others, or
 * simple randomisation leaves arms uneven) stays outside every sub-pool.
 */
export function poolPerArm(
  spec: StudySpec,
  ns: readonly number[],
  poolFactor = 5,
  minPool = MIN_POOL,
): number {
  const largest = subPoolSize(Math.max(...ns), poolFactor, minPool);
  const k = spec.arms.length;
  const margin =
    spec.randomisation.method === "simple"
      ? Math.ceil(4 * Math.sqrt(k * largest))
      : spec.randomisation.blockSize;
  return largest + margin;
}

/** The first `size` participants (by id) of each arm: the sub-pool one N draws from. */
export function subPool(data: TrialData, size: number): TrialData {
  const ids = new Set<number>();
  for (const arm of data.arms)
    data.participants
      .filter((p) => p.arm === arm)
      .sort((a, b) => a.id - b.id)
      .slice(0, size)
      .forEach((p) => ids.add(p.id));
  return subsetTrial(data, ids);
}

/** The seeded stream of the draws at sample size n (one per n, so Ns do not share draws). */
export function drawStream(seed: number, n: number, name: string): RandomStream {
  return new RandomStream(seed, n, hashName(name));
}

/** The sub-trial of the given participant ids. */
export function subsetTrial(data: TrialData, ids: Set<number>): TrialData {
  return {
    ...data,
    participants: data.participants.filter((p) => ids.has(p.id)),
    rows: data.rows.filter((r) => ids.has(r.participant)),
  };
}

/** Draws N participants per arm from a pool (without replacement, seeded). */
export function drawSample(data: TrialData, n: number, rng: RandomStream): Set<number> {
  const out = new Set<number>();
  for (const arm of data.arms) {
    const ids = data.participants.filter((p) => p.arm === arm).map((p) => p.id);
    if (n > ids.length)
      throw new Error(`pool has only ${ids.length} participants in arm ${arm}; cannot draw ${n}`);
    for (let i = 0; i < n; i++) {
      const j = i + rng.int(ids.length - i);
      [ids[i], ids[j]] = [ids[j], ids[i]];
      out.add(ids[i]);
    }
  }
  return out;
}

/**
 * A 95% CI that excludes 0. Not the decision rule of power (see {@link replicateDecisions}):
 * kept for callers that check an interval.
 */
export function significant(r: { ci: [number, number]; error?: string }): boolean {
  return !r.error && Number.isFinite(r.ci[0]) && (r.ci[0] > 0 || r.ci[1] < 0);
}

/** One replicate trial's outcome per planned analysis. */
export interface ReplicateOutcome {
  /** The planned decision (see {@link replicateDecisions}). */
  significant: boolean[];
  /** Estimates (NaN where the analysis failed). */
  estimates: number[];
  /** Labels of the results. */
  labels: string[];
  /** Whether each analysis failed on this replicate. */
  failed: boolean[];
}

/**
 * Runs the planned analyses on one replicate trial and applies the study's decision rule,
 * the same as `runTrial`'s: each p-value adjusted by the study's correction (`adjust`,
 * default Holm) across its family of analyses, significant when the adjusted p < 0.05.
 * Intervals are not computed (they are not reported by power).
 */
export function replicateDecisions(
  analyses: readonly AnalysisSpec[],
  data: TrialData,
  seed: number,
  adjust: StudySpec["adjust"],
): ReplicateOutcome {
  const results = analyses.map((a) => runAnalysis(a, data, seed, { intervals: false }));
  return {
    significant: decide(results, adjust),
    estimates: results.map((r) => (r.error ? NaN : r.estimate)),
    labels: results.map((r) => r.label),
    failed: results.map((r) => r.error !== undefined),
  };
}

type Counts = Map<string, { sig: number; errors: number; sum: number; label: string }>;

/** Adds one replicate's outcome at sample size n to the counts. */
function count(
  counts: Counts,
  analyses: readonly AnalysisSpec[],
  n: number,
  out: ReplicateOutcome,
) {
  analyses.forEach((a, k) => {
    const key = `${a.id}|${n}`;
    const c = counts.get(key) ?? { sig: 0, errors: 0, sum: 0, label: out.labels[k] };
    if (out.significant[k]) c.sig++;
    if (out.failed[k]) c.errors++;
    else c.sum += out.estimates[k];
    counts.set(key, c);
  });
}

/** Runs the pool for one parameter set and returns replicate significance per analysis and N. */
async function poolPower(
  spec: StudySpec,
  opts: PowerOptions,
  seed: number,
  reps: number,
  onProgress?: (f: number) => void,
): Promise<Counts> {
  const run = await runTrial(spec, {
    n: poolPerArm(spec, opts.ns, opts.poolFactor, opts.minPool),
    seed,
    threads: opts.threads,
    params: opts.params,
    model: opts.model,
    onProgress: (f) => onProgress?.(0.7 * f),
  });
  const counts: Counts = new Map();
  let done = 0;
  for (const n of opts.ns) {
    const pool = subPool(run.data, subPoolSize(n, opts.poolFactor, opts.minPool));
    const rng = drawStream(seed, n, "power/draws");
    for (let r = 0; r < reps; r++) {
      const data = subsetTrial(pool, drawSample(pool, n, rng));
      count(
        counts,
        spec.analyses,
        n,
        replicateDecisions(spec.analyses, data, seed + r, spec.adjust),
      );
      onProgress?.(0.7 + (0.3 * ++done) / (opts.ns.length * reps));
    }
  }
  return counts;
}

/**
 * The decision rule power applies, in words, e.g. "p < 0.05 after Holm correction across
 * the 6 planned analyses".
 */
export function decisionRule(spec: StudySpec): string {
  const k = spec.analyses.length;
  return spec.adjust === "holm" && k > 1
    ? `p < ${ALPHA} after Holm correction across the ${k} planned analyses`
    : `p < ${ALPHA} (no multiplicity correction)`;
}

/** Power of every planned analysis at each N, at the given parameters. */
export async function simulatePower(spec: StudySpec, opts: PowerOptions): Promise<PowerPoint[]> {
  const seed = opts.seed ?? spec.seed;
  const counts = await poolPower(spec, opts, seed, opts.reps, opts.onProgress);
  return collect(spec, opts.ns, counts, opts.reps);
}

function collect(spec: StudySpec, ns: number[], counts: Counts, reps: number): PowerPoint[] {
  const out: PowerPoint[] = [];
  for (const a of spec.analyses)
    for (const n of ns) {
      const c = counts.get(`${a.id}|${n}`)!;
      const [lo, hi] = wilson(c.sig, reps);
      out.push({
        analysis: a.id,
        label: c.label,
        ...analysisMetric(a),
        n,
        power: c.sig / reps,
        lo,
        hi,
        reps,
        errors: c.errors,
        meanEstimate: reps > c.errors ? c.sum / (reps - c.errors) : NaN,
      });
    }
  return out;
}

/**
 * Assurance: power averaged over K draws from the parameter priors (each draw its own pool,
 * `reps` replicates split over the draws).
 */
export async function simulateAssurance(
  spec: StudySpec,
  K: number,
  opts: PowerOptions,
): Promise<PowerPoint[]> {
  const model = opts.model ?? studyModel(spec);
  const seed = opts.seed ?? spec.seed;
  const perDraw = Math.max(1, Math.round(opts.reps / K));
  const total: Counts = new Map();
  for (let k = 0; k < K; k++) {
    const params = { ...drawParameters(model, seed, k), ...(opts.params ?? {}) };
    const counts = await poolPower(
      spec,
      { ...opts, params, model },
      seed + 1000 * (k + 1),
      perDraw,
      (f) => opts.onProgress?.((k + f) / K),
    );
    for (const [key, c] of counts) {
      const t = total.get(key) ?? { sig: 0, errors: 0, sum: 0, label: c.label };
      t.sig += c.sig;
      t.errors += c.errors;
      t.sum += c.sum;
      total.set(key, t);
    }
  }
  return collect(spec, opts.ns, total, perDraw * K);
}

/** Smallest N whose power reaches the target (null if none of the Ns does). */
export function smallestN(points: PowerPoint[], analysis: string, target: number): number | null {
  const hit = points
    .filter((p) => p.analysis === analysis && p.power >= target)
    .sort((a, b) => a.n - b.n);
  return hit.length ? hit[0].n : null;
}

/** Parses `from:to:step` or a comma list into sample sizes. */
export function parseNs(s: string): number[] {
  const m = /^(\d+):(\d+):(\d+)$/.exec(s.trim());
  let ns: number[];
  if (m) {
    const [a, b, st] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (st <= 0 || b < a)
      throw new InputError(
        `sample sizes ${JSON.stringify(s)}: expected from:to:step with from <= to and step > 0`,
      );
    ns = [];
    for (let n = a; n <= b; n += st) ns.push(n);
  } else ns = s.split(",").map((x) => Number(x.trim()));
  if (ns.length === 0 || ns.some((n) => !Number.isInteger(n) || n < 2))
    throw new InputError(
      `sample sizes ${JSON.stringify(s)}: expected whole numbers >= 2 (e.g. 20:200:20 or 20,40,80)`,
    );
  return ns;
}
