/**
 * kindsim/model: the theory as data (types, formulas, validation, variants, hashes, diffs), reading model text, and the DataResolver through which the core reads every data file.
 * Browser-safe: no Node built-ins (see eslint.config.js). Published as `kindsim/model`.
 */

export * from "./applyVariant.js";
export * from "./dataResolver.js";
export * from "./describeModel.js";
export * from "./everydayKeys.js";
export * from "./formula.js";
export * from "./issues.js";
export * from "./lintModel.js";
export * from "./loadModel.js";
export * from "./modelDiff.js";
export * from "./modelHash.js";
export * from "./shippedFiles.js";
export * from "./types.js";
export * from "./validateModel.js";
export * from "./version.js";
