/**
 * Tooltips: the `<title>` text of every box and edge (meaning, regions, evidence).
 */

import type { Model, ModelEdge, ModelNode } from "../../model/types.js";

/** Title of an edge: "E3: motorSimulation → affectiveSharing (drive), evidence F27". */
export function edgeTitle(e: ModelEdge): string {
  const ev = e.evidence.length > 0 ? `evidence ${e.evidence.join(", ")}` : "no evidence";
  return `${e.id}: ${e.from} \u2192 ${e.to} (${e.effect}), ${ev}`;
}

/** Title of a node box: label, id, kind, level, symbol, meaning and brain regions. */
export function nodeTitle(n: ModelNode): string {
  const regions = n.regions && n.regions.length > 0 ? `\nRegions: ${n.regions.join(", ")}` : "";
  const symbol = n.symbol ? `, drawn as ${n.symbol}` : "";
  return `${n.label} (${n.id}): ${n.kind}, ${n.level}${symbol}\n${n.meaning}${regions}`;
}

/** Title of a practice arrow: the content primitives that train `skill`. */
export function practiceArrowTitle(skill: string, primitives: readonly string[]): string {
  return `practice \u2192 ${skill}: trained by ${primitives.join(", ")}`;
}

/** Title of the practice box: how many content primitives there are, and which. */
export function practiceBoxTitle(model: Model): string {
  const ids = Object.keys(model.content);
  return `Practice: ${ids.length} content primitives (${ids.join(", ")}) train the skills`;
}
