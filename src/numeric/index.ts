/**
 * kindsim/numeric: general numerics that import nothing else of kindsim: distributions,
 * priors, Cholesky, the Dormand–Prince solver, counter-based random streams, statistics
 * (as `stats`) and sensitivity methods.
 * Browser-safe: no Node built-ins (see eslint.config.js). Published as `kindsim/numeric`.
 */

export * from "./cholesky.js";
export * from "./distributions.js";
export * from "./dopri.js";
export * from "./priors.js";
export { portableMath, type PortableMath } from "./portableMath.js";
export * from "./random.js";
export * from "./sensitivity/index.js";
export * as stats from "./stats/index.js";
