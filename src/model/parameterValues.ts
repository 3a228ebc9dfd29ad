/** Checking parameter values set by the user (`set:` in a study, `--set` on the command line). */

import { priorSupport } from "../numeric/priors.js";
import { InputError } from "./issues.js";
import type { Model } from "./types.js";

/**
 * Checks that each value names a parameter of `model` and lies in the support of its prior
 * (a parameter with a fixed prior may be set to anything: the prior says it is not
 * uncertain, not that it cannot change). Throws one InputError listing every problem, each
 * as `PATH.NAME: …`; `path` defaults to `set`.
 */
export function checkParameterValues(
  model: Model,
  values: Record<string, number>,
  path = "set",
): void {
  const problems: string[] = [];
  for (const [name, v] of Object.entries(values)) {
    const p = Object.hasOwn(model.parameters, name) ? model.parameters[name] : undefined;
    if (!p) {
      problems.push(`${path}.${name}: unknown parameter of model ${model.id}`);
      continue;
    }
    if (!Number.isFinite(v)) {
      problems.push(`${path}.${name}: expected a finite number, got ${v}`);
      continue;
    }
    if (p.prior.dist === "fixed") continue;
    const [lo, hi] = priorSupport(p.prior);
    const open = p.prior.dist === "lognormal"; // support (0, ∞): 0 itself excluded
    if (v < lo || v > hi || (open && v <= lo))
      problems.push(
        `${path}.${name}: ${v} lies outside the support of its ${p.prior.dist} prior, ${open ? "(" : "["}${lo}, ${hi}${Number.isFinite(hi) ? "]" : ")"}`,
      );
  }
  if (problems.length > 0) throw new InputError(problems.join("\n"));
}
