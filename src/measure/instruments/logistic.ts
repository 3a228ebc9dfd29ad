/**
 * The logistic function and its inverse, written to stay finite where they can.
 */

import * as pm from "../../numeric/portableMath.js";

/** Logistic function 1 / (1 + e^−x), evaluated without overflow for large |x|. */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + pm.exp(-x));
  const e = pm.exp(x);
  return e / (1 + e);
}

/** Log-odds ln(p / (1 − p)); −∞ at p = 0 and +∞ at p = 1. */
export function logit(p: number): number {
  return pm.log(p) - pm.log1p(-p);
}
