/**
 * The integration step against the fast level's time constants. Fixed-step RK4 applied to a
 * linear decay dx/dt = −x/τ multiplies x by R(z) = 1 + z + z²/2 + z³/6 + z⁴/24, z = −dt/τ,
 * each step; |R(z)| ≤ 1 only for dt/τ ≤ 2.785 (the real stability limit of classical RK4).
 * Beyond it every state explodes, whatever the equations, so such a step is refused before
 * anything runs. Checked on the compiled parameter values (after variants and `--set`).
 */

import { evaluateFormula, identifiers, parseFormula } from "../model/formula.js";
import { InputError } from "../model/issues.js";
import type { CompiledModel } from "./kernelTypes.js";

/** Largest dt/τ for which RK4 is stable on a linear decay (real-axis stability limit). */
export const RK4_STABILITY_LIMIT = 2.785;

/** A fast node's time constant when it does not depend on states, with what sets it. */
export function constantTau(
  cm: CompiledModel,
  fastIndex: number,
): { tau: number; setBy: string } | null {
  const node = cm.fast[fastIndex];
  const path = `nodes[${cm.model.nodes.indexOf(node)}].tau`;
  if (typeof node.tau === "number") return { tau: node.tau, setBy: path };
  const f = parseFormula(String(node.tau));
  const ids = [...identifiers(f)];
  if (!ids.every((id) => Object.hasOwn(cm.params, id))) return null;
  const tau = evaluateFormula(f, (id) => cm.params[id]);
  const setBy =
    f.type === "id" ? `parameter ${f.name}` : `${path} (parameters ${ids.join(", ") || "none"})`;
  return { tau, setBy };
}

/**
 * Refuses an RK4 step `dt` (seconds) too long for a fast time constant of the model.
 * @throws InputError naming the node, the parameter (or model field) and the bound.
 */
export function checkTimeStep(cm: CompiledModel, dt: number, what: string): void {
  cm.fast.forEach((node, i) => {
    const c = constantTau(cm, i);
    if (!c) return;
    if (!(c.tau > 0))
      throw new InputError(
        `${c.setBy}: the time constant of fast node ${node.id} must be positive, got ${c.tau}`,
      );
    if (!(dt / c.tau <= RK4_STABILITY_LIMIT))
      throw new InputError(
        `${c.setBy}: the time constant of fast node ${node.id} (${c.tau} s) is too short for ${what}'s RK4 step of ${dt} s; ` +
          `RK4 is stable only for dt/tau <= ${RK4_STABILITY_LIMIT}, so tau must be at least ${Number((dt / RK4_STABILITY_LIMIT).toPrecision(3))} s (or use a smaller step)`,
      );
  });
}
