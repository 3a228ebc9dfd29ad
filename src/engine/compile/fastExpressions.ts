/**
 * Compile step 3: the fast level's expressions — each fast node's equation (with its state
 * noise), time constant and initial value, and each readout — as JavaScript expressions over
 * the local names of {@link localNames}.
 */

import { parseFormula, type Formula } from "../../model/formula.js";
import { formulaToJs } from "../formulaToJs.js";
import { num, type Resolver } from "./localNames.js";
import type { ModelLayout } from "./modelLayout.js";

/** JavaScript expressions of the fast level. */
export interface FastExpressions {
  /** Equation of each fast node with fast states named `${prefix}${i}` and jitter `j${i}`. */
  equations: (prefix: string) => string[];
  /** Time constant (seconds) of each fast node. */
  tau: string[];
  /** Initial state of each fast node (0 when no `init`). */
  init: string[];
  /** Each readout, over the current fast states `x*`. */
  readouts: string[];
}

/** Adds the jitter variable inside a top-level sigmoid (state noise in logit units). */
export function withJitter(f: Formula, jit: string): Formula {
  const j: Formula = { type: "id", name: jit };
  if (f.type === "call" && f.fn === "sigmoid")
    return {
      type: "call",
      fn: "sigmoid",
      args: [{ type: "bin", op: "+", left: f.args[0], right: j }],
    };
  return { type: "bin", op: "+", left: f, right: j };
}

/** Emits the fast level's expressions; `names` is the kernel resolver of `localNames`. */
export function fastExpressions(
  layout: ModelLayout,
  names: (fastVar: (i: number) => string, extra?: Record<string, string>) => Resolver,
): FastExpressions {
  const { fast, readouts } = layout;
  const fastEq = fast.map((n, i) => withJitter(parseFormula(n.equation!), `__jit${i}`));
  const noFast = names(() => "NaN");
  return {
    equations: (prefix) =>
      fastEq.map((f, i) =>
        formulaToJs(
          f,
          names((k) => `${prefix}${k}`, { [`__jit${i}`]: `j${i}` }),
        ),
      ),
    tau: fast.map((n) =>
      typeof n.tau === "number" ? num(n.tau) : formulaToJs(parseFormula(String(n.tau)), noFast),
    ),
    init: fast.map((n) => (n.init ? formulaToJs(parseFormula(n.init), noFast) : "0")),
    readouts: readouts.map((n) =>
      formulaToJs(
        parseFormula(n.equation!),
        names((k) => `x${k}`),
      ),
    ),
  };
}
