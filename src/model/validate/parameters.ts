/** Validation step on parameters: each is used, and its value lies within its prior's bounds. */

import type { SemanticContext } from "./context.js";

/** Reports unused parameters (unless a formula failed to parse) and values outside the prior. */
export function checkParameters({ issues, model, used, parseFailed }: SemanticContext): void {
  for (const k of Object.keys(model.parameters)) {
    if (!used.has(k) && !parseFailed)
      issues.add(
        `parameters.${k}`,
        "expected to be used by an equation or edge weight, but nothing uses it",
      );
    const par = model.parameters[k];
    const pr = par.prior;
    const lo = "min" in pr && pr.min !== undefined ? pr.min : -Infinity;
    const hi = "max" in pr && pr.max !== undefined ? pr.max : Infinity;
    if (par.value < lo || par.value > hi)
      issues.add(
        `parameters.${k}.value`,
        `value ${par.value} lies outside its prior's bounds [${lo}, ${hi}]`,
      );
  }
}
