/**
 * The worker-thread cohort runner (Node only). Participants are dealt to threads
 * round-robin; results are merged back in id order, so outputs are identical for any
 * thread count. Importing this module (or `kindsim/node`) makes it the default runner.
 */

import { Worker } from "node:worker_threads";
import { InputError } from "../model/issues.js";
import {
  inThreadCohortRunner,
  setDefaultCohortRunner,
  type CohortRunner,
  type CohortRunOptions,
} from "../sim/cohortRunner.js";
import { mergeResults } from "../sim/runCohort.js";
import type { CohortResult, CohortSpec } from "../sim/simulateCohort.js";
import type { Model } from "../model/types.js";
import type { CohortJob } from "./cohortWorker.js";

/** Starts a worker on the compiled JS, or on the TypeScript source through tsx (tests, dev). */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("./cohortWorker.js", here));
  const tsx = (import.meta as unknown as { resolve: (s: string) => string }).resolve("tsx/esm/api");
  const src = new URL("./cohortWorker.ts", here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(src)}); });`;
  return new Worker(boot, { eval: true });
}

/** A worker kept alive between cohorts (one job at a time), with its message handler. */
interface PooledWorker {
  worker: Worker;
  busy: boolean;
  onMessage?: (m: WorkerMessage) => void;
  onError?: (e: Error) => void;
}

type WorkerMessage = {
  type: string;
  day?: number;
  result?: CohortResult;
  message?: string;
  /** The error was an InputError (bad input, e.g. divergence): the CLI exits 2. */
  inputError?: boolean;
};

/**
 * Worker threads are started once and reused by later cohorts (trials in a power analysis,
 * checks of the scorecard, points of a sensitivity design), so start-up is paid once. Idle
 * workers do not keep the process alive.
 */
const pool: PooledWorker[] = [];

function acquire(count: number): PooledWorker[] {
  const free = pool.filter((w) => !w.busy);
  while (free.length < count) {
    const pw: PooledWorker = { worker: startWorker(), busy: false };
    pw.worker.on("message", (m: WorkerMessage) => pw.onMessage?.(m));
    pw.worker.on("error", (e: Error) => {
      pool.splice(pool.indexOf(pw), 1);
      pw.onError?.(e);
    });
    pw.worker.unref();
    pool.push(pw);
    free.push(pw);
  }
  return free.slice(0, count);
}

/** Runs one thread's share (`ids`) on a pooled worker; `onDay` is called after each day. */
function runOnWorker(pw: PooledWorker, job: CohortJob, onDay: () => void): Promise<CohortResult> {
  return new Promise<CohortResult>((resolve, reject) => {
    pw.busy = true;
    pw.worker.ref();
    const finish = (): void => {
      pw.busy = false;
      pw.onMessage = pw.onError = undefined;
      pw.worker.unref();
    };
    pw.onMessage = (m) => {
      if (m.type === "day") onDay();
      else if (m.type === "done") {
        finish();
        resolve(m.result!);
      } else {
        finish();
        reject(m.inputError ? new InputError(m.message!) : new Error(m.message));
      }
    };
    pw.onError = (e) => {
      finish();
      reject(e);
    };
    pw.worker.postMessage(job);
  });
}

/** Simulates a cohort on `threads` pooled workers and merges the parts in id order. */
async function runOnWorkers(
  model: Model,
  spec: CohortSpec,
  threads: number,
  opts: CohortRunOptions,
): Promise<CohortResult> {
  const N = spec.assignment.length;
  const total = N * spec.days;
  let done = 0;
  const parts = await Promise.all(
    acquire(threads).map((pw, t) => {
      const ids = Uint32Array.from(
        { length: Math.ceil((N - t) / threads) },
        (_, i) => t + i * threads,
      );
      return runOnWorker(pw, { model, params: opts.params, spec, ids }, () => {
        done += ids.length;
        opts.onProgress?.(done / total);
      });
    }),
  );
  return mergeResults(parts);
}

/**
 * Runs a cohort on `opts.threads` worker threads (1, the default, runs on this thread).
 * Workers are pooled between runs; `close()` stops them.
 */
export const workerCohortRunner: CohortRunner = {
  run(model, spec, opts = {}) {
    const threads = Math.max(1, Math.min(opts.threads ?? 1, spec.assignment.length));
    if (threads === 1) return inThreadCohortRunner.run(model, spec, opts);
    return runOnWorkers(model, spec, threads, opts);
  },
  async close() {
    const all = pool.splice(0, pool.length);
    await Promise.all(all.map((w) => w.worker.terminate()));
  },
};

/** Makes {@link workerCohortRunner} the default runner (done when this module loads). */
export function useWorkerCohortRunner(): void {
  setDefaultCohortRunner(workerCohortRunner);
}

useWorkerCohortRunner();
