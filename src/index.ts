// kindsim public API. Every export is listed here explicitly.

// model: the theory as data
export type {
  Model,
  ModelNode,
  ModelEdge,
  ModelParameter,
  Variant,
  ContentPrimitive,
  Coupling,
  DaySummary,
  NodeKind,
  NodeLevel,
  EdgeEffect,
  Provenance,
  Evidence,
  SlowDynamics,
} from "./model/types.js";
export {
  parseFormula,
  evaluateFormula,
  formatFormula,
  identifiers,
  FormulaError,
  type Formula,
} from "./model/formula.js";
export { validateModel } from "./model/validateModel.js";
export { ValidationError, type ValidationIssue } from "./model/issues.js";
export {
  defaultModel,
  loadModel,
  parseModel,
  resolveModel,
  shippedModelPath,
  DEFAULT_MODEL_ID,
} from "./model/loadModel.js";
export { applyVariant, findVariant } from "./model/applyVariant.js";
export { modelHash } from "./model/modelHash.js";
export { diffModels, formatModelDiff } from "./model/modelDiff.js";
export { describeModel, modelSummaryJson } from "./model/describeModel.js";

// engine: compiled kernels, solvers, random streams
export {
  compileModel,
  NSTAT,
  SUMMARY_STATS,
  type CompiledModel,
  type CompileOptions,
} from "./engine/compileModel.js";
export { dopri5, SolverError, type DopriOptions, type DopriResult } from "./engine/dopri.js";
export { RandomStream, philox4x32, hashName } from "./engine/random.js";

// sim: people, practices, episodes, days
export {
  resolvePopulation,
  loadPopulations,
  samplePopulation,
  type Population,
} from "./sim/population.js";
export {
  resolveProtocol,
  loadProtocols,
  practiceOnDay,
  moduleOnDay,
  type Protocol,
} from "./sim/protocol.js";
export {
  sufferingEpisode,
  exclusionEpisode,
  stressorEpisode,
  socialEpisode,
  practiceEpisode,
  episodeInputs,
  runEpisode,
  summaryOf,
  type EpisodeSpec,
} from "./sim/episode.js";
export {
  simulateCohort,
  blockAssignment,
  type CohortSpec,
  type CohortResult,
  type EventSchedule,
} from "./sim/simulateCohort.js";
export { runCohort, mergeResults } from "./sim/runCohort.js";

// study: sensitivity analysis
export {
  morris,
  sobolIndices,
  priorQuantile,
  priorMean,
  type Prior,
} from "./study/sensitivity/index.js";

// interfaces
export { main } from "./cli/main.js";
