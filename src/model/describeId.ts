/**
 * Labels and units of the raw ids that appear in outputs (episode columns `A Y M …`,
 * parameters `m0`, `z0`, day summaries `pa_day`, events), read from the model data, so
 * every table and plot can say what a column is and what scale its numbers are on.
 */

import { identifiers, parseFormula } from "./formula.js";
import type { Model } from "./types.js";

/** What an id of a model stands for. */
export interface IdDescription {
  id: string;
  /**
   * `node` (fast, readout, slow, trait or input node), `parameter`, `summary` (day summary),
   * `event` (day event), `content` (content primitive), `day` (recorded per day by the
   * simulator: minutes, engagement), `unknown` (from {@link describeIdOrRaw} only).
   */
  kind: "node" | "parameter" | "summary" | "event" | "content" | "day" | "unknown";
  /** Human label, e.g. "Motor simulation" for `motorSimulation`. */
  label: string;
  /** Unit, e.g. "activation", "logit", "minutes" ("" when the quantity has none). */
  unit: string;
  /**
   * The scale in one phrase, to print beside numbers: e.g. "activation, 0 to 1 (model
   * units)" for a node; "logit (a parameter of M: Motor simulation)" for a parameter.
   */
  scale: string;
  /** One line of meaning, when the model gives one. */
  meaning?: string;
}

/** Ids recorded per day by the simulator besides slow nodes and day summaries. */
const DAY_VARIABLES: Record<string, Omit<IdDescription, "id" | "kind">> = {
  minutes: {
    label: "Programme minutes that day (class contact + home practice + individual sessions)",
    unit: "minutes",
    scale: "minutes per day (class contact + home practice + sessions)",
  },
  engagement: {
    label: "Engagement in practice",
    unit: "proportion",
    scale: "proportion, 0 to 1",
  },
};

/** Where a parameter is used: edge weights first, then the nodes whose formulas name it. */
function parameterUse(model: Model, id: string): string {
  const edge = model.edges.find((e) => e.weight === id);
  if (edge) return `weight of edge ${edge.id}, ${edge.from} → ${edge.to}`;
  const users: string[] = [];
  for (const n of model.nodes) {
    const formulas = [n.equation, n.init, ...Object.values(n.dynamics ?? {})].filter(
      (f): f is string => typeof f === "string",
    );
    if (n.tau === id || formulas.some((f) => usesId(f, id))) users.push(`${n.id}: ${n.label}`);
  }
  if (users.length === 0) return "a parameter of the model";
  return `a parameter of ${users.slice(0, 3).join("; ")}${users.length > 3 ? "; …" : ""}`;
}

function usesId(formula: string, id: string): boolean {
  try {
    return identifiers(parseFormula(formula)).has(id);
  } catch {
    return false; // dynamics keys such as `form` are not formulas
  }
}

/**
 * The label, unit and scale of an id of the model: a node, a parameter, a day summary, a
 * day event, a content primitive or a per-day simulator variable (`minutes`, `engagement`).
 * `final_<slow node>` (participants files) is described as that node at the end.
 * Returns undefined for an id the model does not know (measures are described by
 * `describeMeasure` in the measure layer).
 */
export function describeId(model: Model, id: string): IdDescription | undefined {
  const node = model.nodes.find((n) => n.id === id);
  if (node) {
    const [lo, hi] = node.range;
    return {
      id,
      kind: "node",
      label: node.label,
      unit: node.unit,
      scale: `${node.unit}, ${lo} to ${hi} (model units)`,
      meaning: node.meaning,
    };
  }
  if (Object.hasOwn(model.parameters, id)) {
    const p = model.parameters[id];
    const use = parameterUse(model, id);
    return {
      id,
      kind: "parameter",
      // The model's one-line description when it gives one, else where the parameter acts.
      label: p.description ?? use,
      unit: p.unit,
      scale: `${p.unit} (${use})`,
      meaning: p.provenance.kind === "assumption" ? p.provenance.reason : undefined,
    };
  }
  const summary = model.coupling.summaries.find((s) => s.id === id);
  if (summary) {
    const of = model.nodes.find((n) => n.id === summary.node);
    const unit = summary.op === "area" ? `${of?.unit ?? "activation"} × seconds` : (of?.unit ?? "");
    return {
      id,
      kind: "summary",
      label: summary.label,
      unit,
      scale: `${unit}: ${summary.op} of ${summary.node} over the day's ${summary.episodes.join(", ")} episodes (${summary.combine})`,
    };
  }
  const event = model.coupling.events.find((e) => e.id === id);
  if (event)
    return {
      id,
      kind: "event",
      label: event.label,
      unit: "level",
      scale: "event level (0 = none)",
    };
  if (Object.hasOwn(model.content, id))
    return {
      id,
      kind: "content",
      label: model.content[id].label,
      unit: "share",
      scale: "share of a practice's minutes",
    };
  if (Object.hasOwn(DAY_VARIABLES, id)) return { id, kind: "day", ...DAY_VARIABLES[id] };
  const final = /^final_(.+)$/.exec(id);
  if (final) {
    const d = describeId(model, final[1]);
    if (d?.kind === "node") return { ...d, id, label: `${d.label} at the end` };
  }
  return undefined;
}

/**
 * {@link describeId}, or a plain description naming the id when the model does not know it,
 * so that callers labelling many columns never have to handle a missing entry.
 */
export function describeIdOrRaw(model: Model, id: string): IdDescription {
  return describeId(model, id) ?? { id, kind: "unknown", label: id, unit: "", scale: "" };
}

/**
 * An id's description as text for people (`kindsim model show --id`): the id, its kind and
 * label on the first line, then its scale and, when the model gives one, its meaning.
 */
export function formatIdDescription(d: IdDescription): string {
  const lines = [`${d.id} (${d.kind}): ${d.label}`];
  if (d.scale) lines.push(`  scale: ${d.scale}`);
  if (d.meaning) lines.push(`  meaning: ${d.meaning}`);
  return `${lines.join("\n")}\n`;
}
