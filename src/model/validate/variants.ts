/** Validation step on variants: everything a variant names exists, and variant ids are unique. */

import { has } from "../dict.js";
import type { Variant } from "../types.js";
import { checkFormula, type SemanticContext } from "./context.js";
import { checkVariantsHypotheses } from "./variantHypotheses.js";

/** Checks each variant's parameters, edges, equations, hypotheses and content; then the ids. */
export function checkVariants(ctx: SemanticContext): void {
  ctx.model.variants.forEach((v, i) => checkVariant(ctx, `variants[${i}]`, v));
  checkVariantsHypotheses(ctx.issues, ctx.model);
  const variantIds = new Set<string>();
  ctx.model.variants.forEach((v, i) => {
    if (variantIds.has(v.id))
      ctx.issues.add(`variants[${i}].id`, `duplicate variant id ${JSON.stringify(v.id)}`);
    variantIds.add(v.id);
  });
}

function checkVariant(ctx: SemanticContext, p: string, v: Variant): void {
  const { issues, model, nodeById, edgeIds } = ctx;
  for (const k of Object.keys(v.set ?? {}))
    if (!has(model.parameters, k))
      issues.add(`${p}.set.${k}`, `unknown parameter ${JSON.stringify(k)}`);
  for (const [j, e] of (v.removeEdges ?? []).entries())
    if (!edgeIds.has(e)) issues.add(`${p}.removeEdges[${j}]`, `unknown edge ${JSON.stringify(e)}`);
  for (const [j, e] of (v.flipEdges ?? []).entries())
    if (!edgeIds.has(e)) issues.add(`${p}.flipEdges[${j}]`, `unknown edge ${JSON.stringify(e)}`);
  for (const [k, src] of Object.entries(v.equations ?? {})) {
    const n = nodeById.get(k);
    if (!n || (n.level !== "fast" && n.level !== "readout"))
      issues.add(
        `${p}.equations.${k}`,
        `expected a fast or readout node, got ${JSON.stringify(k)}`,
      );
    else checkFormula(ctx, `${p}.equations.${k}`, src, n.level === "fast" ? "fast" : "readout");
  }
  for (const h of v.hypotheses ?? [])
    if (!has(model.hypotheses, h))
      issues.add(`${p}.hypotheses`, `unknown hypothesis id ${JSON.stringify(h)}`);
  for (const [k, c] of Object.entries(v.content ?? {})) {
    if (!has(model.content, k)) {
      issues.add(
        `${p}.content.${k}`,
        `unknown content primitive (the model has: ${Object.keys(model.content).join(", ")})`,
      );
      continue;
    }
    for (const skill of Object.keys(c.trains ?? {}))
      if (nodeById.get(skill)?.dynamics?.form !== "train")
        issues.add(
          `${p}.content.${k}.trains.${skill}`,
          `expected a trained skill, got ${JSON.stringify(skill)}`,
        );
  }
}
