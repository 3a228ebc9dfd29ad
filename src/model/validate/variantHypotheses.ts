/**
 * Variants against the hypothesis tags they name. A variant that stands for the negation of
 * a hypothesis (`negates: [H10]`) must cut every edge the model tags with that hypothesis;
 * otherwise the "negation" keeps part of the mechanism and can still pass the findings the
 * hypothesis explains (as `no-oxytocin` once did, keeping two H10 edges).
 */

import type { Issues } from "../issues.js";
import type { Model, ModelEdge, Variant } from "../types.js";

/**
 * Whether a variant cuts an edge: the edge is in `removeEdges`, or the variant sets the
 * edge's weight parameter to 0 (a weight is the parameter that sets the edge's strength).
 */
export function variantCutsEdge(variant: Variant, edge: ModelEdge): boolean {
  if (variant.removeEdges?.includes(edge.id)) return true;
  return edge.weight !== undefined && variant.set?.[edge.weight] === 0;
}

/** Hypothesis ids a description calls the variant the negation of ("Negation of H9: …"). */
function negatedInDescription(description: string): string[] {
  const m = /\bnegation of ((?:H\w+)(?:\s*(?:,|and)\s*H\w+)*)/i.exec(description);
  return m ? (m[1].match(/H\w+/g) ?? []) : [];
}

/**
 * Checks one variant against the model's hypothesis tags, adding an issue at `path` for:
 * an unknown id in `negates`; every edge tagged with a negated hypothesis that the variant
 * leaves intact (naming the variant and the edge); and a description that says "Negation of
 * Hx" without declaring `negates: [Hx]`.
 */
export function checkVariantHypotheses(
  issues: Issues,
  model: Model,
  variant: Variant,
  path: string,
): void {
  const negates = variant.negates ?? [];
  for (const [j, h] of negates.entries()) {
    if (!Object.hasOwn(model.hypotheses, h)) {
      issues.add(`${path}.negates[${j}]`, `unknown hypothesis id ${JSON.stringify(h)}`);
      continue;
    }
    for (const e of model.edges)
      if (e.hypotheses?.includes(h) && !variantCutsEdge(variant, e))
        issues.add(
          `${path}.negates[${j}]`,
          `variant ${JSON.stringify(variant.id)} negates ${h} but leaves edge ${e.id} ` +
            `(${e.from} → ${e.to}, tagged ${h}) intact: add ${e.id} to removeEdges` +
            (e.weight ? ` or set its weight ${e.weight} to 0` : ""),
        );
  }
  for (const h of negatedInDescription(variant.description))
    if (!negates.includes(h))
      issues.add(
        `${path}.description`,
        `variant ${JSON.stringify(variant.id)} is described as the negation of ${h} but does ` +
          `not declare negates: [${h}] (which requires every edge tagged ${h} to be cut); ` +
          `declare it, or describe what the variant changes`,
      );
}

/** Checks every variant of a model (see {@link checkVariantHypotheses}). */
export function checkVariantsHypotheses(issues: Issues, model: Model): void {
  model.variants.forEach((v, i) => checkVariantHypotheses(issues, model, v, `variants[${i}]`));
}
