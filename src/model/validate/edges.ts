/**
 * Validation steps on edges: each edge's endpoints exist and its source appears in the target's
 * formulas with the declared sign; every node a formula reads is declared by an edge.
 */

import { identifiers, partialSign, type Formula } from "../formula.js";
import { has, own } from "../dict.js";
import type { ModelEdge, ModelNode } from "../types.js";
import type { SemanticContext } from "./context.js";

/** Checks ids, evidence, hypotheses, endpoints, weights and signs of every edge. */
export function checkEdges(ctx: SemanticContext): void {
  const { issues, model, nodeById, evidenceIds, used, edgeIds } = ctx;
  model.edges.forEach((e, i) => {
    const p = `edges[${i}]`;
    if (edgeIds.has(e.id)) issues.add(`${p}.id`, `duplicate edge id ${JSON.stringify(e.id)}`);
    edgeIds.add(e.id);
    for (const ev of e.evidence)
      if (!evidenceIds.has(ev))
        issues.add(`${p}.evidence`, `unknown evidence id ${JSON.stringify(ev)}`);
    for (const h of e.hypotheses ?? [])
      if (!has(model.hypotheses, h))
        issues.add(`${p}.hypotheses`, `unknown hypothesis id ${JSON.stringify(h)}`);
    const from = nodeById.get(e.from);
    const to = nodeById.get(e.to);
    if (!from) issues.add(`${p}.from`, `unknown node ${JSON.stringify(e.from)}`);
    if (!to) issues.add(`${p}.to`, `unknown node ${JSON.stringify(e.to)}`);
    if (e.weight !== undefined) {
      if (!has(model.parameters, e.weight))
        issues.add(`${p}.weight`, `unknown parameter ${JSON.stringify(e.weight)}`);
      else used.add(e.weight);
    }
    if (from && to) checkEdgeInEquation(ctx, p, e, from, to);
  });
}

/** The edge's source must appear in the target's formulas, with the declared sign. */
function checkEdgeInEquation(
  ctx: SemanticContext,
  p: string,
  e: ModelEdge,
  from: ModelNode,
  to: ModelNode,
): void {
  const { issues, model, equations, broken, covered } = ctx;
  const fs = (equations.get(to.id) ?? []).map((x) => x.f);
  const mentions = fs.filter((f) => identifiers(f).has(from.id));
  if (mentions.length === 0) {
    if (!broken.has(to.id))
      issues.add(
        `${p}.from`,
        `${from.id} does not appear in the equation of ${to.id}, so the edge has no effect`,
      );
    return;
  }
  covered.add(`${from.id}->${to.id}`);
  if (
    e.weight !== undefined &&
    has(model.parameters, e.weight) &&
    !fs.some((f) => identifiers(f).has(e.weight!))
  )
    issues.add(`${p}.weight`, `parameter ${e.weight} does not appear in the equation of ${to.id}`);
  if (to.level === "slow") return; // slow dynamics are checked through their targets below
  checkSign(ctx, p, e, mentions[0], from, to);
}

/** The sign of ∂target/∂source at the reference point must match the declared effect. */
function checkSign(
  { issues, model, nodeById }: SemanticContext,
  p: string,
  e: ModelEdge,
  f: Formula,
  from: ModelNode,
  to: ModelNode,
): void {
  const env = (name: string): number => {
    if (has(e.signAt, name)) return e.signAt![name];
    const par = own(model.parameters, name);
    if (par) return name === e.weight && par.value === 0 ? 1 : par.value;
    const n = nodeById.get(name);
    if (n) return (n.range[0] + n.range[1]) / 2;
    return 0.5;
  };
  let sign: number;
  try {
    sign = partialSign(f, from.id, env);
  } catch {
    issues.add(
      `${p}.from`,
      `the effect of ${from.id} on ${to.id} is not defined at the reference point`,
    );
    return;
  }
  const want = e.effect === "inhibit" ? -1 : 1;
  if (sign !== want)
    issues.add(
      `${p}.effect`,
      `declared ${e.effect}, but ${to.id} ${sign === 0 ? "does not change" : sign > 0 ? "increases" : "decreases"} with ${from.id} at the reference point (set signAt if the sign depends on context)`,
    );
}

/** Every node that an equation reads must be an edge's source (traits set person constants). */
export function checkUndeclaredReads({
  issues,
  model,
  nodeById,
  equations,
  covered,
}: SemanticContext): void {
  for (const n of model.nodes) {
    for (const { path, f } of equations.get(n.id) ?? []) {
      for (const d of identifiers(f)) {
        const dn = nodeById.get(d);
        if (!dn || dn.id === n.id || dn.level === "trait") continue;
        if (!covered.has(`${d}->${n.id}`)) {
          issues.add(
            path,
            `${n.id} reads ${d}, but no edge ${d} -> ${n.id} declares it (expected an edge with its evidence)`,
          );
          covered.add(`${d}->${n.id}`);
        }
      }
    }
  }
}
