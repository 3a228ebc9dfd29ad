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
  dataResolver,
  setDataResolver,
  memoryDataResolver,
  shippedPath,
  MEMORY_ROOT,
  type DataResolver,
} from "./model/dataResolver.js";
export { SHIPPED_FILES } from "./model/shippedFiles.js";
export {
  defaultModel,
  loadModel,
  parseModel,
  parseDataText,
  readData,
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
export { dopri5, SolverError, type DopriOptions, type DopriResult } from "./numeric/dopri.js";
export { RandomStream, philox4x32, hashName } from "./numeric/random.js";
export { portableMath, type PortableMath } from "./numeric/portableMath.js";

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
export {
  runCohort,
  mergeResults,
  closeCohortPool,
  type RunCohortOptions,
} from "./sim/runCohort.js";
export {
  inThreadCohortRunner,
  defaultCohortRunner,
  setDefaultCohortRunner,
  compiledFor,
  type CohortRunner,
  type CohortRunOptions,
} from "./sim/cohortRunner.js";

// measure: paradigms and instruments
export {
  loadParadigms,
  readParadigm,
  type Paradigm,
  type ParadigmMeasure,
} from "./measure/paradigm.js";
export { runParadigm, type MeasureRow } from "./measure/runParadigm.js";
export { measure, measureDiary, validateInstrument } from "./measure/instruments/measure.js";
export type { Instrument } from "./measure/instruments/types.js";

// study: trials, analyses, scorecard, design
export { loadStudy, readStudy, type StudySpec } from "./study/studySpec.js";
export { runTrial, randomise, type TrialRun, type TrialOptions } from "./study/runTrial.js";
export type { TrialData, TrialRow, TrialParticipant, ValueRef } from "./study/trialData.js";
export {
  runAnalysis,
  validateAnalysis,
  adjustResults,
  type AnalysisSpec,
  type AnalysisResult,
} from "./study/analyses.js";
export {
  loadFindings,
  runScorecard,
  addRobustness,
  selectFindings,
  type Scorecard,
  type FindingResult,
} from "./study/scorecard.js";
export { simulatePower, simulateAssurance, smallestN, type PowerPoint } from "./study/power.js";
export { discriminate, type DiscriminationResult } from "./study/discriminate.js";
export { studySensitivity, type SensitivityResult } from "./study/studySensitivity.js";
export * as stats from "./numeric/stats/index.js";

// plots (SVG strings)
export { linePlot, forestPlot, powerCurve, barPlot, scorecardPlot } from "./plot/index.js";
export { modelDiagram } from "./plot/modelDiagram.js";

// study: sensitivity analysis
export {
  morris,
  sobolIndices,
  priorQuantile,
  priorMean,
  type Prior,
} from "./numeric/sensitivity/index.js";
