/**
 * Divergence: a participant whose states became non-finite or left their range far behind.
 * The kernels mark such participants (`status` arrays); this module turns the marks into
 * per-participant records, a clear error, or a count of participants dropped.
 */

import { InputError } from "../model/issues.js";
import { NSTAT, type CompiledModel } from "./kernelTypes.js";

/**
 * What to do with participants whose states diverge: `"fail"` (the default) stops with a
 * {@link DivergenceError} naming them; `"drop"` excludes them from the results and counts
 * them (never averaged in silently).
 */
export type OnDivergence = "fail" | "drop";

/** The modes of {@link OnDivergence}. */
export const ON_DIVERGENCE: readonly OnDivergence[] = ["fail", "drop"];

/** One participant's divergence. */
export interface Divergence {
  /** Participant id (or batch index where there are no ids). */
  participant: number;
  /** Where: `equilibration`, `day 3`, with the episode, e.g. `day 3, social episode`. */
  where: string;
  /** The node (fast, readout or slow) that diverged first. */
  node: string;
  /** Its value at the end of the episode (NaN for a slow step). */
  value: number;
}

/** Renders divergences for a message, at most `limit` of them. */
export function describeDivergences(list: readonly Divergence[], limit = 10): string {
  const shown = list
    .slice(0, limit)
    .map((d) => `participant ${d.participant} at ${d.where}: ${d.node} = ${d.value}`);
  if (list.length > limit) shown.push(`… and ${list.length - limit} more`);
  return shown.join("; ");
}

/** Thrown when participants diverge under `onDivergence: "fail"`. The CLI exits 2. */
export class DivergenceError extends InputError {
  readonly divergences: Divergence[];
  constructor(divergences: Divergence[], context = "") {
    const n = new Set(divergences.map((d) => d.participant)).size;
    super(
      `${n} participant(s) diverged${context ? ` ${context}` : ""} (states non-finite or far outside their range): ${describeDivergences(divergences)}. ` +
        `Check the parameter set and time constants, or choose onDivergence "drop" (--on-divergence drop) to exclude and count them`,
    );
    this.name = "DivergenceError";
    this.divergences = divergences;
  }
}

/**
 * Records of the members an episode kernel marked in `status` (batch order), with
 * `participant(q)` the id of member q and `where` the place of the episode.
 */
export function episodeDivergences(
  cm: CompiledModel,
  status: Int32Array,
  count: number,
  out: Float64Array,
  participant: (q: number) => number,
  where: string,
): Divergence[] {
  const NO = cm.outputs.length;
  const list: Divergence[] = [];
  for (let q = 0; q < count; q++) {
    const s = status[q];
    if (s === 0) continue;
    const i = s - 1;
    list.push({
      participant: participant(q),
      where,
      node: cm.outputs[i],
      value: out[(q * NO + i) * NSTAT + 2],
    });
  }
  return list;
}

/** Checks a mode given by a library caller or a flag. */
export function checkOnDivergence(mode: unknown, what = "onDivergence"): OnDivergence {
  if (mode === undefined) return "fail";
  if (mode === "fail" || mode === "drop") return mode;
  throw new InputError(`${what}: expected "fail" or "drop", got ${JSON.stringify(mode)}`);
}
