/**
 * Confidence interval for the noncentrality parameter of a t statistic by
 * inverting the noncentral t distribution (Steiger & Fouladi, 1997;
 * Cumming & Finch, 2001).
 */
import { brentRoot } from "./brentRoot.js";
import { NONCENTRAL_T_MAX_NCP, noncentralTCdf, normalQuantile } from "../distributions.js";
import { assertLevel } from "./validate.js";

/**
 * Find [λ_lo, λ_hi] such that P(T ≤ t | df, λ_lo) = 1 − α/2 and
 * P(T ≤ t | df, λ_hi) = α/2, where α = 1 − level.
 *
 * @param t - observed t statistic
 * @param df - degrees of freedom (> 0)
 * @param level - confidence level in (0, 1)
 * @returns the interval, or `null` when a bound would need |λ| beyond
 *   {@link NONCENTRAL_T_MAX_NCP} (outside jstat's accurate range)
 * @throws RangeError for non-finite t, df ≤ 0 or an invalid level
 */
export function noncentralTInterval(t: number, df: number, level = 0.95): [number, number] | null {
  if (!Number.isFinite(t)) throw new RangeError(`t: must be finite, got ${t}`);
  if (!(df > 0)) throw new RangeError(`df: must be positive, got ${df}`);
  assertLevel(level);
  const alpha = 1 - level;
  const spread = Math.sqrt(1 + (t * t) / (2 * df));
  const step0 = 2 * normalQuantile(1 - alpha / 2) * spread + 1;
  const limit = NONCENTRAL_T_MAX_NCP;
  if (Math.abs(t) > limit) return null;

  const solve = (target: number, direction: -1 | 1): number | null => {
    const g = (ncp: number): number => noncentralTCdf(t, df, ncp) - target;
    let width = step0;
    let far = t + direction * width;
    while (true) {
      if (Math.abs(far) > limit) {
        far = direction * limit;
        if (Math.sign(g(far)) === Math.sign(g(t))) return null;
        break;
      }
      if (Math.sign(g(far)) !== Math.sign(g(t))) break;
      width *= 2;
      far = t + direction * width;
    }
    return brentRoot(g, Math.min(t, far), Math.max(t, far), 1e-12);
  };

  const lo = solve(1 - alpha / 2, -1);
  const hi = solve(alpha / 2, 1);
  if (lo === null || hi === null) return null;
  return [lo, hi];
}
