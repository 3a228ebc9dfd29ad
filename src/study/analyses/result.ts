/** The result of running an analysis, and multiplicity adjustment across a study's family. */
import { holm } from "../../numeric/stats/index.js";
import type { AnalysisType } from "./registry.js";
import type { AnalysisMetric, Outcome } from "./types.js";

/** Outcome of one analysis. */
export interface AnalysisResult extends Outcome, AnalysisMetric {
  id: string;
  type: AnalysisType;
  label: string;
  /** Why the estimate could not be computed from the data. */
  error?: string;
}

/** A result with a multiplicity-adjusted p-value. */
export type AdjustedAnalysisResult = AnalysisResult & {
  /** Adjusted p (null when the result has no finite p). */
  pAdjusted: number | null;
};

/**
 * Attach multiplicity-adjusted p-values. Only results with a finite p
 * enter the family (errors and analyses without p get `pAdjusted: null`).
 *
 * @param results - results of one study, in any order (order is kept)
 * @param method - "holm" (step-down, as R's `p.adjust`) or "none"
 *   (pAdjusted = p)
 */
export function adjustResults(
  results: readonly AnalysisResult[],
  method: "holm" | "none",
): AdjustedAnalysisResult[] {
  const idx: number[] = [];
  results.forEach((r, i) => {
    if (r.p !== null && Number.isFinite(r.p)) idx.push(i);
  });
  const raw = idx.map((i) => results[i].p as number);
  const adjusted = method === "holm" ? holm(raw) : raw;
  const byIndex = new Map(idx.map((i, k) => [i, adjusted[k]]));
  return results.map((r, i) => ({ ...r, pAdjusted: byIndex.get(i) ?? null }));
}
