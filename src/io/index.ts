/**
 * kindsim/node: the Node-only layer. Loading it makes the core read files from disk
 * ({@link nodeDataResolver}: user paths relative to the working folder, shipped data from
 * the package's folder) and run cohorts with `threads` > 1 on worker threads
 * ({@link workerCohortRunner}). It also lists the loaders that take a path, so a Node
 * program can import them from here and be sure they read the file system.
 */

export { readTextFile, readDataFile } from "./readDataFile.js";
export {
  nodeDataResolver,
  useNodeDataResolver,
  PACKAGE_ROOT,
  PROTOCOLS_FILE,
  POPULATIONS_FILE,
  PARADIGMS_FILE,
  FINDINGS_FILE,
} from "./nodeData.js";
export { workerCohortRunner, useWorkerCohortRunner } from "./workerCohortRunner.js";

// Loaders that take a path (read through the resolver installed above).
export {
  loadModel,
  resolveModel,
  defaultModel,
  shippedModelPath,
  readData,
} from "../model/loadModel.js";
export { loadProtocols, resolveProtocol } from "../sim/protocol.js";
export { loadPopulations, resolvePopulation } from "../sim/population.js";
export { loadParadigms } from "../measure/paradigm.js";
export { loadFindings } from "../study/scorecard.js";
export { loadStudy } from "../study/studySpec.js";
export { closeCohortPool } from "../sim/runCohort.js";

// Output files, manifests, atomic output folders, streamed CSV
export { csvNumber, csvField, csvLines, type CsvTable } from "./csvFormat.js";
export { writeChunks } from "./csvStream.js";
export {
  openOutputFolder,
  writeOutputFolder,
  writeFileAtomically,
  checkOutputPath,
  OutputFolder,
  FolderNotEmptyError,
  type OutputFile,
  type OutputFolderOptions,
} from "./outputFolder.js";
export {
  buildManifest,
  manifestFile,
  hashInputs,
  studyInputFiles,
  type Manifest,
  type ManifestSpec,
} from "./manifest.js";
export { cohortFiles } from "./cohortFiles.js";
export { trialFiles, formatResults, metricText, resultsJson } from "./trialFiles.js";
export {
  powerReport,
  powerFiles,
  discriminationFiles,
  sensitivityFiles,
  scorecardFiles,
  comparisonFiles,
  comparisonSummary,
  type PowerReport,
} from "./designFiles.js";
