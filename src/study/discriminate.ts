/**
 * Telling rival versions of the theory apart: simulate a study under each variant and, for
 * each candidate design (a planned analysis × participants per arm), estimate how often the
 * analysis's estimate identifies the variant that generated the data.
 */

import { InputError } from "../model/issues.js";
import { applyVariant } from "../model/applyVariant.js";
import type { Model } from "../model/types.js";
import {
  analysisMetric,
  runAnalysis,
  type AnalysisMetric,
  type AnalysisSpec,
} from "./analyses.js";
import {
  drawSample,
  drawStream,
  poolPerArm,
  subPool,
  subPoolSize,
  subsetTrial,
  wilson,
} from "./power.js";
import { runTrial, studyModel } from "./runTrial.js";
import type { StudySpec } from "./studySpec.js";

/** One candidate design and how well it discriminates. */
export interface DesignRate extends AnalysisMetric {
  analysis: string;
  label: string;
  n: number;
  /** Waves the analysis reads. */
  waves: string[];
  /** Participant-assessments: n × arms × waves (the cost the recommendation minimises). */
  cost: number;
  /** Share of held-out replicates assigned to the variant that generated them. */
  rate: number;
  lo: number;
  hi: number;
  /** Mean and SD of the estimate under each variant. */
  byVariant: Record<string, { mean: number; sd: number }>;
}

/** Result of {@link discriminate}. */
export interface DiscriminationResult {
  variants: string[];
  designs: DesignRate[];
  /** The cheapest design reaching the target rate (null if none does). */
  recommended: DesignRate | null;
  target: number;
}

/** Options of {@link discriminate}. */
export interface DiscriminateOptions {
  ns: number[];
  reps: number;
  target?: number;
  seed?: number;
  threads?: number;
  /** Sub-pool per arm as a multiple of N (default 5; see `PowerOptions.poolFactor`). */
  poolFactor?: number;
  /**
   * Smallest sub-pool per arm (default 0: each N draws from its own first poolFactor·N per
   * arm; see `PowerOptions.minPool`, whose default is larger because power's decisions are
   * more sensitive to the pool's own sampling error).
   */
  minPool?: number;
  onProgress?: (fraction: number) => void;
}

/** The model of a variant name (`default` is the model itself). */
export function variantModel(base: Model, name: string): Model {
  return name === "default" ? base : applyVariant(base, name);
}

/** Waves an analysis reads (from its fields). */
export function wavesOf(spec: StudySpec, a: AnalysisSpec): string[] {
  const ids = new Set(spec.waves.map((w) => w.id));
  const found = new Set<string>();
  const scan = (v: unknown): void => {
    if (typeof v === "string" && ids.has(v)) found.add(v);
    else if (Array.isArray(v)) v.forEach(scan);
    else if (v && typeof v === "object")
      Object.entries(v).forEach(([k, x]) => k !== "id" && k !== "label" && scan(x));
  };
  scan(a);
  return [...found];
}

const logNormal = (x: number, m: number, s: number): number =>
  -Math.log(s) - ((x - m) * (x - m)) / (2 * s * s);

/**
 * Replicate estimates of every (analysis, n) under one variant's model: one pool, and for
 * each n replicates drawn from its own sub-pool (see `subPool` in ./power.ts for why).
 */
async function variantEstimates(
  spec: StudySpec,
  model: Model,
  v: number,
  opts: DiscriminateOptions & { seed: number; share: (f: number) => void },
): Promise<Map<string, number[]>> {
  const est = new Map<string, number[]>();
  const run = await runTrial(spec, {
    n: poolPerArm(spec, opts.ns, opts.poolFactor, opts.minPool ?? 0),
    seed: opts.seed + 7919 * v,
    threads: opts.threads,
    model,
    onProgress: (f) => opts.share(0.7 * f),
  });
  let done = 0;
  for (const n of opts.ns) {
    const pool = subPool(run.data, subPoolSize(n, opts.poolFactor, opts.minPool ?? 0));
    const rng = drawStream(opts.seed, n, `discriminate/draws/${v}`);
    for (let r = 0; r < opts.reps; r++) {
      const data = subsetTrial(pool, drawSample(pool, n, rng));
      for (const a of spec.analyses) {
        const key = `${a.id}|${n}`;
        // Designs are rated by their estimates alone: no significance, no intervals.
        const res = runAnalysis(a, data, opts.seed + r, { intervals: false });
        if (!est.has(key)) est.set(key, []);
        est.get(key)!.push(res.error ? NaN : res.estimate);
      }
      opts.share(0.7 + (0.3 * ++done) / (opts.ns.length * opts.reps));
    }
  }
  return est;
}

/**
 * Simulates the study under each variant and rates each (analysis, n) design by how often a
 * held-out replicate's estimate is closest (Gaussian likelihood, fitted on the other half of
 * the replicates) to the variant that generated it.
 */
export async function discriminate(
  spec: StudySpec,
  variants: string[],
  opts: DiscriminateOptions,
): Promise<DiscriminationResult> {
  if (variants.length < 2)
    throw new InputError(
      `discriminating needs at least two variants (e.g. oxytocin-mediates,no-oxytocin), got ${variants.length}`,
    );
  const base = studyModel(spec);
  const models = variants.map((v) => variantModel(base, v)); // fails fast on an unknown variant
  const seed = opts.seed ?? spec.seed;
  const analyses = spec.analyses;
  // est[variant][analysis|n] = replicate estimates
  const est: Map<string, number[]>[] = [];
  for (let v = 0; v < variants.length; v++)
    est.push(
      await variantEstimates(spec, models[v], v, {
        ...opts,
        seed,
        share: (f) => opts.onProgress?.((v + f) / variants.length),
      }),
    );
  const designs: DesignRate[] = [];
  for (const a of analyses)
    for (const n of opts.ns) {
      const key = `${a.id}|${n}`;
      const samples = est.map((m) => m.get(key)!.filter(Number.isFinite));
      const fit = samples.map((xs) => {
        const half = xs.filter((_, i) => i % 2 === 0);
        const m = half.reduce((s, x) => s + x, 0) / Math.max(1, half.length);
        const sd =
          Math.sqrt(half.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, half.length - 1)) ||
          1e-9;
        return { m, sd };
      });
      let correct = 0;
      let total = 0;
      samples.forEach((xs, v) =>
        xs.forEach((x, i) => {
          if (i % 2 === 0) return;
          let best = 0;
          for (let w = 1; w < fit.length; w++)
            if (logNormal(x, fit[w].m, fit[w].sd) > logNormal(x, fit[best].m, fit[best].sd))
              best = w;
          if (best === v) correct++;
          total++;
        }),
      );
      const [lo, hi] = wilson(correct, total);
      const waves = wavesOf(spec, a);
      const byVariant: DesignRate["byVariant"] = {};
      samples.forEach((xs, v) => {
        const m = xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
        byVariant[variants[v]] = {
          mean: m,
          sd: Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, xs.length - 1)),
        };
      });
      designs.push({
        analysis: a.id,
        label: a.label ?? a.id,
        ...analysisMetric(a),
        n,
        waves,
        cost: n * spec.arms.length * Math.max(1, waves.length),
        rate: total ? correct / total : NaN,
        lo,
        hi,
        byVariant,
      });
    }
  const target = opts.target ?? 0.8;
  const ok = designs
    .filter((d) => d.rate >= target)
    .sort((x, y) => x.cost - y.cost || y.rate - x.rate);
  return { variants, designs, recommended: ok[0] ?? null, target };
}
