/**
 * The planned analyses of a virtual trial: their specification (as written
 * in YAML study files), validation of raw specs, and running them on the
 * trial's tidy data with the estimators of `./stats/`.
 *
 * Every analysis reports one headline `estimate` with a confidence interval
 * and (where defined) a p-value, plus analysis-specific `details`. When the
 * data do not allow the estimate (too few complete cases, zero variance,
 * separation, …) the result carries an `error` message and NaNs instead of
 * throwing, so one failed analysis never stops a study.
 */
import { RandomStream, hashName } from "../numeric/random.js";
import { pairValues, resolveValues } from "./resolveValues.js";
import {
  ancova,
  crossLaggedPanel,
  doseResponse,
  hedgesG,
  holm,
  logisticRegression,
  mean,
  mediation,
  mixedModel,
  moderation,
  ols,
  pearson,
  sd,
  spearman,
  welchT,
} from "../numeric/stats/index.js";
import type { CoefficientRow } from "../numeric/stats/index.js";
import type { TrialData, ValueRef } from "./trialData.js";

/** Fields shared by every analysis spec. */
export interface AnalysisBase {
  /** Unique id within the study (also names the analysis's random stream). */
  id: string;
  /** Human-readable label (default: a description generated from the spec). */
  label?: string;
}

/**
 * Two-arm comparison of one value: Welch t-test and Hedges' g
 * (treatment − control). Estimate: g with its noncentral-t CI.
 */
export interface CompareSpec extends AnalysisBase {
  type: "compare";
  outcome: ValueRef;
  /** [treatment, control]. */
  arms: [string, string];
}

/**
 * ANCOVA: post ~ arm + pre (+ participant covariates). Estimate: the
 * baseline-adjusted treatment − control difference in raw units.
 */
export interface AncovaSpec extends AnalysisBase {
  type: "ancova";
  measure: string;
  /** Baseline wave. */
  pre: string;
  /** Follow-up wave. */
  post: string;
  /** [treatment, control]. */
  arms: [string, string];
  /** Participant fields / trait ids used as extra covariates. */
  covariates?: string[];
}

/** Correlation of two values (complete cases). Estimate: r (or ρ). */
export interface CorrelationSpec extends AnalysisBase {
  type: "correlation";
  x: ValueRef;
  y: ValueRef;
  /** Restrict to these arms (default: all participants). */
  arms?: string[];
  /** Default "pearson". */
  method?: "pearson" | "spearman";
}

/**
 * Logistic regression of a 0/1 outcome on predictors. Estimate: the
 * log-odds coefficient of the first predictor (odds ratio in `details`).
 */
export interface LogisticSpec extends AnalysisBase {
  type: "logistic";
  outcome: ValueRef;
  predictors: ValueRef[];
  arms?: string[];
}

/**
 * Linear mixed model over waves, with a random intercept per participant
 * and fixed effects intercept, arm (1 = treatment), time and arm×time,
 * where time = j/(k − 1) for the j-th of the k listed waves (0 at the
 * first, 1 at the last, equally spaced by position, not by day).
 * Estimate: the arm×time coefficient, i.e. the treatment − control
 * difference in (linear) change from the first to the last wave.
 */
export interface MixedSpec extends AnalysisBase {
  type: "mixed";
  measure: string;
  /** At least two waves, in time order. */
  waves: string[];
  /** [treatment, control]. */
  arms: [string, string];
}

/**
 * Simple mediation x → m → y. Estimate: the indirect effect a·b with a
 * percentile-bootstrap CI (Monte Carlo CI and Sobel test in `details`; the
 * reported p is Sobel's).
 */
export interface MediationSpec extends AnalysisBase {
  type: "mediation";
  x: ValueRef;
  m: ValueRef;
  y: ValueRef;
  arms?: string[];
  /** Bootstrap resamples and Monte Carlo draws (default 5000). */
  reps?: number;
}

/**
 * Moderation y ~ x + w + x·w (x and w mean-centred). Estimate: the
 * interaction coefficient; simple slopes in `details`.
 */
export interface ModerationSpec extends AnalysisBase {
  type: "moderation";
  y: ValueRef;
  x: ValueRef;
  w: ValueRef;
  arms?: string[];
}

/**
 * Dose–response within one arm: change of a measure against practice dose.
 * Estimate: Pearson r of dose and change; slope and median split in
 * `details`.
 */
export interface DoseResponseSpec extends AnalysisBase {
  type: "doseResponse";
  /** [measure, fromWave, toWave]; change = to − from. */
  change: [string, string, string];
  arm: string;
  /** Dose variable (default "minutes"). */
  dose?: "minutes" | "practiceDays";
}

/**
 * Two-wave cross-lagged panel of two measures (standardised paths).
 * Estimate: the x(wave 1) → y(wave 2) path; the reverse path in `details`.
 */
export interface CrossLaggedSpec extends AnalysisBase {
  type: "crossLagged";
  x: string;
  y: string;
  waves: [string, string];
  arms?: string[];
}

/**
 * Within-arm change of a measure: one-sample t-test of the change (an
 * intercept-only regression). Estimate: mean change; dz in `details`.
 */
export interface WithinChangeSpec extends AnalysisBase {
  type: "withinChange";
  measure: string;
  /** [from, to]; change = to − from. */
  change: [string, string];
  arm: string;
}

/**
 * Mean of one value per participant (one-sample t against 0), e.g. a contrast such as
 * pain > neutral. Estimate: the mean; d = mean/SD in `details`.
 */
export interface MeanSpec extends AnalysisBase {
  type: "mean";
  value: ValueRef;
  arms?: string[];
}

/**
 * Within-participant difference of two values (x − y, paired t), e.g. helping when escape
 * is hard minus when it is easy. Estimate: the mean difference.
 */
export interface PairedDifferenceSpec extends AnalysisBase {
  type: "pairedDifference";
  x: ValueRef;
  y: ValueRef;
  arms?: string[];
}

/**
 * Quadratic trend of a response over levels of a within-participant factor: value ~ level +
 * level² pooled over participants (OLS). Estimate: the quadratic coefficient (negative for an
 * inverted U); the vertex −b₁/(2b₂) is in `details`.
 */
export interface QuadraticSpec extends AnalysisBase {
  type: "quadratic";
  /** One measure per level, in the order of `levels`. */
  measures: string[];
  levels: number[];
  wave: string;
  arms?: string[];
}

/** A planned analysis, discriminated on `type`. */
export type AnalysisSpec =
  | MeanSpec
  | PairedDifferenceSpec
  | QuadraticSpec
  | CompareSpec
  | AncovaSpec
  | CorrelationSpec
  | LogisticSpec
  | MixedSpec
  | MediationSpec
  | ModerationSpec
  | DoseResponseSpec
  | CrossLaggedSpec
  | WithinChangeSpec;

/** The analysis type names. */
export type AnalysisType = AnalysisSpec["type"];

/** Every analysis type, in documentation order. */
export const ANALYSIS_TYPES: readonly AnalysisType[] = [
  "compare",
  "ancova",
  "correlation",
  "logistic",
  "mixed",
  "mediation",
  "moderation",
  "doseResponse",
  "crossLagged",
  "withinChange",
  "mean",
  "pairedDifference",
  "quadratic",
];

/** The test statistic behind a result's p-value. */
export interface AnalysisStatistic {
  /** "t", "z", … */
  name: string;
  value: number;
  /** Degrees of freedom, when the reference distribution has them. */
  df?: number;
}

/** Outcome of one analysis. */
export interface AnalysisResult {
  id: string;
  type: AnalysisType;
  label: string;
  /** Headline estimate (see each spec type); NaN on error. */
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
  /** Why the estimate could not be computed from the data. */
  error?: string;
}

/** A result with a multiplicity-adjusted p-value. */
export type AdjustedAnalysisResult = AnalysisResult & {
  /** Adjusted p (null when the result has no finite p). */
  pAdjusted: number | null;
};

/** What a study declares, for validating analysis specs. */
export interface KnownNames {
  arms: string[];
  waves: string[];
  measures: string[];
  /** Fields usable in `{ participant }` refs and covariates (minutes, traits, …). */
  participantFields: string[];
}

// ---------------------------------------------------------------- naming

/**
 * Short text for a value reference: `measure@wave`, `measure@wave t=30`,
 * `measure[from→to]`, the participant field, or `arm=<id>`.
 */
export function describeValueRef(ref: ValueRef): string {
  if ("participant" in ref) return ref.participant;
  if ("arm" in ref) return `arm=${ref.arm}`;
  const t = ref.time === undefined ? "" : ` t=${ref.time}`;
  if ("wave" in ref) return `${ref.measure}@${ref.wave}${t}`;
  return `${ref.measure}[${ref.change[0]}→${ref.change[1]}]${t}`;
}

/** The default label of an analysis, generated from its spec. */
export function describeAnalysis(spec: AnalysisSpec): string {
  const within = (arms?: string[]): string =>
    arms === undefined || arms.length === 0 ? "" : ` in ${arms.join("+")}`;
  switch (spec.type) {
    case "compare":
      return `${describeValueRef(spec.outcome)}: ${spec.arms[0]} vs ${spec.arms[1]}`;
    case "ancova":
      return `ANCOVA ${spec.measure}@${spec.post} | ${spec.pre}: ${spec.arms[0]} vs ${spec.arms[1]}`;
    case "correlation":
      return `${spec.method === "spearman" ? "Spearman" : "Pearson"} ${describeValueRef(spec.x)} ~ ${describeValueRef(spec.y)}${within(spec.arms)}`;
    case "logistic":
      return `logistic ${describeValueRef(spec.outcome)} ~ ${spec.predictors.map(describeValueRef).join(" + ")}${within(spec.arms)}`;
    case "mixed":
      return `mixed model ${spec.measure} over ${spec.waves.join(", ")}: ${spec.arms[0]} vs ${spec.arms[1]}`;
    case "mediation":
      return `mediation ${describeValueRef(spec.x)} → ${describeValueRef(spec.m)} → ${describeValueRef(spec.y)}${within(spec.arms)}`;
    case "moderation":
      return `moderation ${describeValueRef(spec.y)} ~ ${describeValueRef(spec.x)} × ${describeValueRef(spec.w)}${within(spec.arms)}`;
    case "doseResponse":
      return `dose-response ${spec.change[0]}[${spec.change[1]}→${spec.change[2]}] ~ ${spec.dose ?? "minutes"} in ${spec.arm}`;
    case "crossLagged":
      return `cross-lagged ${spec.x} ↔ ${spec.y} (${spec.waves[0]}→${spec.waves[1]})${within(spec.arms)}`;
    case "withinChange":
      return `change ${spec.measure}[${spec.change[0]}→${spec.change[1]}] in ${spec.arm}`;
    case "mean":
      return `mean ${describeValueRef(spec.value)}${within(spec.arms)}`;
    case "pairedDifference":
      return `${describeValueRef(spec.x)} − ${describeValueRef(spec.y)}${within(spec.arms)}`;
    case "quadratic":
      return `quadratic trend over ${spec.measures.join(", ")} at ${spec.wave}${within(spec.arms)}`;
  }
}

// ---------------------------------------------------------------- running

/** A data problem detected before calling an estimator. */
class DataProblem extends Error {}

/** Partial result produced by the per-type runners. */
type Outcome = Omit<AnalysisResult, "id" | "type" | "label">;

/** Mutable context: the runners record n as soon as it is known. */
interface Context {
  n: number;
  /**
   * The estimator about to run and what its arguments hold, e.g.
   * `welchT(x = compassion@post in kbm, y = …)`; prefixes estimator errors,
   * whose messages name the estimator's own arguments.
   */
  call?: string;
}

function requireN(count: number, min: number, what: string): void {
  if (count < min) {
    throw new DataProblem(`${what}: ${count} complete case(s), need at least ${min}`);
  }
}

function rowSummary(row: CoefficientRow): Record<string, unknown> {
  return { estimate: row.estimate, se: row.se, t: row.t, p: row.p, ci: row.ci };
}

function valuesIn(data: TrialData, ref: ValueRef, arm: string): number[] {
  return [...resolveValues(data, ref, [arm]).values()];
}

function runCompare(spec: CompareSpec, data: TrialData, ctx: Context): Outcome {
  const [tArm, cArm] = spec.arms;
  const xt = valuesIn(data, spec.outcome, tArm);
  const xc = valuesIn(data, spec.outcome, cArm);
  ctx.n = xt.length + xc.length;
  requireN(xt.length, 2, `arm "${tArm}"`);
  requireN(xc.length, 2, `arm "${cArm}"`);
  const o = describeValueRef(spec.outcome);
  ctx.call = `hedgesG/welchT(x = ${o} in ${tArm}, y = ${o} in ${cArm})`;
  const g = hedgesG(xt, xc);
  const w = welchT(xt, xc);
  return {
    estimate: g.estimate,
    ci: g.ci,
    p: w.p,
    n: ctx.n,
    statistic: { name: "t", value: w.t, df: w.df },
    details: {
      g: g.estimate,
      gCi: g.ci,
      gCiMethod: g.ciMethod,
      d: g.d,
      meanDifference: w.meanDiff,
      meanDifferenceCi: w.ci,
      t: w.t,
      df: w.df,
      nTreatment: xt.length,
      nControl: xc.length,
      meanTreatment: w.meanX,
      meanControl: w.meanY,
      sdTreatment: sd(xt),
      sdControl: sd(xc),
      pooledSd: g.pooledSd,
    },
  };
}

function pooledSd(groups: number[][]): number {
  let ss = 0;
  let df = 0;
  for (const g of groups) {
    if (g.length < 2) continue;
    ss += sd(g) ** 2 * (g.length - 1);
    df += g.length - 1;
  }
  return df > 0 ? Math.sqrt(ss / df) : NaN;
}

function runAncova(spec: AncovaSpec, data: TrialData, ctx: Context): Outcome {
  const [tArm, cArm] = spec.arms;
  const arms = [tArm, cArm];
  const covNames = spec.covariates ?? [];
  const { columns } = pairValues(
    resolveValues(data, { measure: spec.measure, wave: spec.post }, arms),
    resolveValues(data, { arm: tArm }, arms),
    resolveValues(data, { measure: spec.measure, wave: spec.pre }, arms),
    ...covNames.map((c) => resolveValues(data, { participant: c }, arms)),
  );
  const [post, arm, pre, ...covs] = columns;
  ctx.n = post.length;
  const nT = arm.filter((a) => a === 1).length;
  requireN(nT, 2, `arm "${tArm}"`);
  requireN(post.length - nT, 2, `arm "${cArm}"`);
  const covariates: Record<string, number[]> = {};
  covNames.forEach((c, i) => (covariates[c] = covs[i]));
  ctx.call = `ancova(post = ${spec.measure}@${spec.post}, arm = ${tArm} vs ${cArm}, pre = ${spec.measure}@${spec.pre}${covNames.map((c) => `, ${c}`).join("")})`;
  const fit = ancova(post, arm, pre, covariates);
  const e = fit.effect;
  const s = pooledSd([post.filter((_, i) => arm[i] === 1), post.filter((_, i) => arm[i] === 0)]);
  return {
    estimate: e.estimate,
    ci: e.ci,
    p: e.p,
    n: ctx.n,
    statistic: { name: "t", value: e.t, df: fit.model.dfResidual },
    details: {
      effect: rowSummary(e),
      standardized: e.estimate / s,
      standardizedCi: [e.ci[0] / s, e.ci[1] / s],
      pooledSdPost: s,
      nTreatment: nT,
      nControl: post.length - nT,
      rSquared: fit.model.rSquared,
      coefficients: Object.fromEntries(fit.model.coefficients.map((r) => [r.name, rowSummary(r)])),
    },
  };
}

function runCorrelation(spec: CorrelationSpec, data: TrialData, ctx: Context): Outcome {
  const { columns } = pairValues(
    resolveValues(data, spec.x, spec.arms),
    resolveValues(data, spec.y, spec.arms),
  );
  const [x, y] = columns;
  ctx.n = x.length;
  requireN(x.length, 4, "correlation");
  const method = spec.method ?? "pearson";
  ctx.call = `${method}(x = ${describeValueRef(spec.x)}, y = ${describeValueRef(spec.y)})`;
  const r = method === "spearman" ? spearman(x, y) : pearson(x, y);
  const estimate = "rho" in r ? r.rho : r.r;
  return {
    estimate,
    ci: r.ci,
    p: r.p,
    n: ctx.n,
    statistic: { name: "t", value: r.t, df: r.df },
    details: { method, r: estimate },
  };
}

function runLogistic(spec: LogisticSpec, data: TrialData, ctx: Context): Outcome {
  if (spec.predictors.length === 0) throw new DataProblem("logistic: no predictors");
  const { columns } = pairValues(
    resolveValues(data, spec.outcome, spec.arms),
    ...spec.predictors.map((p) => resolveValues(data, p, spec.arms)),
  );
  const [y, ...xs] = columns;
  ctx.n = y.length;
  requireN(y.length, spec.predictors.length + 2, "logistic");
  const bad = y.find((v) => v !== 0 && v !== 1);
  if (bad !== undefined) {
    throw new DataProblem(`outcome: values must be 0 or 1, found ${bad}`);
  }
  const names = spec.predictors.map(describeValueRef);
  const X = y.map((_, i) => xs.map((col) => col[i]));
  ctx.call = `logisticRegression(y01 = ${describeValueRef(spec.outcome)}, X = [${names.join(", ")}])`;
  const fit = logisticRegression(y, X, names);
  const row = fit.coefficients[1];
  const details: Record<string, unknown> = {
    predictor: names[0],
    oddsRatio: row.oddsRatio,
    oddsRatioCi: row.oddsRatioCi,
    converged: fit.converged,
    separation: fit.separation,
    nEvents: y.filter((v) => v === 1).length,
    coefficients: Object.fromEntries(
      fit.coefficients.map((r) => [
        r.name,
        { estimate: r.estimate, se: r.se, z: r.z, p: r.p, ci: r.ci, oddsRatio: r.oddsRatio },
      ]),
    ),
  };
  if (fit.separation !== "none") {
    throw new DataProblem(
      `${fit.separation} separation: the predictors perfectly predict the outcome, so the odds ratio is not estimable`,
    );
  }
  if (!fit.converged) throw new DataProblem("logistic regression did not converge");
  return {
    estimate: row.estimate,
    ci: row.ci,
    p: row.p,
    n: ctx.n,
    statistic: { name: "z", value: row.z },
    details,
  };
}

function runMixed(spec: MixedSpec, data: TrialData, ctx: Context): Outcome {
  const [tArm, cArm] = spec.arms;
  const arms = [tArm, cArm];
  const k = spec.waves.length;
  if (k < 2) throw new DataProblem("mixed: needs at least two waves");
  const armOf = resolveValues(data, { arm: tArm }, arms);
  const y: number[] = [];
  const X: number[][] = [];
  const subject: number[] = [];
  spec.waves.forEach((wave, j) => {
    const time = j / (k - 1);
    for (const [id, v] of resolveValues(data, { measure: spec.measure, wave }, arms)) {
      const a = armOf.get(id) as number;
      y.push(v);
      X.push([a, time, a * time]);
      subject.push(id);
    }
  });
  const ids = new Set(subject);
  ctx.n = ids.size;
  let nT = 0;
  for (const id of ids) if (armOf.get(id) === 1) nT++;
  requireN(nT, 2, `arm "${tArm}"`);
  requireN(ids.size - nT, 2, `arm "${cArm}"`);
  ctx.call = `mixedModel(y = ${spec.measure} at ${spec.waves.join(", ")}, X = [arm, time, arm:time])`;
  const fit = mixedModel(y, X, ["arm", "time", "arm:time"], subject);
  const row = fit.coefficients[3];
  return {
    estimate: row.estimate,
    ci: row.ci,
    p: row.p,
    n: ctx.n,
    statistic: { name: "t", value: row.t, df: row.df },
    details: {
      timeCoding: Object.fromEntries(spec.waves.map((w, j) => [w, j / (k - 1)])),
      nObservations: fit.nObs,
      nTreatment: nT,
      nControl: ids.size - nT,
      variance: fit.variance,
      icc: fit.icc,
      singular: fit.singular,
      coefficients: Object.fromEntries(
        fit.coefficients.map((r) => [
          r.name,
          { estimate: r.estimate, se: r.se, df: r.df, t: r.t, p: r.p, ci: r.ci },
        ]),
      ),
    },
  };
}

function runMediation(spec: MediationSpec, data: TrialData, ctx: Context, seed: number): Outcome {
  const { columns } = pairValues(
    resolveValues(data, spec.x, spec.arms),
    resolveValues(data, spec.m, spec.arms),
    resolveValues(data, spec.y, spec.arms),
  );
  const [x, m, y] = columns;
  ctx.n = x.length;
  requireN(x.length, 4, "mediation");
  const stream = new RandomStream(seed, 0, hashName(`analysis/${spec.id}`));
  ctx.call = `mediation(x = ${describeValueRef(spec.x)}, m = ${describeValueRef(spec.m)}, y = ${describeValueRef(spec.y)})`;
  const fit = mediation(x, m, y, { random: () => stream.uniform(), reps: spec.reps ?? 5000 });
  const boot = fit.bootstrap as NonNullable<typeof fit.bootstrap>;
  const mc = fit.monteCarlo as NonNullable<typeof fit.monteCarlo>;
  return {
    estimate: fit.indirect,
    ci: boot.ci,
    p: fit.sobel.p,
    n: ctx.n,
    statistic: { name: "z", value: fit.sobel.z },
    details: {
      indirect: fit.indirect,
      a: rowSummary(fit.a),
      b: rowSummary(fit.b),
      direct: rowSummary(fit.direct),
      total: rowSummary(fit.total),
      bootstrap: { ci: boot.ci, se: boot.se, reps: boot.reps, failed: boot.failed },
      monteCarlo: { ci: mc.ci, se: mc.se, reps: mc.reps },
      sobel: fit.sobel,
      pMethod: "sobel",
    },
  };
}

function runModeration(spec: ModerationSpec, data: TrialData, ctx: Context): Outcome {
  const { columns } = pairValues(
    resolveValues(data, spec.y, spec.arms),
    resolveValues(data, spec.x, spec.arms),
    resolveValues(data, spec.w, spec.arms),
  );
  const [y, x, w] = columns;
  ctx.n = y.length;
  requireN(y.length, 6, "moderation");
  ctx.call = `moderation(y = ${describeValueRef(spec.y)}, x = ${describeValueRef(spec.x)}, w = ${describeValueRef(spec.w)})`;
  const fit = moderation(y, x, w);
  const row = fit.interaction;
  return {
    estimate: row.estimate,
    ci: row.ci,
    p: row.p,
    n: ctx.n,
    statistic: { name: "t", value: row.t, df: fit.model.dfResidual },
    details: {
      interaction: rowSummary(row),
      simpleSlopes: fit.simpleSlopes,
      meanW: fit.meanW,
      sdW: fit.sdW,
      coefficients: Object.fromEntries(fit.model.coefficients.map((r) => [r.name, rowSummary(r)])),
    },
  };
}

function runDoseResponse(spec: DoseResponseSpec, data: TrialData, ctx: Context): Outcome {
  const [measure, from, to] = spec.change;
  const dose = spec.dose ?? "minutes";
  const { columns } = pairValues(
    resolveValues(data, { measure, change: [from, to] }, [spec.arm]),
    resolveValues(data, { participant: dose }, [spec.arm]),
  );
  const [change, doses] = columns;
  ctx.n = change.length;
  requireN(change.length, 4, "dose-response");
  ctx.call = `doseResponse(change = ${measure}[${from}→${to}], dose = ${dose}) in ${spec.arm}`;
  const fit = doseResponse(change, doses);
  const r = fit.correlation;
  const ms = fit.medianSplit;
  return {
    estimate: r.r,
    ci: r.ci,
    p: r.p,
    n: ctx.n,
    statistic: { name: "t", value: r.t, df: r.df },
    details: {
      dose,
      r: r.r,
      slope: rowSummary(fit.slope),
      medianSplit: {
        medianDose: ms.medianDose,
        nHigh: ms.nHigh,
        nLow: ms.nLow,
        meanDifference: ms.welch.meanDiff,
        t: ms.welch.t,
        df: ms.welch.df,
        p: ms.welch.p,
        d: ms.d.estimate,
        dCi: ms.d.ci,
      },
    },
  };
}

function runCrossLagged(spec: CrossLaggedSpec, data: TrialData, ctx: Context): Outcome {
  const [w1, w2] = spec.waves;
  const at = (measure: string, wave: string): Map<number, number> =>
    resolveValues(data, { measure, wave }, spec.arms);
  const { columns } = pairValues(at(spec.x, w1), at(spec.y, w1), at(spec.x, w2), at(spec.y, w2));
  const [x1, y1, x2, y2] = columns;
  ctx.n = x1.length;
  requireN(x1.length, 5, "cross-lagged panel");
  ctx.call = `crossLaggedPanel(x1 = ${spec.x}@${w1}, y1 = ${spec.y}@${w1}, x2 = ${spec.x}@${w2}, y2 = ${spec.y}@${w2})`;
  const fit = crossLaggedPanel(x1, y1, x2, y2);
  const xy = fit.paths.x1ToY2;
  return {
    estimate: xy.estimate,
    ci: xy.ci,
    p: xy.p,
    n: ctx.n,
    statistic: { name: "t", value: xy.t, df: fit.models.y2.dfResidual },
    details: {
      xToY: rowSummary(xy),
      yToX: rowSummary(fit.paths.y1ToX2),
      stabilityX: rowSummary(fit.paths.x1ToX2),
      stabilityY: rowSummary(fit.paths.y1ToY2),
      difference: fit.difference,
      residualCorrelation: fit.residualCorrelation,
    },
  };
}

/** One-sample t of values against 0, through an intercept-only regression. */
function oneSample(values: number[], ctx: Context, what: string): Outcome {
  ctx.n = values.length;
  requireN(values.length, 2, what);
  const s = sd(values);
  if (!(s > 0)) throw new DataProblem(`${what}: zero variance`);
  const fit = ols(
    values,
    values.map(() => []),
    [],
  );
  const row = fit.coefficients[0];
  return {
    estimate: row.estimate,
    ci: row.ci,
    p: row.p,
    n: ctx.n,
    statistic: { name: "t", value: row.t, df: fit.dfResidual },
    details: { mean: mean(values), sd: s, d: mean(values) / s, se: row.se },
  };
}

function runMean(spec: MeanSpec, data: TrialData, ctx: Context): Outcome {
  return oneSample(
    [...resolveValues(data, spec.value, spec.arms).values()],
    ctx,
    describeValueRef(spec.value),
  );
}

function runPairedDifference(spec: PairedDifferenceSpec, data: TrialData, ctx: Context): Outcome {
  const { columns } = pairValues(
    resolveValues(data, spec.x, spec.arms),
    resolveValues(data, spec.y, spec.arms),
  );
  const diff = columns[0].map((x, i) => x - columns[1][i]);
  return oneSample(diff, ctx, `${describeValueRef(spec.x)} - ${describeValueRef(spec.y)}`);
}

function runQuadratic(spec: QuadraticSpec, data: TrialData, ctx: Context): Outcome {
  if (spec.measures.length !== spec.levels.length || spec.levels.length < 3)
    throw new DataProblem("quadratic: needs at least three levels and one measure per level");
  const y: number[] = [];
  const X: number[][] = [];
  const people = new Set<number>();
  spec.measures.forEach((m, k) => {
    for (const [id, v] of resolveValues(data, { measure: m, wave: spec.wave }, spec.arms)) {
      y.push(v);
      X.push([spec.levels[k], spec.levels[k] ** 2]);
      people.add(id);
    }
  });
  ctx.n = people.size;
  requireN(people.size, 2, "quadratic");
  const fit = ols(y, X, ["level", "level2"]);
  const b1 = fit.coefficients[1];
  const b2 = fit.coefficients[2];
  return {
    estimate: b2.estimate,
    ci: b2.ci,
    p: b2.p,
    n: ctx.n,
    statistic: { name: "t", value: b2.t, df: fit.dfResidual },
    details: {
      linear: rowSummary(b1),
      quadratic: rowSummary(b2),
      vertex: -b1.estimate / (2 * b2.estimate),
      observations: y.length,
    },
  };
}

function runWithinChange(spec: WithinChangeSpec, data: TrialData, ctx: Context): Outcome {
  const change = [
    ...resolveValues(data, { measure: spec.measure, change: spec.change }, [spec.arm]).values(),
  ];
  const out = oneSample(change, ctx, `change in arm "${spec.arm}"`);
  const { mean: meanChange, sd: sdChange, d: dz, se } = out.details as Record<string, number>;
  return { ...out, details: { meanChange, sdChange, dz, se } };
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
 */
export function runAnalysis(spec: AnalysisSpec, data: TrialData, seed: number): AnalysisResult {
  const head = { id: spec.id, type: spec.type, label: spec.label ?? describeAnalysis(spec) };
  const ctx: Context = { n: 0 };
  try {
    let out: Outcome;
    switch (spec.type) {
      case "compare":
        out = runCompare(spec, data, ctx);
        break;
      case "ancova":
        out = runAncova(spec, data, ctx);
        break;
      case "correlation":
        out = runCorrelation(spec, data, ctx);
        break;
      case "logistic":
        out = runLogistic(spec, data, ctx);
        break;
      case "mixed":
        out = runMixed(spec, data, ctx);
        break;
      case "mediation":
        out = runMediation(spec, data, ctx, seed);
        break;
      case "moderation":
        out = runModeration(spec, data, ctx);
        break;
      case "doseResponse":
        out = runDoseResponse(spec, data, ctx);
        break;
      case "crossLagged":
        out = runCrossLagged(spec, data, ctx);
        break;
      case "withinChange":
        out = runWithinChange(spec, data, ctx);
        break;
      case "mean":
        out = runMean(spec, data, ctx);
        break;
      case "pairedDifference":
        out = runPairedDifference(spec, data, ctx);
        break;
      case "quadratic":
        out = runQuadratic(spec, data, ctx);
        break;
      default:
        throw new DataProblem(`unknown analysis type "${(spec as { type: unknown }).type}"`);
    }
    return { ...head, ...out };
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
 * Attach multiplicity-adjusted p-values. Only results with a finite p
 * enter the family (errors and analyses without p get `pAdjusted: null`).
 *
 * @param results - results of one study, in any order (order is kept)
 * @param method - "holm" (step-down, as R's `p.adjust`) or "none"
 *   (pAdjusted = p)
 */
export function adjustResults(
  results: readonly AnalysisResult[],
  method: "holm" | "none",
): AdjustedAnalysisResult[] {
  const idx: number[] = [];
  results.forEach((r, i) => {
    if (r.p !== null && Number.isFinite(r.p)) idx.push(i);
  });
  const raw = idx.map((i) => results[i].p as number);
  const adjusted = method === "holm" ? holm(raw) : raw;
  const byIndex = new Map(idx.map((i, k) => [i, adjusted[k]]));
  return results.map((r, i) => ({ ...r, pAdjusted: byIndex.get(i) ?? null }));
}

// ------------------------------------------------------------- validation

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "string") return `"${v}"`;
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(v);
  }
}

function listOf(names: readonly string[]): string {
  return names.length === 0 ? "(none declared)" : names.join(", ");
}

/** Collects messages for one analysis spec. */
class Checker {
  readonly errors: string[] = [];
  constructor(private readonly known: KnownNames) {}

  add(path: string, message: string): void {
    this.errors.push(`${path}: ${message}`);
  }

  /** A name from `list` (kind = "arm", "wave", …). */
  name(v: unknown, path: string, kind: string, list: readonly string[]): void {
    if (typeof v !== "string") {
      this.add(path, `expected a ${kind} name (string), got ${show(v)}`);
    } else if (!list.includes(v)) {
      this.add(path, `unknown ${kind} "${v}" (expected one of: ${listOf(list)})`);
    }
  }

  arm(v: unknown, path: string): void {
    this.name(v, path, "arm", this.known.arms);
  }
  wave(v: unknown, path: string): void {
    this.name(v, path, "wave", this.known.waves);
  }
  measure(v: unknown, path: string): void {
    this.name(v, path, "measure", this.known.measures);
  }
  field(v: unknown, path: string): void {
    this.name(v, path, "participant field", this.known.participantFields);
  }

  /** A list of names; `count` fixes the length, `min` bounds it; entries must differ. */
  names(
    v: unknown,
    path: string,
    each: (x: unknown, p: string) => void,
    what: string,
    opts: { count?: number; min?: number },
  ): void {
    if (!Array.isArray(v)) {
      this.add(path, `expected ${what}, got ${show(v)}`);
      return;
    }
    if (opts.count !== undefined && v.length !== opts.count) {
      this.add(path, `expected ${what}, got ${v.length} entr${v.length === 1 ? "y" : "ies"}`);
    } else if (opts.min !== undefined && v.length < opts.min) {
      this.add(path, `expected ${what}, got ${v.length} entr${v.length === 1 ? "y" : "ies"}`);
    }
    v.forEach((x, i) => each(x, `${path}[${i}]`));
    const strings = v.filter((x) => typeof x === "string");
    if (new Set(strings).size !== strings.length)
      this.add(path, `entries must differ (${show(v)})`);
  }

  armPair(v: unknown, path: string): void {
    this.names(v, path, (x, p) => this.arm(x, p), "[treatment arm, control arm]", { count: 2 });
  }
  optionalArms(obj: Record<string, unknown>, path: string): void {
    if (obj.arms === undefined) return;
    this.names(obj.arms, `${path}.arms`, (x, p) => this.arm(x, p), "a list of arm names", {
      min: 1,
    });
  }
  wavePair(v: unknown, path: string, what: string): void {
    this.names(v, path, (x, p) => this.wave(x, p), what, { count: 2 });
  }

  /** A {@link ValueRef}. */
  ref(v: unknown, path: string): void {
    const forms =
      "{ measure, wave }, { measure, change: [from, to] }, { participant: field } or { arm }";
    if (!isRecord(v)) {
      this.add(path, `expected a value reference (${forms}), got ${show(v)}`);
      return;
    }
    const keys = Object.keys(v);
    if ("participant" in v) {
      this.field(v.participant, `${path}.participant`);
      this.noExtra(v, ["participant"], path);
    } else if ("arm" in v) {
      this.arm(v.arm, `${path}.arm`);
      this.noExtra(v, ["arm"], path);
    } else if ("measure" in v) {
      this.measure(v.measure, `${path}.measure`);
      const hasWave = "wave" in v;
      const hasChange = "change" in v;
      if (hasWave === hasChange) {
        this.add(
          path,
          `a measure reference needs exactly one of "wave" or "change" (got keys ${keys.join(", ")})`,
        );
      }
      if (hasWave) this.wave(v.wave, `${path}.wave`);
      if (hasChange) this.wavePair(v.change, `${path}.change`, "[from wave, to wave]");
      if ("time" in v && !(typeof v.time === "number" && Number.isFinite(v.time))) {
        this.add(`${path}.time`, `expected a number of minutes, got ${show(v.time)}`);
      }
      this.noExtra(v, ["measure", "wave", "change", "time"], path);
    } else {
      this.add(path, `expected a value reference (${forms}), got keys ${show(keys)}`);
    }
  }

  noExtra(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) {
        this.add(`${path}.${k}`, `unknown field (expected only: ${allowed.join(", ")})`);
      }
    }
  }

  required(obj: Record<string, unknown>, key: string, path: string): boolean {
    if (obj[key] === undefined) {
      this.add(`${path}.${key}`, "missing required field");
      return false;
    }
    return true;
  }

  oneOfLiteral(v: unknown, path: string, options: readonly string[]): void {
    if (v === undefined) return;
    if (typeof v !== "string" || !options.includes(v)) {
      this.add(path, `expected one of ${options.map((o) => `"${o}"`).join(", ")}, got ${show(v)}`);
    }
  }
}

/** Allowed fields per type (besides id, type, label). */
const FIELDS: Record<AnalysisType, readonly string[]> = {
  compare: ["outcome", "arms"],
  ancova: ["measure", "pre", "post", "arms", "covariates"],
  correlation: ["x", "y", "arms", "method"],
  logistic: ["outcome", "predictors", "arms"],
  mixed: ["measure", "waves", "arms"],
  mediation: ["x", "m", "y", "arms", "reps"],
  moderation: ["y", "x", "w", "arms"],
  doseResponse: ["change", "arm", "dose"],
  crossLagged: ["x", "y", "waves", "arms"],
  withinChange: ["measure", "change", "arm"],
  mean: ["value", "arms"],
  pairedDifference: ["x", "y", "arms"],
  quadratic: ["measures", "levels", "wave", "arms"],
};

/**
 * Validate a raw (parsed YAML) analysis spec against the names a study
 * declares.
 *
 * @param raw - the parsed value
 * @param path - where it sits in the study file (e.g. "analyses[2]");
 *   every message starts with this path
 * @param known - declared arms, waves, measures and participant fields
 * @returns messages naming the offending path and what was expected
 *   (empty when `raw` is a valid {@link AnalysisSpec})
 */
export function validateAnalysis(raw: unknown, path: string, known: KnownNames): string[] {
  const c = new Checker(known);
  if (!isRecord(raw)) {
    c.add(path, `expected an analysis (a mapping with id and type), got ${show(raw)}`);
    return c.errors;
  }
  if (typeof raw.id !== "string" || raw.id.trim() === "") {
    c.add(`${path}.id`, `expected a non-empty string, got ${show(raw.id)}`);
  }
  if (raw.label !== undefined && typeof raw.label !== "string") {
    c.add(`${path}.label`, `expected a string, got ${show(raw.label)}`);
  }
  const type = raw.type;
  if (typeof type !== "string" || !(ANALYSIS_TYPES as readonly string[]).includes(type)) {
    c.add(
      `${path}.type`,
      `${type === undefined ? "missing required field" : `unknown analysis type ${show(type)}`} (expected one of: ${ANALYSIS_TYPES.join(", ")})`,
    );
    return c.errors;
  }
  const t = type as AnalysisType;
  c.noExtra(raw, ["id", "type", "label", ...FIELDS[t]], path);
  const at = (k: string): string => `${path}.${k}`;
  const req = (k: string): boolean => c.required(raw, k, path);
  switch (t) {
    case "compare":
      if (req("outcome")) c.ref(raw.outcome, at("outcome"));
      if (req("arms")) c.armPair(raw.arms, at("arms"));
      break;
    case "ancova":
      if (req("measure")) c.measure(raw.measure, at("measure"));
      if (req("pre")) c.wave(raw.pre, at("pre"));
      if (req("post")) c.wave(raw.post, at("post"));
      if (typeof raw.pre === "string" && raw.pre === raw.post) {
        c.add(at("post"), `must differ from pre ("${raw.pre}")`);
      }
      if (req("arms")) c.armPair(raw.arms, at("arms"));
      if (raw.covariates !== undefined) {
        c.names(
          raw.covariates,
          at("covariates"),
          (x, p) => c.field(x, p),
          "a list of participant fields",
          {},
        );
      }
      break;
    case "correlation":
      if (req("x")) c.ref(raw.x, at("x"));
      if (req("y")) c.ref(raw.y, at("y"));
      c.optionalArms(raw, path);
      c.oneOfLiteral(raw.method, at("method"), ["pearson", "spearman"]);
      break;
    case "logistic":
      if (req("outcome")) c.ref(raw.outcome, at("outcome"));
      if (req("predictors")) {
        if (!Array.isArray(raw.predictors) || raw.predictors.length === 0) {
          c.add(
            at("predictors"),
            `expected a non-empty list of value references, got ${show(raw.predictors)}`,
          );
        } else {
          raw.predictors.forEach((p, i) => c.ref(p, `${at("predictors")}[${i}]`));
        }
      }
      c.optionalArms(raw, path);
      break;
    case "mixed":
      if (req("measure")) c.measure(raw.measure, at("measure"));
      if (req("waves")) {
        c.names(raw.waves, at("waves"), (x, p) => c.wave(x, p), "a list of at least 2 waves", {
          min: 2,
        });
      }
      if (req("arms")) c.armPair(raw.arms, at("arms"));
      break;
    case "mediation":
      for (const k of ["x", "m", "y"]) if (req(k)) c.ref(raw[k], at(k));
      c.optionalArms(raw, path);
      if (raw.reps !== undefined && !(Number.isInteger(raw.reps) && (raw.reps as number) >= 2)) {
        c.add(at("reps"), `expected an integer ≥ 2, got ${show(raw.reps)}`);
      }
      break;
    case "moderation":
      for (const k of ["y", "x", "w"]) if (req(k)) c.ref(raw[k], at(k));
      c.optionalArms(raw, path);
      break;
    case "doseResponse":
      if (req("change")) {
        const ch = raw.change;
        if (!Array.isArray(ch) || ch.length !== 3) {
          c.add(at("change"), `expected [measure, from wave, to wave], got ${show(ch)}`);
        } else {
          c.measure(ch[0], `${at("change")}[0]`);
          c.wave(ch[1], `${at("change")}[1]`);
          c.wave(ch[2], `${at("change")}[2]`);
          if (typeof ch[1] === "string" && ch[1] === ch[2]) {
            c.add(at("change"), `from and to waves must differ ("${ch[1]}")`);
          }
        }
      }
      if (req("arm")) c.arm(raw.arm, at("arm"));
      c.oneOfLiteral(raw.dose, at("dose"), ["minutes", "practiceDays"]);
      break;
    case "crossLagged":
      if (req("x")) c.measure(raw.x, at("x"));
      if (req("y")) c.measure(raw.y, at("y"));
      if (typeof raw.x === "string" && raw.x === raw.y)
        c.add(at("y"), `must differ from x ("${raw.x}")`);
      if (req("waves")) c.wavePair(raw.waves, at("waves"), "[wave 1, wave 2]");
      c.optionalArms(raw, path);
      break;
    case "withinChange":
      if (req("measure")) c.measure(raw.measure, at("measure"));
      if (req("change")) c.wavePair(raw.change, at("change"), "[from wave, to wave]");
      if (req("arm")) c.arm(raw.arm, at("arm"));
      break;
    case "mean":
      if (req("value")) c.ref(raw.value, at("value"));
      c.optionalArms(raw, path);
      break;
    case "pairedDifference":
      if (req("x")) c.ref(raw.x, at("x"));
      if (req("y")) c.ref(raw.y, at("y"));
      c.optionalArms(raw, path);
      break;
    case "quadratic":
      if (req("wave")) c.wave(raw.wave, at("wave"));
      if (req("measures")) {
        if (!Array.isArray(raw.measures) || raw.measures.length < 3)
          c.add(
            at("measures"),
            `expected a list of at least 3 measures, got ${show(raw.measures)}`,
          );
        else raw.measures.forEach((m, i) => c.measure(m, `${at("measures")}[${i}]`));
      }
      if (req("levels")) {
        const lv = raw.levels;
        if (!Array.isArray(lv) || !lv.every((x) => typeof x === "number" && Number.isFinite(x)))
          c.add(at("levels"), `expected a list of numbers, got ${show(lv)}`);
        else if (Array.isArray(raw.measures) && lv.length !== raw.measures.length)
          c.add(
            at("levels"),
            `expected one level per measure (${raw.measures.length}), got ${lv.length}`,
          );
      }
      c.optionalArms(raw, path);
      break;
  }
  return c.errors;
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
