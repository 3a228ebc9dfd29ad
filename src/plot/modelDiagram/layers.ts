/**
 * Layout of layers: which column each upper node goes in (inputs, early and later fast
 * processes, readouts) and its order within the column.
 */

import type { Model, ModelEdge, ModelNode } from "../../model/types.js";
import { stableSort } from "./types.js";

/**
 * Rank of each fast node: the longest path to it over fast→fast edges, after dropping the
 * edges that close a cycle in a depth-first search taken in model order.
 */
export function fastRanks(model: Model): Map<string, number> {
  const fast = model.nodes.filter((n) => n.level === "fast").map((n) => n.id);
  const isFast = new Set(fast);
  const out = new Map<string, string[]>(fast.map((id) => [id, []]));
  for (const e of model.edges)
    if (isFast.has(e.from) && isFast.has(e.to) && e.from !== e.to) out.get(e.from)!.push(e.to);
  const state = new Map<string, "open" | "done">();
  const kept = new Map<string, string[]>(fast.map((id) => [id, []]));
  const post: string[] = [];
  const visit = (u: string): void => {
    state.set(u, "open");
    for (const v of out.get(u)!) {
      if (state.get(v) === "open") continue; // a back edge: it closes a cycle
      kept.get(u)!.push(v);
      if (!state.has(v)) visit(v);
    }
    state.set(u, "done");
    post.push(u);
  };
  for (const id of fast) if (!state.has(id)) visit(id);
  const rank = new Map<string, number>(fast.map((id) => [id, 0]));
  for (const u of post.reverse())
    for (const v of kept.get(u)!) rank.set(v, Math.max(rank.get(v)!, rank.get(u)! + 1));
  return rank;
}

/** Splits fast nodes into an early and a later column at the rank that best halves them. */
function splitFast(fast: readonly ModelNode[], rank: Map<string, number>): ModelNode[][] {
  if (fast.length < 2) return [[...fast], []];
  const ranks = [...new Set(fast.map((n) => rank.get(n.id)!))].sort((a, b) => a - b);
  let best = ranks[ranks.length - 1];
  let bestScore = Infinity;
  for (const t of ranks.slice(1)) {
    const early = fast.filter((n) => rank.get(n.id)! < t).length;
    const score = Math.abs(2 * early - fast.length);
    if (score < bestScore) [best, bestScore] = [t, score];
  }
  const byRank = [...fast].sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  return [
    byRank.filter((n) => rank.get(n.id)! < best),
    byRank.filter((n) => rank.get(n.id)! >= best),
  ];
}

/** Each node's neighbours over `edges` (both directions, with repeats), for every node. */
export function neighboursOf(model: Model, edges: readonly ModelEdge[]): Map<string, string[]> {
  const neighbours = new Map<string, string[]>(model.nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    neighbours.get(e.from)!.push(e.to);
    neighbours.get(e.to)!.push(e.from);
  }
  return neighbours;
}

/** The upper columns: a title each and their nodes, top to bottom. */
export interface Columns {
  titles: string[];
  nodes: ModelNode[][];
}

/**
 * The non-empty upper columns (inputs, early fast, later fast, readouts), each ordered by
 * three barycentre sweeps: a node moves to the mean position of its neighbours elsewhere.
 */
export function columnLayers(model: Model, neighbours: Map<string, string[]>): Columns {
  const of = (level: ModelNode["level"]): ModelNode[] =>
    model.nodes.filter((n) => n.level === level);
  const [early, later] = splitFast(of("fast"), fastRanks(model));
  const defs = [
    { title: "Inputs (episode)", nodes: of("input") },
    { title: "Fast processes: early", nodes: early },
    { title: "Fast processes: later", nodes: later },
    { title: "Readouts", nodes: of("readout") },
  ].filter((c) => c.nodes.length > 0);
  const columns = defs.map((c) => [...c.nodes]);
  const colOf = new Map<string, number>();
  columns.forEach((c, i) => c.forEach((n) => colOf.set(n.id, i)));

  const pos = new Map<string, number>();
  const setPos = (): void =>
    columns.forEach((c) => c.forEach((n, i) => pos.set(n.id, (i + 0.5) / c.length)));
  setPos();
  const order = [...columns.keys(), ...[...columns.keys()].reverse()];
  for (let sweep = 0; sweep < 3; sweep++)
    for (const ci of order) {
      columns[ci] = stableSort(columns[ci], (n) => {
        const ys = neighbours
          .get(n.id)!
          .filter((m) => colOf.has(m) && colOf.get(m) !== ci)
          .map((m) => pos.get(m)!);
        return ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : pos.get(n.id)!;
      });
      setPos();
    }
  return { titles: defs.map((d) => d.title), nodes: columns };
}
