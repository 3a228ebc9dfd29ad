/**
 * kindsim/engine: compiling a model into generated JS kernels.
 * Browser-safe: no Node built-ins (see eslint.config.js). Published as `kindsim/engine`.
 */

export * from "./compileModel.js";
export * from "./formulaToJs.js";
