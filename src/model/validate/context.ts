/**
 * What the semantic validation steps share: the model, the issues collected so far, lookups
 * built once, and what earlier steps found (formulas per node, edges, used parameters).
 */

import { identifiers, type Formula } from "../formula.js";
import type { Issues } from "../issues.js";
import type { Model, ModelNode } from "../types.js";
import { ALLOWED, formulaAt, scopeOf, type FormulaKind, type Scope } from "./scope.js";

/** One parsed formula of a node with the path of its field. */
export interface NodeFormula {
  path: string;
  f: Formula;
}

/** State shared by the semantic validation steps, in the order they run. */
export interface SemanticContext {
  issues: Issues;
  model: Model;
  scope: Map<string, Scope>;
  nodeById: Map<string, ModelNode>;
  evidenceIds: Set<string>;
  /** Identifiers read by some formula or edge weight. */
  used: Set<string>;
  /** Whether some formula failed to parse (then "unused parameter" is not reported). */
  parseFailed: boolean;
  /** Each node's formulas; filled by {@link collectEquations}. */
  equations: Map<string, NodeFormula[]>;
  /** Nodes with a formula that did not parse. */
  broken: Set<string>;
  /** Edge ids seen; filled by the edge step. */
  edgeIds: Set<string>;
  /** `from->to` pairs declared by an edge whose source appears in the target's formulas. */
  covered: Set<string>;
}

/** A fresh context for a structurally valid model. */
export function semanticContext(issues: Issues, model: Model): SemanticContext {
  return {
    issues,
    model,
    scope: scopeOf(model),
    nodeById: new Map(model.nodes.map((n) => [n.id, n])),
    evidenceIds: new Set(Object.keys(model.evidence)),
    used: new Set(),
    parseFailed: false,
    equations: new Map(),
    broken: new Set(),
    edgeIds: new Set(),
    covered: new Set(),
  };
}

/**
 * Parses a formula field and checks that every identifier it reads exists and may be read by
 * a formula of this kind (`own` is the node whose practice load a slow formula may read).
 */
export function checkFormula(
  ctx: SemanticContext,
  path: string,
  src: string | number | undefined,
  kind: FormulaKind,
  own?: string,
): Formula | undefined {
  if (src === undefined) return undefined;
  const { issues, scope, used } = ctx;
  const f = formulaAt(issues, path, src);
  if (!f) {
    ctx.parseFailed = true;
    return undefined;
  }
  for (const name of identifiers(f)) {
    const s = scope.get(name);
    if (s === undefined)
      issues.add(
        path,
        `unknown identifier ${JSON.stringify(name)} (not a node, parameter, event or day summary)`,
      );
    else if (!ALLOWED[kind].includes(s))
      issues.add(
        path,
        `${JSON.stringify(name)} is a ${s} identifier, which a ${kind} formula cannot read (allowed: ${ALLOWED[kind].join(", ")})`,
      );
    else if (s === "load" && name !== `load_${own}`)
      issues.add(path, `${JSON.stringify(name)} is another skill's practice load`);
    used.add(name);
  }
  return f;
}
