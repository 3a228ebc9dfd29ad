/**
 * kindsim/sim: virtual participants (populations), practice protocols, episodes, days, and cohorts run through a CohortRunner.
 * Browser-safe: no Node built-ins (see eslint.config.js). Published as `kindsim/sim`.
 */

export * from "./cohortRunner.js";
export * from "./episode.js";
export * from "./naturalCourse.js";
export * from "./population.js";
export * from "./protocol.js";
export * from "./runCohort.js";
export * from "./simulateCohort.js";
