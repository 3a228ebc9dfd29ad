/**
 * Hedges' g: Cohen's d multiplied by the exact small-sample bias correction J.
 */
import { type SmdOptions, type SmdResult, standardizedMeanDifference } from "./cohensD.js";
import { logGamma } from "../distributions.js";

/**
 * Exact Hedges (1981) correction J(df) = Γ(df/2) / (sqrt(df/2) · Γ((df−1)/2)),
 * computed on the log scale.
 *
 * @param df - degrees of freedom (> 1)
 * @throws RangeError for df ≤ 1
 */
export function hedgesCorrection(df: number): number {
  if (!(df > 1)) throw new RangeError(`df: Hedges' correction needs df > 1, got ${df}`);
  return Math.exp(logGamma(df / 2) - 0.5 * Math.log(df / 2) - logGamma((df - 1) / 2));
}

/**
 * Hedges' g = J(n1 + n2 − 2) · d for two independent groups (pooled SD).
 *
 * CI: by default (`ciMethod: "noncentralT"`) the noncentral-t interval for δ
 * scaled by J; with `"normal"`, g ± z·sqrt((n1+n2)/(n1·n2) + g²/(2(n1+n2)))
 * (Hedges & Olkin, 1985).
 *
 * @throws RangeError naming the argument for NaN, fewer than 2 values per
 *   group, or a zero pooled SD
 */
export function hedgesG(
  x: readonly number[],
  y: readonly number[],
  options: SmdOptions = {},
): SmdResult {
  return standardizedMeanDifference(x, y, options, hedgesCorrection);
}
