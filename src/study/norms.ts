/**
 * Published baseline norms (`data/norms.yaml`) and the check of a model against them: each
 * normed instrument is measured at a baseline wave (day 0, wait-list arm, no practice) in the
 * normed population through the trial runner, exactly as a study measures it, and the
 * simulated mean and SD are set beside the published ones.
 */

import { compileModel } from "../engine/compileModel.js";
import { shippedPath } from "../model/dataResolver.js";
import { documentItems } from "../model/documentList.js";
import { Issues } from "../model/issues.js";
import { readData } from "../model/loadModel.js";
import type { Model } from "../model/types.js";
import { loadParadigms } from "../measure/paradigm.js";
import { loadPopulations } from "../sim/population.js";
import { runTrial } from "./runTrial.js";
import type { StudySpec } from "./studySpec.js";

/** Package-relative name of the shipped norms file. */
export const NORMS_DATA = "data/norms.yaml";

/** Where a norm's figures were read. */
export const NORM_SOURCES = ["abstract", "table", "manual", "derived", "not verified"] as const;
export type NormSource = (typeof NORM_SOURCES)[number];

/** One published norm (see the header of `data/norms.yaml`). */
export interface Norm {
  id: string;
  paradigm: string;
  measure: string;
  population: string;
  /** Absent when `source` is "not verified". */
  mean?: number;
  sd?: number;
  n?: number;
  citation: string;
  source: NormSource;
  note?: string;
}

const NORM_KEYS = [
  "id",
  "paradigm",
  "measure",
  "population",
  "mean",
  "sd",
  "n",
  "citation",
  "source",
  "note",
] as const;

/** Validates one norm record under `path`. */
function readNorm(issues: Issues, path: string, v: unknown): Norm | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  issues.unknownKeys(path, o, NORM_KEYS);
  const source = issues.oneOf(`${path}.source`, o.source, NORM_SOURCES);
  const verified = source !== undefined && source !== "not verified";
  if (!verified && source !== undefined)
    for (const k of ["mean", "sd"] as const)
      if (o[k] !== undefined)
        issues.add(`${path}.${k}`, `a norm whose source is "not verified" gives no ${k}`);
  const norm = {
    id: issues.string(`${path}.id`, o.id),
    paradigm: issues.string(`${path}.paradigm`, o.paradigm),
    measure: issues.string(`${path}.measure`, o.measure),
    population: issues.string(`${path}.population`, o.population),
    mean: verified ? issues.number(`${path}.mean`, o.mean) : undefined,
    sd: verified ? issues.number(`${path}.sd`, o.sd, { positive: true }) : undefined,
    n: issues.number(`${path}.n`, o.n, { optional: true, integer: true, min: 1 }),
    citation: issues.string(`${path}.citation`, o.citation),
    source,
    note: issues.string(`${path}.note`, o.note, true),
  };
  if (!norm.id || !norm.paradigm || !norm.measure || !norm.population || !norm.citation || !source)
    return undefined;
  return norm as Norm;
}

/**
 * Validates the parsed content of a norms file (`norms: [...]`).
 * @throws ValidationError listing every problem with its path
 */
export function readNorms(raw: unknown, what: string): Norm[] {
  const issues = new Issues();
  const seen = new Set<string>();
  const out: Norm[] = [];
  for (const { path, value } of documentItems(
    issues,
    raw,
    "norms",
    "norm",
    "id, paradigm, measure, population, citation and source",
  )) {
    const n = readNorm(issues, path, value);
    if (!n) continue;
    if (seen.has(n.id)) issues.add(`${path}.id`, `duplicate norm id ${JSON.stringify(n.id)}`);
    seen.add(n.id);
    out.push(n);
  }
  issues.throwIfAny(what);
  return out;
}

/** Reads and validates a norms file (default: the shipped one). */
export function loadNorms(path: string = shippedPath(NORMS_DATA)): Norm[] {
  return readNorms(readData(path, "norms file"), `norms file ${path}`);
}

/**
 * Checks norms against a model's paradigms and the shipped populations: every norm names a
 * known population, paradigm and measure of that paradigm.
 * @throws ValidationError naming the field of each problem
 */
export function checkNorms(model: Model, norms: Norm[], what = "norms"): void {
  const paradigms = new Map(loadParadigms(compileModel(model)).map((p) => [p.id, p]));
  const populations = new Set(loadPopulations(undefined, model).map((p) => p.id));
  const issues = new Issues();
  norms.forEach((n, i) => {
    const p = `norms[${i}]`;
    if (!populations.has(n.population))
      issues.add(
        `${p}.population`,
        `unknown population ${JSON.stringify(n.population)} (shipped: ${[...populations].join(", ")})`,
      );
    const par = paradigms.get(n.paradigm);
    if (!par) issues.add(`${p}.paradigm`, `unknown paradigm ${JSON.stringify(n.paradigm)}`);
    else if (!par.measures.some((m) => m.id === n.measure))
      issues.add(
        `${p}.measure`,
        `paradigm ${n.paradigm} has no measure ${JSON.stringify(n.measure)} (it has: ${par.measures.map((m) => m.id).join(", ")})`,
      );
  });
  issues.throwIfAny(what);
}

/** A simulated baseline beside a norm. */
export interface NormComparison {
  norm: Norm;
  /** People measured, and the mean and SD (n − 1) of their baseline scores. */
  n: number;
  mean: number;
  sd: number;
  /** (simulated mean − norm mean) / norm SD (undefined without a verified norm). */
  z?: number;
  /** simulated SD / norm SD. */
  sdRatio?: number;
  /** "match" when |z| <= the tolerance, "mismatch" otherwise, "no norm" when not verified. */
  verdict: "match" | "mismatch" | "no norm";
}

/** Options of {@link compareNorms}. */
export interface CompareNormsOptions {
  /** People per population (default 500). */
  n?: number;
  seed?: number;
  /** Largest |simulated mean − norm mean| in norm SDs for a match (default 0.5). */
  tolerance?: number;
  /** Only the norms of these populations (default all). */
  populations?: string[];
  threads?: number;
  onProgress?: (fraction: number) => void;
}

/** Default of {@link CompareNormsOptions.tolerance}: half a norm SD. */
export const DEFAULT_NORM_TOLERANCE = 0.5;

/** The baseline study of one population: a wait-list arm measured at day 0. */
function baselineStudy(
  population: string,
  paradigms: string[],
  n: number,
  seed: number,
): StudySpec {
  return {
    id: `norms-${population}`,
    title: `Baseline norms, ${population}`,
    population,
    seed,
    arms: [{ id: "waitlist", protocol: "waitlist", n }],
    randomisation: { method: "simple", blockSize: 2, strata: [] },
    waves: [{ id: "baseline", day: 0 }],
    battery: { baseline: { "*": paradigms } },
    events: [],
    paradigms: [],
    analyses: [],
    adjust: "none",
    baseDir: ".",
  };
}

/** Mean and SD (n − 1). */
function meanSd(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const ss = xs.reduce((a, x) => a + (x - mean) ** 2, 0);
  return { mean, sd: xs.length > 1 ? Math.sqrt(ss / (xs.length - 1)) : 0 };
}

/**
 * Measures every normed instrument at baseline in its population (see the module comment)
 * and compares it with the norm. A measure with a time course is read at its first time point
 * (the pre-challenge baseline).
 */
export async function compareNorms(
  model: Model,
  norms: Norm[] = loadNorms(),
  opts: CompareNormsOptions = {},
): Promise<NormComparison[]> {
  const { n = 500, seed = 1, tolerance = DEFAULT_NORM_TOLERANCE } = opts;
  checkNorms(model, norms);
  const chosen = norms.filter((x) => !opts.populations || opts.populations.includes(x.population));
  const pops = [...new Set(chosen.map((x) => x.population))];
  const out: NormComparison[] = [];
  for (const [i, pop] of pops.entries()) {
    const mine = chosen.filter((x) => x.population === pop);
    const study = baselineStudy(pop, [...new Set(mine.map((x) => x.paradigm))], n, seed);
    const run = await runTrial(study, {
      model,
      threads: opts.threads,
      onProgress: (f) => opts.onProgress?.((i + f) / pops.length),
    });
    for (const norm of mine) {
      const rows = run.data.rows.filter(
        (r) => r.paradigm === norm.paradigm && r.measure === norm.measure,
      );
      const times = rows.map((r) => r.time).filter((t): t is number => t !== null);
      const first = times.length > 0 ? Math.min(...times) : null;
      const values = rows.filter((r) => r.time === first).map((r) => r.value);
      const { mean, sd } = meanSd(values);
      const verified = norm.mean !== undefined && norm.sd !== undefined;
      const z = verified ? (mean - norm.mean!) / norm.sd! : undefined;
      out.push({
        norm,
        n: values.length,
        mean,
        sd,
        z,
        sdRatio: verified ? sd / norm.sd! : undefined,
        verdict: z === undefined ? "no norm" : Math.abs(z) <= tolerance ? "match" : "mismatch",
      });
    }
  }
  return out;
}
