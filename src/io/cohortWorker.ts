/**
 * Worker-thread entry (Node only): compiles the model it is sent and simulates its share of
 * a cohort for {@link workerCohortRunner}.
 */

import { parentPort } from "node:worker_threads";
import { compileModel, type CompiledModel } from "../engine/compileModel.js";
import { InputError } from "../model/issues.js";
import type { Model } from "../model/types.js";
import { simulateCohort, type CohortSpec } from "../sim/simulateCohort.js";

/** Message a worker receives. */
export interface CohortJob {
  model: Model;
  params?: Record<string, number>;
  spec: CohortSpec;
  ids: Uint32Array;
}

/** The last compiled model, reused when the next job sends the same model and parameters. */
let cached: { key: string; cm: CompiledModel } | undefined;

parentPort?.on("message", (job: CohortJob) => {
  try {
    const key = JSON.stringify([job.model, job.params ?? null]);
    if (cached?.key !== key) cached = { key, cm: compileModel(job.model, { params: job.params }) };
    const cm = cached.cm;
    const result = simulateCohort(cm, job.spec, job.ids, (day) =>
      parentPort!.postMessage({ type: "day", day }),
    );
    parentPort!.postMessage({ type: "done", result });
  } catch (e) {
    parentPort!.postMessage({
      type: "error",
      message: e instanceof Error ? e.message : String(e),
      inputError: e instanceof InputError,
    });
  }
});
