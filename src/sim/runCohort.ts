/**
 * Runs a cohort through a {@link CohortRunner}: on this thread, or (with `kindsim/node`) on
 * worker threads, where participants are dealt round-robin and merged back in id order, so
 * outputs are identical for any thread count.
 */

import type { Model } from "../model/types.js";
import { defaultCohortRunner, type CohortRunner, type CohortRunOptions } from "./cohortRunner.js";
import type { CohortResult, CohortSpec } from "./simulateCohort.js";

/** Options of {@link runCohort}. */
export interface RunCohortOptions extends CohortRunOptions {
  /** The runner (default: {@link defaultCohortRunner}()). */
  runner?: CohortRunner;
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

/** Frees the default runner's worker threads, if any (they are restarted on demand). */
export async function closeCohortPool(): Promise<void> {
  await defaultCohortRunner().close();
}

/**
 * Simulates every participant of `spec` (ids 0 … N−1), on `opts.threads` threads when the
 * runner has them. The result does not depend on the runner or the number of threads.
 */
export async function runCohort(
  model: Model,
  spec: CohortSpec,
  opts: RunCohortOptions = {},
): Promise<CohortResult> {
  const { runner = defaultCohortRunner(), ...rest } = opts;
  return runner.run(model, spec, rest);
}
