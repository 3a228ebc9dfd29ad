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

/** Two-sided significance level of the planned analyses' decision. */
export const ALPHA = 0.05;

/**
 * The planned analysis's decision on one result of a study: significant when its
 * multiplicity-adjusted p (the study's correction across its family of analyses, see
 * {@link adjustResults}) is below `alpha`. A failed analysis is not significant; a result
 * that defines no p falls back to its 95% CI excluding 0.
 *
 * @param alpha - default {@link ALPHA} (0.05)
 */
export function isSignificant(r: AdjustedAnalysisResult, alpha = ALPHA): boolean {
  if (r.error) return false;
  if (r.pAdjusted !== null) return r.pAdjusted < alpha;
  return r.p === null && Number.isFinite(r.ci[0]) && (r.ci[0] > 0 || r.ci[1] < 0);
}

/**
 * The decisions a study makes on one trial's results: {@link adjustResults} with the
 * study's correction, then {@link isSignificant}; in the order of `results`.
 */
export function decide(
  results: readonly AnalysisResult[],
  method: "holm" | "none",
  alpha = ALPHA,
): boolean[] {
  return adjustResults(results, method).map((r) => isSignificant(r, alpha));
}
