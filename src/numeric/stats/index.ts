/**
 * Public API of kindsim's statistics layer: the estimators real studies use,
 * as pure functions over number arrays.
 */
export { ancova } from "./ancova.js";
export type { AncovaOptions, AncovaResult } from "./ancova.js";
export { benjaminiHochberg } from "./benjaminiHochberg.js";
export { bonferroni } from "./bonferroni.js";
export { cohensD } from "./cohensD.js";
export type { SmdCiMethod, SmdOptions, SmdResult } from "./cohensD.js";
export { crossLaggedPanel } from "./crossLaggedPanel.js";
export type { CrossLaggedOptions, CrossLaggedResult } from "./crossLaggedPanel.js";
export { mean, median, quantile, ranks, sd, variance, zScores } from "./descriptive.js";
export { doseResponse } from "./doseResponse.js";
export type { DoseResponseOptions, DoseResponseResult, MedianTies } from "./doseResponse.js";
export { hedgesCorrection, hedgesG } from "./hedgesG.js";
export { holm } from "./holm.js";
export { logisticRegression } from "./logisticRegression.js";
export type {
  LogisticCoefficientRow,
  LogisticOptions,
  LogisticResult,
  SeparationStatus,
} from "./logisticRegression.js";
export { mediation } from "./mediation.js";
export type {
  MediationMethod,
  MediationOptions,
  MediationResult,
  ResampledInterval,
} from "./mediation.js";
export { mixedModel } from "./mixedModel.js";
export type { MixedCoefficientRow, MixedModelOptions, MixedModelResult } from "./mixedModel.js";
export { moderation } from "./moderation.js";
export type { ModerationOptions, ModerationResult, SimpleSlope } from "./moderation.js";
export { noncentralTInterval } from "./noncentralTInterval.js";
export type { UniformSource } from "./normalDeviates.js";
export { ols } from "./ols.js";
export type { CoefficientRow, FTest, OlsOptions, OlsResult } from "./ols.js";
export { pearson } from "./pearson.js";
export type { CorrelationOptions, PearsonResult } from "./pearson.js";
export { spearman } from "./spearman.js";
export type { SpearmanResult } from "./spearman.js";
export { welchT } from "./welchT.js";
export type { WelchTOptions, WelchTResult } from "./welchT.js";
