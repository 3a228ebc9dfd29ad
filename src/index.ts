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
export { InputError, ValidationError, type ValidationIssue } from "./model/issues.js";
export { checkParameterValues } from "./model/parameterValues.js";
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
export {
  describeId,
  describeIdOrRaw,
  formatIdDescription,
  type IdDescription,
} from "./model/describeId.js";
export {
  checkVariantHypotheses,
  checkVariantsHypotheses,
  variantCutsEdge,
} from "./model/validate/variantHypotheses.js";
export { modelHash } from "./model/modelHash.js";
export { diffModels, formatModelDiff } from "./model/modelDiff.js";
export { isValidatedModel, type ValidatedModel } from "./model/validatedModel.js";
export { describeModel, modelSummaryJson } from "./model/describeModel.js";
export {
  formatModelLint,
  lintModel,
  type LintCheck,
  type LintFinding,
  type LintSummary,
  type ModelLint,
} from "./model/lintModel.js";

// engine: compiled kernels, solvers, random streams
export {
  compileModel,
  ensureValidated,
  NSTAT,
  SUMMARY_STATS,
  type CompiledModel,
  type CompileOptions,
  type ParticipantBatch,
  type EpisodeBatch,
  type EpisodeSchedule,
  type TrajectoryBuffer,
  type DayBatch,
  type PersonBatch,
  type OneParticipant,
  type EpisodeKernel,
  type DayKernel,
  type PersonKernel,
  type FastRhs,
} from "./engine/compileModel.js";
export {
  DivergenceError,
  describeDivergences,
  ON_DIVERGENCE,
  type Divergence,
  type OnDivergence,
} from "./engine/divergence.js";
export { checkTimeStep, RK4_STABILITY_LIMIT } from "./engine/checkTimeStep.js";
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
  type CohortArm,
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
export { EVERYDAY_LIFE, everydayLife, type EverydayLife } from "./sim/everydayLife.js";
export {
  naturalCourse,
  judgeNode,
  DEFAULT_STATIONARITY_TOLERANCES,
  BOUND_EPSILON,
  type NaturalCourse,
  type NaturalCourseOptions,
  type NodeCourse,
  type NodeMoments,
  type StationarityTolerances,
} from "./sim/naturalCourse.js";

// measure: paradigms and instruments
export {
  describeMeasure,
  instrumentUnit,
  type MeasureDescription,
} from "./measure/describeMeasure.js";
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
export { loadStudy, readStudy, checkStudySet, type StudySpec } from "./study/studySpec.js";
export {
  runTrial,
  randomise,
  runInDays,
  type TrialRun,
  type TrialOptions,
} from "./study/runTrial.js";
export {
  cohortDictionaries,
  trialDictionaries,
  episodeDictionary,
  dictionaryCsv,
  dictionariesCsv,
  type DataDictionary,
  type DictionaryEntry,
} from "./study/dataDictionary.js";
export type { TrialData, TrialRow, TrialParticipant, ValueRef } from "./study/trialData.js";
export {
  runAnalysis,
  validateAnalysis,
  adjustResults,
  decide,
  isSignificant,
  ANALYSES,
  ANALYSIS_TYPES,
  analysisDefinition,
  analysisMetric,
  defineAnalysis,
  type AnalysisSpec,
  type AnalysisResult,
  type AdjustedAnalysisResult,
  type AnalysisDefinition,
  type AnalysisMetric,
} from "./study/analyses.js";
export {
  loadFindings,
  runScorecard,
  addRobustness,
  selectFindings,
  type Scorecard,
  type FindingResult,
} from "./study/scorecard.js";
export {
  simulatePower,
  simulateAssurance,
  smallestN,
  decisionRule,
  replicateDecisions,
  type PowerPoint,
} from "./study/power.js";
export { discriminate, type DiscriminationResult } from "./study/discriminate.js";
export {
  studySensitivity,
  plannedEvaluations,
  type SensitivityResult,
} from "./study/studySensitivity.js";
export {
  summariseCohort,
  meanPracticeHours,
  SUMMARY_VARIABLES,
  type ChangeSummary,
} from "./study/summariseCohort.js";
export { measureMeans, type MeasureMean } from "./study/measureMeans.js";
export {
  compareVariants,
  type VariantComparison,
  type VariantFindingRow,
} from "./study/compareVariants.js";
export {
  simulateProtocols,
  protocolCohortSpec,
  type ProtocolCohortOptions,
  type ProtocolCohortRun,
} from "./study/simulateProtocols.js";
export { validateStudyFile, type StudyValidation } from "./study/validateStudy.js";
export { checkStudyDesign } from "./study/runTrial.js";
export {
  loadNorms,
  readNorms,
  checkNorms,
  compareNorms,
  NORMS_DATA,
  NORM_SOURCES,
  DEFAULT_NORM_TOLERANCE,
  type Norm,
  type NormSource,
  type NormComparison,
  type CompareNormsOptions,
} from "./study/norms.js";
export * as stats from "./numeric/stats/index.js";

// plots (SVG strings)
export { linePlot, forestPlot, powerCurve, barPlot, scorecardPlot } from "./plot/index.js";
export { modelDiagram } from "./plot/modelDiagram.js";

// study: sensitivity analysis
export {
  morris,
  sobolIndices,
  sobolWarnings,
  priorQuantile,
  priorMean,
  type Prior,
} from "./numeric/sensitivity/index.js";
