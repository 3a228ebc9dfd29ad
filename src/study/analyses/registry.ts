/**
 * The analysis kinds, in documentation order, and everything derived from them: the spec
 * union, the list of type names, validation, default labels and running. Adding a kind:
 * write `src/study/analyses/<kind>.ts` exporting one {@link AnalysisDefinition} and list it
 * in {@link ANALYSES} below.
 */
import type { TrialData } from "../trialData.js";
import { ancova } from "./ancova.js";
import { Checker, SpecChecker, isRecord, show } from "./checker.js";
import { compare } from "./compare.js";
import { correlation } from "./correlation.js";
import { crossLagged } from "./crossLagged.js";
import { doseResponse } from "./doseResponse.js";
import { logistic } from "./logistic.js";
import { mean } from "./mean.js";
import { mediation } from "./mediation.js";
import { mixed } from "./mixed.js";
import { moderation } from "./moderation.js";
import { pairedDifference } from "./pairedDifference.js";
import { quadratic } from "./quadratic.js";
import type { AnalysisResult } from "./result.js";
import { withinChange } from "./withinChange.js";
import {
  DataProblem,
  type AnalysisDefinition,
  type AnalysisMetric,
  type KnownNames,
  type Outcome,
  type RunContext,
  type RunOptions,
} from "./types.js";

/** Every analysis kind, in documentation order. */
export const ANALYSES = [
  compare,
  ancova,
  correlation,
  logistic,
  mixed,
  mediation,
  moderation,
  doseResponse,
  crossLagged,
  withinChange,
  mean,
  pairedDifference,
  quadratic,
] as const;

type SpecOf<D> = D extends AnalysisDefinition<infer S> ? S : never;

/** A planned analysis, discriminated on `type` (one member per kind in {@link ANALYSES}). */
export type AnalysisSpec = SpecOf<(typeof ANALYSES)[number]>;

/** The analysis type names. */
export type AnalysisType = AnalysisSpec["type"];

/** Every analysis type, in documentation order. */
export const ANALYSIS_TYPES: readonly AnalysisType[] = ANALYSES.map((d) => d.type);

const BY_TYPE: ReadonlyMap<string, AnalysisDefinition<AnalysisSpec>> = new Map(
  ANALYSES.map((d) => [d.type, d as AnalysisDefinition<AnalysisSpec>]),
);

/** The definition of an analysis type (undefined for an unknown type). */
export function analysisDefinition(type: string): AnalysisDefinition<AnalysisSpec> | undefined {
  return BY_TYPE.get(type);
}

function definitionOf(spec: AnalysisSpec): AnalysisDefinition<AnalysisSpec> {
  const d = BY_TYPE.get(spec.type);
  if (!d) throw new DataProblem(`unknown analysis type "${(spec as { type: unknown }).type}"`);
  return d;
}

/** The default label of an analysis, generated from its spec. */
export function describeAnalysis(spec: AnalysisSpec): string {
  return definitionOf(spec).describe(spec);
}

/** What an analysis's headline estimate is (metric, direction, units where raw). */
export function analysisMetric(spec: AnalysisSpec): AnalysisMetric {
  return definitionOf(spec).metric(spec);
}

/**
 * Run one analysis on a trial's data.
 *
 * Data problems (too few complete cases, zero variance, collinearity,
 * separation, non-0/1 logistic outcomes, unknown names that leave no data)
 * do not throw: the result has `error` set, `estimate`/`ci`/`p` NaN, and
 * `n` the number of participants found before the failure.
 *
 * @param spec - a valid spec (see {@link validateAnalysis})
 * @param data - the trial's tidy data
 * @param seed - seed of the analysis's random stream (mediation resampling
 *   uses `RandomStream(seed, 0, hashName("analysis/<id>"))`), so results are
 *   deterministic
 * @param options - see {@link RunOptions} (default: intervals computed)
 */
export function runAnalysis(
  spec: AnalysisSpec,
  data: TrialData,
  seed: number,
  options: RunOptions = {},
): AnalysisResult {
  const intervals = options.intervals ?? true;
  const ctx: RunContext = { n: 0, seed, intervals };
  let head: Pick<AnalysisResult, "id" | "type" | "label" | "metric" | "direction" | "units"> = {
    id: spec.id,
    type: spec.type,
    label: spec.label ?? spec.id,
    metric: "unknown",
    direction: "",
  };
  try {
    const d = definitionOf(spec);
    head = { ...head, label: spec.label ?? d.describe(spec), ...d.metric(spec) };
    const out: Outcome = d.run(spec, data, ctx);
    return intervals ? { ...head, ...out } : { ...head, ...out, ci: [NaN, NaN] };
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    const message =
      err instanceof DataProblem || ctx.call === undefined ? raw : `${ctx.call}: ${raw}`;
    return {
      ...head,
      estimate: NaN,
      ci: [NaN, NaN],
      p: NaN,
      n: ctx.n,
      details: {},
      error: message,
    };
  }
}

/**
 * Validate a raw (parsed YAML) analysis spec against the names a study
 * declares.
 *
 * @param raw - the parsed value
 * @param path - where it sits in the study file (e.g. "analyses[2]");
 *   every message starts with this path
 * @param known - declared arms, waves, measures and participant fields (names of a list
 *   left undefined are not checked)
 * @returns messages naming the offending path and what was expected
 *   (empty when `raw` is a valid {@link AnalysisSpec})
 */
export function validateAnalysis(raw: unknown, path: string, known: KnownNames): string[] {
  if (!isRecord(raw)) {
    const c = new Checker(known);
    c.add(path, `expected an analysis (a mapping with id and type), got ${show(raw)}`);
    return c.errors;
  }
  const v = new SpecChecker(known, raw, path);
  if (typeof raw.id !== "string" || raw.id.trim() === "") {
    v.add(v.at("id"), `expected a non-empty string, got ${show(raw.id)}`);
  }
  if (raw.label !== undefined && typeof raw.label !== "string") {
    v.add(v.at("label"), `expected a string, got ${show(raw.label)}`);
  }
  const type = raw.type;
  const d = typeof type === "string" ? BY_TYPE.get(type) : undefined;
  if (!d) {
    v.add(
      v.at("type"),
      `${type === undefined ? "missing required field" : `unknown analysis type ${show(type)}`} (expected one of: ${ANALYSIS_TYPES.join(", ")})`,
    );
    return v.errors;
  }
  v.noExtra(raw, ["id", "type", "label", ...d.fields], path);
  d.validate(v);
  return v.errors;
}

/**
 * Validate a list of raw analysis specs: each with {@link validateAnalysis}
 * (paths `${path}[i]`) plus duplicate ids.
 */
export function validateAnalyses(raw: unknown, path: string, known: KnownNames): string[] {
  if (!Array.isArray(raw)) return [`${path}: expected a list of analyses, got ${show(raw)}`];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  raw.forEach((a, i) => {
    errors.push(...validateAnalysis(a, `${path}[${i}]`, known));
    if (isRecord(a) && typeof a.id === "string") {
      const first = seen.get(a.id);
      if (first !== undefined) {
        errors.push(`${path}[${i}].id: duplicate id "${a.id}" (also ${path}[${first}])`);
      } else seen.set(a.id, i);
    }
  });
  return errors;
}
