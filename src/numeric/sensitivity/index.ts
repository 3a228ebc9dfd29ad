/**
 * Global sensitivity analysis of model outputs to parameters with priors:
 * prior distributions, Morris elementary-effects screening (with optional
 * Gaussian-copula correlation) and Saltelli/Sobol' variance-based indices.
 */
export {
  type BetaPrior,
  type FixedPrior,
  type LognormalPrior,
  type NormalPrior,
  type Prior,
  type UniformPrior,
  PRIOR_DISTRIBUTIONS,
  priorMean,
  priorQuantile,
  priorSupport,
  validatePrior,
} from "../priors.js";
export {
  type SensitivityInput,
  assertValidInputs,
  validateInputs,
  variedInputIndices,
} from "./sensitivityInput.js";
export {
  type BatchModelFunction,
  type EvaluableDesign,
  type ModelFunction,
  evaluateDesign,
  evaluateDesignBatched,
} from "./evaluateDesign.js";
export {
  type CorrelationMatrix,
  GaussianCopula,
  choleskyLower,
  spearmanToGaussianCorrelation,
  validateCorrelationMatrix,
} from "./gaussianCopula.js";
export {
  type MorrisAnalysisOptions,
  type MorrisDesign,
  type MorrisDesignOptions,
  type MorrisInputResult,
  type MorrisOptions,
  type MorrisResult,
  morris,
  morrisAnalyze,
  morrisBatched,
  morrisDesign,
} from "./morris.js";
export {
  type SaltelliDesign,
  type SaltelliDesignOptions,
  type SobolAnalysis,
  type SobolAnalysisOptions,
  type SobolInputResult,
  type SobolOptions,
  type SobolResult,
  type SobolSampling,
  saltelliDesign,
  sobolAnalyze,
  sobolIndices,
  sobolIndicesBatched,
  sobolWarnings,
  SOBOL_MAX_INTERVAL_WIDTH,
  SOBOL_RANGE_TOLERANCE,
} from "./sobol.js";
export { SOBOL_MAX_DIMENSION, SobolSequence, sobolPoints } from "./sobolSequence.js";
export { percentileInterval } from "./bootstrap.js";
export { seededRandom } from "./seededRandom.js";
export { midRanks, pearsonCorrelation, spearmanCorrelation } from "./rankCorrelation.js";
