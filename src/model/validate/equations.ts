/**
 * Validation steps on the nodes' formulas: each parses and reads only what its kind may read,
 * and readouts (algebraic) do not depend on themselves.
 */

import { identifiers } from "../formula.js";
import { checkFormula, type NodeFormula, type SemanticContext } from "./context.js";
import { dynamicsFormulas, type FormulaKind } from "./scope.js";

/** Checks every node's formulas and evidence ids; records the parsed formulas in `ctx`. */
export function collectEquations(ctx: SemanticContext): void {
  const { issues, model, evidenceIds, equations, broken } = ctx;
  model.nodes.forEach((n, i) => {
    const p = `nodes[${i}]`;
    for (const e of n.evidence ?? [])
      if (!evidenceIds.has(e))
        issues.add(`${p}.evidence`, `unknown evidence id ${JSON.stringify(e)}`);
    const fs: NodeFormula[] = [];
    const add = (path: string, src: string | undefined, kind: FormulaKind): void => {
      const f = checkFormula(ctx, path, src, kind, n.id);
      if (f) fs.push({ path, f });
      else if (src !== undefined) broken.add(n.id);
    };
    if (n.level === "fast") {
      add(`${p}.equation`, n.equation, "fast");
      checkFormula(ctx, `${p}.init`, n.init, "person");
      if (typeof n.tau === "string") checkFormula(ctx, `${p}.tau`, n.tau, "person");
    } else if (n.level === "readout") {
      add(`${p}.equation`, n.equation, "readout");
    } else if (n.level === "slow" && n.dynamics) {
      for (const [k, src] of Object.entries(dynamicsFormulas(n.dynamics)))
        add(`${p}.dynamics.${k}`, src, "slow");
      // A closed-loop skill reads its `use` node from the practice episode (not through the
      // day-scope formulas), so the edge use -> skill must be declared like any other read.
      const use = n.dynamics.form === "train" ? n.dynamics.use : undefined;
      const un = use === undefined ? undefined : ctx.nodeById.get(use);
      if (un && (un.level === "fast" || un.level === "readout"))
        fs.push({ path: `${p}.dynamics.use`, f: { type: "id", name: un.id } });
    }
    equations.set(n.id, fs);
  });
}

/** Reports readouts that depend on themselves through other readouts. */
export function checkReadoutCycles({ issues, model, scope, equations }: SemanticContext): void {
  const state = new Map<string, number>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 2) return;
    if (state.get(id) === 1) {
      const i = model.nodes.findIndex((n) => n.id === id);
      issues.add(
        `nodes[${i}].equation`,
        `readouts form a cycle: ${[...trail, id].join(" -> ")} (readouts are algebraic and cannot depend on themselves)`,
      );
      return;
    }
    state.set(id, 1);
    for (const { f } of equations.get(id) ?? [])
      for (const d of identifiers(f)) if (scope.get(d) === "readout") visit(d, [...trail, id]);
    state.set(id, 2);
  };
  for (const r of model.nodes.filter((n) => n.level === "readout")) visit(r.id, []);
}
