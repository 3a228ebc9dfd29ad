/**
 * kindsim/study: study files, trials, planned analyses, the findings scorecard, power, discrimination and sensitivity designs.
 * Browser-safe: no Node built-ins (see eslint.config.js). Published as `kindsim/study`.
 */

export * from "./analyses.js";
export * from "./discriminate.js";
export * from "./drawParameters.js";
export * from "./norms.js";
export * from "./power.js";
export * from "./resolveValues.js";
export * from "./runTrial.js";
export * from "./scorecard.js";
export * from "./studySensitivity.js";
export * from "./studySpec.js";
export * from "./trialData.js";
