/**
 * Emphasis: which nodes and edges stay opaque when some ids are highlighted.
 */

import type { Model, ModelEdge } from "../../model/types.js";

/** What is emphasised; with nothing highlighted, everything is. */
export interface Emphasis {
  /** Whether any id is highlighted (everything else is then faded). */
  active: boolean;
  /** The highlighted ids. */
  ids: ReadonlySet<string>;
  /** An edge is on if it is listed or touches a listed node. */
  edgeOn: (e: ModelEdge) => boolean;
  /** Nodes listed, or ends of a listed edge (drawn with a thick border). */
  strong: ReadonlySet<string>;
  /** A node is on if it is strong or an end of an edge that is on. */
  nodeOn: (id: string) => boolean;
}

/** The emphasis given by the `highlight` ids over the drawn `edges`. */
export function emphasis(
  model: Model,
  edges: readonly ModelEdge[],
  highlight: readonly string[] = [],
): Emphasis {
  const ids = new Set(highlight);
  const active = ids.size > 0;
  const edgeOn = (e: ModelEdge): boolean => ids.has(e.id) || ids.has(e.from) || ids.has(e.to);
  const strong = new Set<string>(model.nodes.filter((n) => ids.has(n.id)).map((n) => n.id));
  for (const e of edges)
    if (ids.has(e.id)) {
      strong.add(e.from);
      strong.add(e.to);
    }
  const nodeOn = (id: string): boolean =>
    !active || strong.has(id) || edges.some((e) => edgeOn(e) && (e.from === id || e.to === id));
  return { active, ids, edgeOn, strong, nodeOn };
}
