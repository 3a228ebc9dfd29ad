/**
 * The planned analyses of a virtual trial: their specification (as written
 * in YAML study files), validation of raw specs, and running them on the
 * trial's tidy data with the estimators of `numeric/stats/`.
 *
 * Every analysis reports one headline `estimate` with a confidence interval
 * and (where defined) a p-value, plus analysis-specific `details`. When the
 * data do not allow the estimate (too few complete cases, zero variance,
 * separation, …) the result carries an `error` message and NaNs instead of
 * throwing, so one failed analysis never stops a study.
 *
 * Each kind lives in its own module exporting one definition; `registry.ts` lists them.
 */
export type { AncovaSpec } from "./ancova.js";
export type { CompareSpec } from "./compare.js";
export type { CorrelationSpec } from "./correlation.js";
export type { CrossLaggedSpec } from "./crossLagged.js";
export type { DoseResponseSpec } from "./doseResponse.js";
export type { LogisticSpec } from "./logistic.js";
export type { MeanSpec } from "./mean.js";
export type { MediationSpec } from "./mediation.js";
export type { MixedSpec } from "./mixed.js";
export type { ModerationSpec } from "./moderation.js";
export type { PairedDifferenceSpec } from "./pairedDifference.js";
export type { QuadraticSpec } from "./quadratic.js";
export type { WithinChangeSpec } from "./withinChange.js";
export { describeValueRef, unitsOf } from "./common.js";
export {
  ANALYSES,
  ANALYSIS_TYPES,
  analysisDefinition,
  analysisMetric,
  describeAnalysis,
  runAnalysis,
  validateAnalyses,
  validateAnalysis,
  type AnalysisSpec,
  type AnalysisType,
} from "./registry.js";
export {
  ALPHA,
  adjustResults,
  decide,
  isSignificant,
  type AdjustedAnalysisResult,
  type AnalysisResult,
} from "./result.js";
export {
  defineAnalysis,
  type AnalysisBase,
  type AnalysisDefinition,
  type AnalysisMetric,
  type AnalysisStatistic,
  type KnownNames,
  type Outcome,
  type RunContext,
  type RunOptions,
} from "./types.js";
