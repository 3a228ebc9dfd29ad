/**
 * Variants: named overlays that stand for rival hypotheses (parameters changed, edges
 * removed or flipped, equations replaced), applied to a model to give a new model.
 */

import { formatFormula, parseFormula, substitute, type Formula } from "./formula.js";
import { InputError } from "./issues.js";
import type { Model, ModelNode, SlowDynamics, Variant } from "./types.js";
import { validateModel } from "./validateModel.js";

function rewrite(src: string, from: string, replacement: Formula): string {
  return formatFormula(
    substitute(parseFormula(src), (n) => (n === from ? replacement : undefined)),
  );
}

function rewriteNode(node: ModelNode, from: string, replacement: Formula): ModelNode {
  const out = { ...node };
  if (out.equation) out.equation = rewrite(out.equation, from, replacement);
  if (out.dynamics) {
    const d: Record<string, string | undefined> = { ...out.dynamics };
    for (const k of ["target", "tau", "rate", "decay", "baseline", "drive"])
      if (typeof d[k] === "string") d[k] = rewrite(d[k]!, from, replacement);
    out.dynamics = d as unknown as SlowDynamics;
  }
  return out;
}

/** Finds a variant of the model by id. */
export function findVariant(model: Model, id: string): Variant {
  const v = model.variants.find((x) => x.id === id);
  if (!v)
    throw new InputError(
      `unknown variant ${JSON.stringify(id)} (model ${model.id} has: ${model.variants.map((x) => x.id).join(", ") || "none"})`,
    );
  return v;
}

/**
 * Applies a variant (by id or as an object) to a model and returns the new, validated model.
 * A removed edge has its source replaced by the edge's neutral value (0, or the declared
 * `neutral`) in the target's equations; a flipped edge has its source x replaced by
 * 2·neutral − x, which reverses the sign of a term linear in x.
 */
export function applyVariant(model: Model, variant: string | Variant): Model {
  const v = typeof variant === "string" ? findVariant(model, variant) : variant;
  const parameters = { ...model.parameters };
  for (const [k, value] of Object.entries(v.set ?? {})) {
    if (!Object.hasOwn(parameters, k))
      throw new InputError(`variant ${v.id}: unknown parameter ${k}`);
    parameters[k] = { ...parameters[k], value };
  }
  let nodes = model.nodes.map((n) => ({ ...n }));
  const edit = (edgeId: string, flip: boolean): void => {
    const e = model.edges.find((x) => x.id === edgeId);
    if (!e) throw new InputError(`variant ${v.id}: unknown edge ${edgeId}`);
    const neutral = e.neutral ?? 0;
    const repl: Formula = flip
      ? {
          type: "bin",
          op: "-",
          left: { type: "num", value: 2 * neutral },
          right: { type: "id", name: e.from },
        }
      : neutral >= 0
        ? { type: "num", value: neutral }
        : { type: "neg", arg: { type: "num", value: -neutral } };
    nodes = nodes.map((n) => (n.id === e.to ? rewriteNode(n, e.from, repl) : n));
  };
  for (const e of v.removeEdges ?? []) edit(e, false);
  for (const e of v.flipEdges ?? []) edit(e, true);
  for (const [id, eq] of Object.entries(v.equations ?? {}))
    nodes = nodes.map((n) => (n.id === id ? { ...n, equation: eq } : n));
  const removed = new Set(v.removeEdges ?? []);
  const edges = model.edges
    .filter((e) => !removed.has(e.id))
    .map((e) =>
      (v.flipEdges ?? []).includes(e.id)
        ? { ...e, effect: e.effect === "inhibit" ? ("drive" as const) : ("inhibit" as const) }
        : e,
    );
  // The overlaid model keeps the other variants' definitions only if they still apply.
  const out: Model = {
    ...model,
    id: `${model.id}+${v.id}`,
    parameters,
    nodes,
    edges,
    variants: [],
  };
  return validateModel(JSON.parse(JSON.stringify(out)), `model ${model.id} with variant ${v.id}`);
}
