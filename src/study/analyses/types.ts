/**
 * The shapes every analysis kind shares: the spec fields common to all kinds, the result of
 * running one, and the definition object each kind's module exports (see `registry.ts`).
 */
import type { TrialData } from "../trialData.js";
import type { SpecChecker } from "./checker.js";

/** Fields shared by every analysis spec. */
export interface AnalysisBase {
  /** Unique id within the study (also names the analysis's random stream). */
  id: string;
  /** Human-readable label (default: a description generated from the spec). */
  label?: string;
}

/** The test statistic behind a result's p-value. */
export interface AnalysisStatistic {
  /** "t", "z", … */
  name: string;
  value: number;
  /** Degrees of freedom, when the reference distribution has them. */
  df?: number;
}

/** What a study declares, for validating analysis specs. */
export interface KnownNames {
  arms: string[];
  waves: string[];
  /** Measures the battery produces (undefined: not known yet, names are not checked). */
  measures?: string[];
  /**
   * Fields usable in `{ participant }` refs and covariates (minutes, traits, …); undefined:
   * not known yet, names are not checked.
   */
  participantFields?: string[];
}

/** A data problem detected before calling an estimator (its message is reported as is). */
export class DataProblem extends Error {}

/** Mutable context of one run: the runners record n as soon as it is known. */
export interface RunContext {
  n: number;
  /**
   * The estimator about to run and what its arguments hold, e.g.
   * `welchT(x = compassion@post in kbm, y = …)`; prefixes estimator errors,
   * whose messages name the estimator's own arguments.
   */
  call?: string;
  /** Seed of the analysis's random stream (resampling analyses). */
  seed: number;
  /** False: the caller reports no interval, so kinds skip costly ones (see {@link RunOptions}). */
  intervals: boolean;
}

/** Options of `runAnalysis`. */
export interface RunOptions {
  /**
   * Compute confidence intervals (default true). False when only the estimate and the
   * decision (p) are used, as in power and discrimination replicates: `ci` is then
   * [NaN, NaN] and costly intervals (mediation's bootstrap, g's noncentral-t inversion)
   * are skipped; estimates and p-values are unchanged.
   */
  intervals?: boolean;
}

/**
 * What an analysis's headline estimate is: written beside every estimate, so a reader
 * knows whether 0.6 is a standardised difference, a correlation or 0.6 items correct.
 */
export interface AnalysisMetric {
  /**
   * The estimate's kind: "hedges_g", "r", "spearman_rho", "raw_difference", "coefficient",
   * "log_odds_ratio", "indirect_effect", "standardized_coefficient", "mean".
   */
  metric: string;
  /** Which way round, e.g. "cbct − control" or "per unit of minutes". */
  direction: string;
  /** For raw metrics: the units, e.g. "rmet_accuracy units" (absent when standardised). */
  units?: string;
}

/** What a kind's runner returns: the result without its id, type, label and metric. */
export interface Outcome {
  /** Headline estimate; NaN on error. */
  estimate: number;
  /** 95% confidence interval of `estimate`; [NaN, NaN] on error. */
  ci: [number, number];
  /** Two-sided p-value (null when the analysis defines none; NaN on error). */
  p: number | null;
  /** Participants contributing (complete cases); on error, those found. */
  n: number;
  statistic?: AnalysisStatistic;
  /** Analysis-specific extra output (JSON-friendly). */
  details: Record<string, unknown>;
}

/**
 * One analysis kind: everything the study reader, the trial runner and the docs need to
 * know about it, in one object. Methods (not function properties) so that a definition of
 * one spec type is assignable to the registry's definition of the union.
 */
export interface AnalysisDefinition<S extends AnalysisBase & { type: string }> {
  /** The `type:` a study file writes. */
  readonly type: S["type"];
  /** Allowed spec fields besides id, type and label. */
  readonly fields: readonly string[];
  /**
   * Checks a raw spec's own fields (id, type, label and unknown keys are checked by the
   * registry); reports through the checker.
   */
  validate(v: SpecChecker): void;
  /** The default label, generated from the spec. */
  describe(spec: S): string;
  /** What the headline estimate is (metric, direction, units where raw). */
  metric(spec: S): AnalysisMetric;
  /** Runs the analysis; throws on a data problem (the registry turns it into `error`). */
  run(spec: S, data: TrialData, ctx: RunContext): Outcome;
}

/** Identity helper that checks a definition against its spec type. */
export function defineAnalysis<S extends AnalysisBase & { type: string }>(
  definition: AnalysisDefinition<S>,
): AnalysisDefinition<S> {
  return definition;
}
