/**
 * Runs a cohort on one or more worker threads. Participants are dealt to threads
 * round-robin; results are merged back in id order, so outputs are identical for any
 * thread count.
 */

import { Worker } from "node:worker_threads";
import { compileModel, type CompiledModel } from "../engine/compileModel.js";
import { InputError } from "../model/issues.js";
import type { Model } from "../model/types.js";
import type { CohortJob } from "./cohortWorker.js";
import { simulateCohort, type CohortResult, type CohortSpec } from "./simulateCohort.js";

/** Options of {@link runCohort}. */
export interface RunCohortOptions {
  /** Worker threads (1 runs in this thread). */
  threads?: number;
  params?: Record<string, number>;
  /** Called with the fraction of participant-days done (0–1). */
  onProgress?: (fraction: number) => void;
}

/** Starts a worker on the compiled JS, or on the TypeScript source through tsx (tests, dev). */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("./cohortWorker.js", here));
  const tsx = (import.meta as unknown as { resolve: (s: string) => string }).resolve("tsx/esm/api");
  const src = new URL("./cohortWorker.ts", here).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(src)}); });`;
  return new Worker(boot, { eval: true });
}

/** Merges per-thread results (each in its own id order) into one result in id order. */
export function mergeResults(parts: CohortResult[]): CohortResult {
  if (parts.length === 1 && parts[0].ids.every((id, i, a) => i === 0 || a[i - 1] < id))
    return parts[0];
  // Widths from a part with participants (under "drop" a part may have none left).
  const first = parts.find((r) => r.ids.length > 0) ?? parts[0];
  const N = parts.reduce((a, r) => a + r.ids.length, 0);
  const order = parts
    .flatMap((r, t) => Array.from(r.ids, (id, p) => ({ id, t, p })))
    .sort((a, b) => a.id - b.id);
  const per = (key: keyof CohortResult, width: number): Float64Array => {
    const out = new Float64Array(N * width);
    order.forEach((o, i) =>
      out.set(
        (parts[o.t][key] as Float64Array).subarray(o.p * width, (o.p + 1) * width),
        i * width,
      ),
    );
    return out;
  };
  const NV = first.variables.length * first.days.length;
  return {
    ids: Uint32Array.from(order, (o) => o.id),
    arm: Uint16Array.from(order, (o) => parts[o.t].arm[o.p]),
    days: first.days,
    variables: first.variables,
    daily: per("daily", NV),
    traits: per("traits", first.traits.length / first.ids.length || 0),
    slow: per("slow", first.slow.length / first.ids.length || 0),
    minutes: per("minutes", 1),
    practiceDays: per("practiceDays", 1),
    adherence: per("adherence", 1),
    priorHours: per("priorHours", 1),
    diverged: parts.reduce((a, r) => a + r.diverged, 0),
    divergences: parts.flatMap((r) => r.divergences).sort((a, b) => a.participant - b.participant),
  };
}

/** Compiled models reused by later cohorts on this thread (the kernel stays JIT-warm). */
const compiled = new WeakMap<Model, Map<string, CompiledModel>>();

function compiledFor(model: Model, params?: Record<string, number>): CompiledModel {
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

/** Stops the pooled worker threads (they are restarted on demand). */
export async function closeCohortPool(): Promise<void> {
  const all = pool.splice(0, pool.length);
  await Promise.all(all.map((w) => w.worker.terminate()));
}

/**
 * Simulates every participant of `spec` (ids 0 … N−1), on `threads` worker threads.
 * The result does not depend on the number of threads.
 */
export async function runCohort(
  model: Model,
  spec: CohortSpec,
  opts: RunCohortOptions = {},
): Promise<CohortResult> {
  const N = spec.assignment.length;
  const threads = Math.max(1, Math.min(opts.threads ?? 1, N));
  const total = N * spec.days;
  if (threads === 1) {
    const cm = compiledFor(model, opts.params);
    const ids = Uint32Array.from({ length: N }, (_, i) => i);
    return simulateCohort(cm, spec, ids, (d) => opts.onProgress?.(((d + 1) * N) / total));
  }
  let done = 0;
  const workers = acquire(threads);
  const parts = await Promise.all(
    workers.map((pw, t) => {
      const ids = Uint32Array.from(
        { length: Math.ceil((N - t) / threads) },
        (_, i) => t + i * threads,
      );
      return new Promise<CohortResult>((resolve, reject) => {
        pw.busy = true;
        pw.worker.ref();
        const finish = (): void => {
          pw.busy = false;
          pw.onMessage = pw.onError = undefined;
          pw.worker.unref();
        };
        pw.onMessage = (m) => {
          if (m.type === "day") {
            done += ids.length;
            opts.onProgress?.(done / total);
          } else if (m.type === "done") {
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
        const job: CohortJob = { model, params: opts.params, spec, ids };
        pw.worker.postMessage(job);
      });
    }),
  );
  return mergeResults(parts);
}
