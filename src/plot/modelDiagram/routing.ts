/**
 * Edge routing: which box sides an edge leaves and enters by, where on each side (ports
 * spread along it), and the cubic Bézier curve between them.
 */

import type { ModelEdge } from "../../model/types.js";
import { num } from "../svg.js";
import type { Placement } from "./placement.js";
import { BAND_GAP } from "./style.js";
import { centre, type DiagramBox, type Point, type Route, type Side } from "./types.js";

const NORMAL: Record<Side, Point> = { left: [-1, 0], right: [1, 0], top: [0, -1], bottom: [0, 1] };

/** Chooses the sides an edge leaves and enters by, from where its two boxes are. */
function sides(a: DiagramBox, b: DiagramBox): [Side, Side] {
  if (a === b) return ["right", "top"];
  if (a.col !== undefined && b.col !== undefined) {
    if (a.col < b.col) return ["right", "left"];
    if (a.col > b.col) return ["left", "right"];
    if (Math.abs(a.index - b.index) === 1) return a.y < b.y ? ["bottom", "top"] : ["top", "bottom"];
    return ["right", "right"];
  }
  if (a.col === undefined && b.col !== undefined) return ["top", b.last ? "bottom" : "left"];
  if (a.col !== undefined && b.col === undefined) return [a.last ? "bottom" : "right", "top"];
  if (a.row === b.row) {
    const [ca, cb] = [centre(a), centre(b)];
    const between = Math.abs(ca[0] - cb[0]) < a.w + BAND_GAP * 2 + 1;
    if (between) return ca[0] < cb[0] ? ["right", "left"] : ["left", "right"];
    return ["bottom", "bottom"];
  }
  return a.y > b.y ? ["top", "bottom"] : ["bottom", "top"];
}

/** Spreads the ends that share a box side along it, ordered by where their other end is. */
function assignPorts(routes: Route[]): void {
  const groups = new Map<string, { route: Route; end: 0 | 3; other: Point }[]>();
  const add = (box: DiagramBox, side: Side, route: Route, end: 0 | 3, other: DiagramBox): void => {
    const k = `${box.key}\u0001${side}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push({ route, end, other: centre(other) });
  };
  for (const r of routes) {
    add(r.from, r.fromSide, r, 0, r.to);
    add(r.to, r.toSide, r, 3, r.from);
  }
  for (const [k, ends] of groups) {
    const side = k.slice(k.indexOf("\u0001") + 1) as Side;
    const box = ends[0].end === 0 ? ends[0].route.from : ends[0].route.to;
    const vertical = side === "left" || side === "right";
    const axis = vertical ? 1 : 0;
    ends.sort(
      (p, q) =>
        p.other[axis] - q.other[axis] ||
        p.other[1 - axis] - q.other[1 - axis] ||
        (p.route.key < q.route.key ? -1 : p.route.key > q.route.key ? 1 : p.end - q.end),
    );
    const length = vertical ? box.h : box.w;
    const inset = Math.min(10, length / 4);
    ends.forEach((e, i) => {
      const t = inset + ((i + 0.5) * (length - 2 * inset)) / ends.length;
      const gap = e.end === 3 ? 2 : 0;
      const p: Point = vertical
        ? [side === "left" ? box.x - gap : box.x + box.w + gap, box.y + t]
        : [box.x + t, side === "top" ? box.y - gap : box.y + box.h + gap];
      if (e.end === 0) e.route.p0 = p;
      else e.route.p3 = p;
    });
  }
}

/**
 * The cubic Bézier path of a routed edge. Control points leave each side along its normal;
 * from a left or right side they reach at most `reach` (about half a column gap), so curves
 * bend within the gaps rather than across neighbouring columns.
 */
export function curve(r: Route, reach: number): string {
  const p0 = r.p0!;
  const p3 = r.p3!;
  const d = Math.hypot(p3[0] - p0[0], p3[1] - p0[1]);
  const same = r.fromSide === r.toSide;
  // Arcs joining two tops or two bottoms stay shallow (they run between bands).
  const base = same ? Math.min(18 + 0.2 * d, 52) : Math.min(260, Math.max(0.45 * d, 1));
  const k = (side: Side): number =>
    side === "left" || side === "right" ? Math.min(base, reach) : base;
  const [n0x, n0y] = NORMAL[r.fromSide];
  const [n3x, n3y] = NORMAL[r.toSide];
  const c1: Point = [p0[0] + n0x * k(r.fromSide), p0[1] + n0y * k(r.fromSide)];
  const c2: Point = [p3[0] + n3x * k(r.toSide), p3[1] + n3y * k(r.toSide)];
  const pt = (p: Point): string => `${num(p[0])},${num(p[1])}`;
  return `M${pt(p0)}C${pt(c1)} ${pt(c2)} ${pt(p3)}`;
}

/** Routed edges: the practice arrows (one per trained skill, left to right) and the model edges. */
export interface Routes {
  practice: { skill: string; r: Route }[];
  edges: { e: ModelEdge; r: Route }[];
}

/** Routes every edge between the placed boxes and gives each end its port. */
export function routeEdges(edges: readonly ModelEdge[], p: Placement): Routes {
  const all: Route[] = [];
  const route = (key: string, a: DiagramBox, b: DiagramBox): Route => {
    const [fromSide, toSide] = sides(a, b);
    const r: Route = { key, from: a, to: b, fromSide, toSide };
    all.push(r);
    return r;
  };
  const practice = p.practice;
  const practiceRoutes = practice
    ? [...p.trainedBy.keys()]
        .sort((a, b) => p.boxes.get(a)!.x - p.boxes.get(b)!.x)
        .map((skill) => ({ skill, r: route(`practice:${skill}`, practice, p.boxes.get(skill)!) }))
    : [];
  // The practice arrows rise from the practice box into the bottom of each skill.
  for (const { r } of practiceRoutes) [r.fromSide, r.toSide] = ["top", "bottom"];
  const edgeRoutes = edges.map((e) => ({
    e,
    r: route(e.id, p.boxes.get(e.from)!, p.boxes.get(e.to)!),
  }));
  assignPorts(all);
  for (const { r } of practiceRoutes) {
    const x = Math.min(Math.max(r.p3![0], r.from.x + 12), r.from.x + r.from.w - 12);
    r.p0 = [x, r.from.y];
  }
  return { practice: practiceRoutes, edges: edgeRoutes };
}
