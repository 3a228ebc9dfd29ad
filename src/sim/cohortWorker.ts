/**
 * Worker-thread entry: compiles the model it is sent and simulates its share of a cohort.
 */

import { parentPort } from "node:worker_threads";
import { compileModel } from "../engine/compileModel.js";
import type { Model } from "../model/types.js";
import { simulateCohort, type CohortSpec } from "./simulateCohort.js";

/** Message a worker receives. */
export interface CohortJob {
  model: Model;
  params?: Record<string, number>;
  spec: CohortSpec;
  ids: Uint32Array;
}

parentPort?.on("message", (job: CohortJob) => {
  try {
    const cm = compileModel(job.model, { params: job.params });
    const result = simulateCohort(cm, job.spec, job.ids, (day) =>
      parentPort!.postMessage({ type: "day", day }),
    );
    parentPort!.postMessage({ type: "done", result });
  } catch (e) {
    parentPort!.postMessage({ type: "error", message: e instanceof Error ? e.message : String(e) });
  }
});
