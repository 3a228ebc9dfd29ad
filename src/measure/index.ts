/**
 * kindsim/measure: paradigms and the instruments that read latent sources into observed scores.
 * Browser-safe: no Node built-ins (see eslint.config.js). Published as `kindsim/measure`.
 */

export * from "./paradigm.js";
export * from "./runParadigm.js";
export * from "./instruments/types.js";
export * from "./instruments/measure.js";
