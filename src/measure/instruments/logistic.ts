/**
 * The logistic function and its inverse, written to stay finite where they can.
 */

/** Logistic function 1 / (1 + e^−x), evaluated without overflow for large |x|. */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Log-odds ln(p / (1 − p)); −∞ at p = 0 and +∞ at p = 1. */
export function logit(p: number): number {
  return Math.log(p) - Math.log1p(-p);
}
