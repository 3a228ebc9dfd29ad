/**
 * Cohort runners (after SDEverywhere's ModelRunner): one interface that hides whether a
 * cohort is simulated on this thread or on worker threads. The result never depends on
 * the runner or its thread count. This module holds the in-thread runner (any JS host);
 * `kindsim/node` adds one on worker threads (`workerCohortRunner`) and makes it the default.
 */

import { compileModel, type CompiledModel } from "../engine/compileModel.js";
import type { Model } from "../model/types.js";
import { simulateCohort, type CohortResult, type CohortSpec } from "./simulateCohort.js";

/** Options of a cohort run. */
export interface CohortRunOptions {
  /** Threads to use (default 1; a runner without threads runs everything on this one). */
  threads?: number;
  /** Parameter values overriding the model's (by id). */
  params?: Record<string, number>;
  /** Called with the fraction of participant-days done (0–1). */
  onProgress?: (fraction: number) => void;
}

/** Simulates cohorts; see the module comment. */
export interface CohortRunner {
  /** Simulates every participant of `spec` (ids 0 … N−1). */
  run(model: Model, spec: CohortSpec, opts?: CohortRunOptions): Promise<CohortResult>;
  /** Frees what the runner holds (worker threads); it restarts them on demand. */
  close(): Promise<void>;
}

/** Compiled models reused by later cohorts on this thread (the kernel stays JIT-warm). */
const compiled = new WeakMap<Model, Map<string, CompiledModel>>();

/** The compiled model for `model` with `params`, compiled once per thread (last 16 kept). */
export function compiledFor(model: Model, params?: Record<string, number>): CompiledModel {
  let byParams = compiled.get(model);
  if (!byParams) compiled.set(model, (byParams = new Map()));
  const key = JSON.stringify(params ?? null);
  let cm = byParams.get(key);
  if (!cm) {
    if (byParams.size > 16) byParams.clear();
    byParams.set(key, (cm = compileModel(model, { params })));
  }
  return cm;
}

/** Runs every cohort on the calling thread (`threads` is ignored). Works in any JS host. */
export const inThreadCohortRunner: CohortRunner = {
  async run(model, spec, opts = {}) {
    const N = spec.assignment.length;
    const total = N * spec.days;
    const cm = compiledFor(model, opts.params);
    const ids = Uint32Array.from({ length: N }, (_, i) => i);
    return simulateCohort(cm, spec, ids, (d) => opts.onProgress?.(((d + 1) * N) / total));
  },
  async close() {},
};

let defaultRunner: CohortRunner = inThreadCohortRunner;

/** The runner `runCohort` uses when none is given (default: {@link inThreadCohortRunner}). */
export function defaultCohortRunner(): CohortRunner {
  return defaultRunner;
}

/**
 * Makes `runner` the one `runCohort` uses when none is given, and returns the previous one.
 * Importing `kindsim/node` installs the worker-thread runner.
 */
export function setDefaultCohortRunner(runner: CohortRunner): CohortRunner {
  const previous = defaultRunner;
  defaultRunner = runner;
  return previous;
}
