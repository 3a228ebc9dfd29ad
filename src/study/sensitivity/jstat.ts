/**
 * Narrow, typed view of the few `jstat` functions this folder uses.
 *
 * `jstat` ships without type declarations. Rather than depending on the exact
 * shape of whatever ambient declaration the project provides, this module casts
 * the runtime object to the minimal interface below, so it keeps compiling if
 * the shared declaration is widened or narrowed.
 */
import jstatPkg from "jstat";

/** The subset of the `jStat` object used by the sensitivity code. */
interface JStatSubset {
  normal: {
    inv(p: number, mean: number, std: number): number;
    cdf(x: number, mean: number, std: number): number;
  };
  beta: {
    inv(p: number, alpha: number, beta: number): number;
  };
}

const { jStat } = jstatPkg as unknown as { jStat: JStatSubset };

/**
 * Standard normal quantile Φ⁻¹(p) via `jStat.normal.inv`, with the exact limits
 * −∞ at p = 0 and +∞ at p = 1 (jStat returns large finite values there).
 * Relative accuracy is about 1e-15 in the bulk and 1e-7 at p = 1e-12.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  return jStat.normal.inv(p, 0, 1);
}

/**
 * Standard normal CDF Φ(z) via `jStat.normal.cdf`. Relative accuracy is about
 * 1e-10 down to z = −6 and degrades beyond (jStat computes 1 − erf).
 */
export function normalCdf(z: number): number {
  if (z === -Infinity) return 0;
  if (z === Infinity) return 1;
  return jStat.normal.cdf(z, 0, 1);
}

/**
 * Quantile of the Beta(a, b) distribution on [0, 1] via `jStat.beta.inv`
 * (absolute accuracy about 1e-8, limited by jStat's incomplete beta function).
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return jStat.beta.inv(p, a, b);
}
