/**
 * The model diagram: the theory drawn from the same model data the engine compiles.
 *
 * Columns by role, left to right: inputs, fast processes (split in an early and a later
 * column by a longest-path rank over fast→fast edges), readouts. Below them a band of slow
 * nodes (skills left, milieu and neuromodulators right) fed by a "practice" box that stands
 * for the content primitives, and a thin band of traits. Edges are Bézier curves between box
 * sides: drive ends in an arrowhead, inhibit in a flat bar, gain is dashed with a diamond;
 * their width grows with the number of evidence ids. Every box and edge has a `<title>`
 * tooltip. No layout library: the layout is deterministic and derived from the model alone.
 */

import type { EdgeEffect, Model, ModelEdge, ModelNode, NodeKind } from "../model/types.js";
import { legend, type LegendItem } from "./legend.js";
import { OKABE_ITO } from "./palette.js";
import { el, escapeXml, num, svgDocument, text, textWidth, truncate, type Attrs } from "./svg.js";

/** Options of {@link modelDiagram}. */
export interface ModelDiagramOptions {
  /**
   * Preferred width in pixels (default 1600, at least 1000). The height follows from the
   * model; a band that cannot fit its boxes wraps into more rows.
   */
  width?: number;
  /**
   * Node or edge ids to emphasise. An edge is emphasised if it is listed or touches a listed
   * node; a node if it is listed or is an end of a listed edge. Everything else is faded.
   */
  highlight?: readonly string[];
}

/** Box colour of each node kind (Okabe–Ito); traits are drawn as white boxes. */
export const KIND_COLOUR: Readonly<Record<NodeKind, string>> = {
  input: OKABE_ITO[6],
  process: OKABE_ITO[5],
  modulator: OKABE_ITO[0],
  affect: OKABE_ITO[1],
  outcome: OKABE_ITO[3],
  skill: OKABE_ITO[2],
  neuromodulator: OKABE_ITO[4],
  milieu: OKABE_ITO[7],
  trait: "#777777",
};

const KIND_ORDER: readonly NodeKind[] = [
  "input",
  "process",
  "modulator",
  "affect",
  "outcome",
  "skill",
  "milieu",
  "neuromodulator",
  "trait",
];

/** Edge colour of each effect. */
const EFFECT_COLOUR: Readonly<Record<EdgeEffect, string>> = {
  drive: "#333333",
  inhibit: OKABE_ITO[1],
  gain: OKABE_ITO[0],
};
const PRACTICE_COLOUR = "#999999";
/** Fill opacity of boxes (inputs are paler: there are many and they only set the scene). */
const fillOpacity = (kind: NodeKind): number => (kind === "input" ? 0.12 : 0.3);
/** A colour that, drawn at the legend's swatch opacity (0.3), gives the tint of a box. */
function swatchColour(kind: NodeKind): string {
  const v = parseInt(KIND_COLOUR[kind].slice(1), 16);
  const c = [v >> 16, (v >> 8) & 255, v & 255].map((x) =>
    Math.round(255 - ((255 - x) * fillOpacity(kind)) / 0.3),
  );
  return `#${c.map((x) => x.toString(16).padStart(2, "0")).join("")}`;
}
const FADED = 0.18;
const PRACTICE = "\u0000practice"; // a key no node id can take

const MARGIN = 28;
const COL_W = 176;
const COL_BOX_H = 50;
const COL_GAP_Y = 14;
const BAND_MIN_W = 84;
const BAND_MAX_W = 170;
const BAND_GAP = 8;
const GROUP_GAP = 40;

type Side = "left" | "right" | "top" | "bottom";
type Point = [number, number];

/** One drawn box. */
interface Box {
  key: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Column index in the upper region; undefined for band boxes. */
  col?: number;
  /** Index within its column. */
  index: number;
  /** Whether it is the lowest box of its column (band edges then enter from below). */
  last?: boolean;
  /** Band row (slow band 0, 1, …; practice 100; traits 200, …): boxes in one row join side to side. */
  row?: number;
  node?: ModelNode;
}

/** One edge to route (a model edge, or a practice → skill arrow). */
interface Route {
  key: string;
  from: Box;
  to: Box;
  fromSide: Side;
  toSide: Side;
  p0?: Point;
  p3?: Point;
}

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

/** Splits a label into at most `maxLines` lines of at most `maxChars` characters (also after hyphens). */
export function wrapLabel(label: string, maxChars: number, maxLines: number): string[] {
  const tokens: { text: string; glue: string }[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const parts = word.split(/(?<=-)(?=.)/);
    parts.forEach((p, i) => tokens.push({ text: p, glue: i === 0 ? " " : "" }));
  }
  const lines: string[] = [];
  let line = "";
  for (const t of tokens) {
    const candidate = line ? line + t.glue + t.text : t.text;
    if (!line || [...candidate].length <= maxChars) line = candidate;
    else {
      lines.push(line);
      line = t.text;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const rest = lines.splice(maxLines - 1).join(" ");
    lines.push(`${rest}\u2026`);
  }
  const fit = (s: string): string =>
    [...s].length <= maxChars
      ? s
      : `${[...s]
          .slice(0, Math.max(1, maxChars - 1))
          .join("")
          .trimEnd()}\u2026`;
  return lines.map(fit);
}

/** Mixes a `#rrggbb` colour toward black by `amount` (0–1). */
function darken(hex: string, amount: number): string {
  const v = parseInt(hex.slice(1), 16);
  const c = [v >> 16, (v >> 8) & 255, v & 255].map((x) => Math.round(x * (1 - amount)));
  return `#${c.map((x) => x.toString(16).padStart(2, "0")).join("")}`;
}

const NORMAL: Record<Side, Point> = { left: [-1, 0], right: [1, 0], top: [0, -1], bottom: [0, 1] };
const centre = (b: Box): Point => [b.x + b.w / 2, b.y + b.h / 2];

/** Chooses the sides an edge leaves and enters by, from where its two boxes are. */
function sides(a: Box, b: Box): [Side, Side] {
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
  const add = (box: Box, side: Side, route: Route, end: 0 | 3, other: Box): void => {
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
function curve(r: Route, reach: number): string {
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

/** A section heading, with a white halo so that edges passing behind it do not hide it. */
function heading(x: number, y: number, label: string, anchor: "start" | "middle"): string {
  return text(x, y, label, {
    "font-size": 12,
    "font-weight": "bold",
    "text-anchor": anchor,
    fill: "#444444",
    stroke: "#ffffff",
    "stroke-width": 3,
    "stroke-linejoin": "round",
    "paint-order": "stroke",
  });
}

/** Sorts `items` by a key, keeping the given order among equal keys. */
function stableSort<T>(items: T[], key: (t: T) => number): T[] {
  return items
    .map((t, i) => ({ t, i, k: key(t) }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.t);
}

/**
 * Draws the text of a box: the label wrapped to `maxLines` lines (the font shrinks by up to a
 * fifth so that its longest word fits) and the id, small, below it.
 */
function boxText(b: Box, label: string, id: string, base: number, maxLines: number): string[] {
  const longest = Math.max(1, ...label.split(/[\s-]+/).map((w) => [...w].length + 1));
  const font = Math.max(base * 0.8, Math.min(base, (b.w - 10) / (longest * 0.6)));
  const maxChars = Math.max(4, Math.floor((b.w - 10) / (font * 0.6)));
  const lines = wrapLabel(label, maxChars, maxLines);
  const idFont = Math.max(8, base - 2.5);
  const lineH = font + 2;
  const block = lines.length * lineH + (id ? idFont + 3 : 0);
  let baseline = b.y + (b.h - block) / 2 + font - 1;
  const cx = b.x + b.w / 2;
  const out: string[] = [];
  for (const l of lines) {
    out.push(
      text(cx, baseline, l, { "font-size": font, "text-anchor": "middle", fill: "#1a1a1a" }),
    );
    baseline += lineH;
  }
  if (id)
    out.push(
      text(cx, baseline - lineH + idFont + 4, truncate(id, b.w - 8, idFont), {
        "font-size": idFont,
        "text-anchor": "middle",
        fill: "#555555",
      }),
    );
  return out;
}

/**
 * Places band nodes in rows inside [x0, x0 + width], wrapping when boxes would be narrower
 * than `minW`. Nodes with edges go to the first rows (nearest the columns above); each row is
 * ordered by `key` (where the node's neighbours are), so edges run as straight as they can.
 */
function gridLayout(
  nodes: readonly ModelNode[],
  x0: number,
  width: number,
  minW: number,
  maxW: number,
  key: (n: ModelNode, i: number) => number,
  linked: (n: ModelNode) => boolean,
): { node: ModelNode; x: number; w: number; row: number }[] {
  if (nodes.length === 0) return [];
  const perRowMax = Math.max(1, Math.floor((width + BAND_GAP) / (minW + BAND_GAP)));
  const rows = Math.ceil(nodes.length / perRowMax);
  const perRow = Math.ceil(nodes.length / rows);
  const w = Math.min(maxW, (width - (perRow - 1) * BAND_GAP) / perRow);
  const keyed = nodes.map((n, i) => ({ n, k: key(n, i) }));
  const filled = stableSort(keyed, (x) => (linked(x.n) ? 0 : 1));
  const out: { node: ModelNode; x: number; w: number; row: number }[] = [];
  for (let row = 0; row * perRow < filled.length; row++) {
    const inRow = stableSort(filled.slice(row * perRow, (row + 1) * perRow), (x) => x.k);
    const used = inRow.length * w + (inRow.length - 1) * BAND_GAP;
    const start = x0 + (width - used) / 2;
    inRow.forEach((x, i) => out.push({ node: x.n, x: start + i * (w + BAND_GAP), w, row }));
  }
  return out;
}

/** Title of an edge: "E3: M → F (drive), evidence F27". */
export function edgeTitle(e: ModelEdge): string {
  const ev = e.evidence.length > 0 ? `evidence ${e.evidence.join(", ")}` : "no evidence";
  return `${e.id}: ${e.from} \u2192 ${e.to} (${e.effect}), ${ev}`;
}

/** Title of a node box: label, id, kind, level, meaning and brain regions. */
function nodeTitle(n: ModelNode): string {
  const regions = n.regions && n.regions.length > 0 ? `\nRegions: ${n.regions.join(", ")}` : "";
  return `${n.label} (${n.id}): ${n.kind}, ${n.level}\n${n.meaning}${regions}`;
}

/** Marker definitions for edge ends, one per effect (plus the practice arrows). */
function markerDefs(): string {
  const mk = (id: string, shape: string, colour: string, w: number): string =>
    el(
      "marker",
      {
        id,
        viewBox: "0 0 10 10",
        refX: 10,
        refY: 5,
        markerWidth: w,
        markerHeight: w,
        markerUnits: "userSpaceOnUse",
        orient: "auto",
      },
      el("path", { d: shape, fill: colour }),
    );
  return el("defs", {}, [
    mk("md-drive", "M0,0L10,5L0,10Z", EFFECT_COLOUR.drive, 10),
    mk("md-inhibit", "M7,0H10V10H7Z", EFFECT_COLOUR.inhibit, 11),
    mk("md-gain", "M0,5L5,1L10,5L5,9Z", EFFECT_COLOUR.gain, 11),
    mk("md-practice", "M0,0L10,5L0,10Z", PRACTICE_COLOUR, 8),
  ]);
}

/** The stroke attributes of an edge of `effect` backed by `evidence` ids. */
function edgeStroke(effect: EdgeEffect, evidence: number): Attrs {
  return {
    fill: "none",
    stroke: EFFECT_COLOUR[effect],
    "stroke-width": Math.min(3, Math.max(1, evidence)),
    "stroke-dasharray": effect === "gain" ? "6,3" : undefined,
    "marker-end": `url(#md-${effect})`,
  };
}

/**
 * Draws the model as a standalone SVG document. The same model always gives the same bytes.
 */
export function modelDiagram(model: Model, opts: ModelDiagramOptions = {}): string {
  const width = Math.max(1000, opts.width ?? 1600);
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const edges = model.edges.filter((e) => byId.has(e.from) && byId.has(e.to));

  // ---- columns: inputs, early fast, later fast, readouts -----------------------------------
  const of = (level: ModelNode["level"]): ModelNode[] =>
    model.nodes.filter((n) => n.level === level);
  const [early, later] = splitFast(of("fast"), fastRanks(model));
  const columnDefs: { title: string; nodes: ModelNode[] }[] = [
    { title: "Inputs (episode)", nodes: of("input") },
    { title: "Fast processes: early", nodes: early },
    { title: "Fast processes: later", nodes: later },
    { title: "Readouts", nodes: of("readout") },
  ].filter((c) => c.nodes.length > 0);
  const columns = columnDefs.map((c) => [...c.nodes]);
  const colOf = new Map<string, number>();
  columns.forEach((c, i) => c.forEach((n) => colOf.set(n.id, i)));

  // Barycentre sweeps: order each column by the mean position of its neighbours elsewhere.
  const neighbours = new Map<string, string[]>(model.nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    neighbours.get(e.from)!.push(e.to);
    neighbours.get(e.to)!.push(e.from);
  }
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

  const nCols = columns.length;
  const colGap = nCols > 1 ? (width - 2 * MARGIN - nCols * COL_W) / (nCols - 1) : 0;
  const reach = Math.max(60, colGap * 0.5);
  const colTop = 104;
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  const colH = tallest * (COL_BOX_H + COL_GAP_Y) - COL_GAP_Y;
  const boxes = new Map<string, Box>();
  const parts: string[] = [];
  const headers: string[] = [];
  columns.forEach((c, ci) => {
    const x = nCols > 1 ? MARGIN + ci * (COL_W + colGap) : (width - COL_W) / 2;
    headers.push(heading(x + COL_W / 2, colTop - 14, columnDefs[ci].title, "middle"));
    c.forEach((n, i) => {
      const cy = colTop + ((i + 0.5) * colH) / c.length;
      boxes.set(n.id, {
        key: n.id,
        x,
        y: cy - COL_BOX_H / 2,
        w: COL_W,
        h: COL_BOX_H,
        col: ci,
        index: i,
        last: i === c.length - 1,
        node: n,
      });
    });
  });
  let y = colTop + colH;

  // ---- slow band: skills on the left, the milieu and neuromodulators on the right ----------
  const slow = of("slow");
  const bandKey = (n: ModelNode, i: number, count: number, x0: number, w: number): number => {
    const xs = neighbours
      .get(n.id)!
      .filter((m) => boxes.has(m))
      .map((m) => centre(boxes.get(m)!)[0]);
    return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : x0 + ((i + 0.5) * w) / count;
  };
  const linked = (n: ModelNode): boolean => neighbours.get(n.id)!.length > 0;
  const groups = [
    slow.filter((n) => n.kind === "skill"),
    slow.filter((n) => n.kind !== "skill"),
  ].filter((g) => g.length > 0);
  const bandW = width - 2 * MARGIN;
  const slowTop = y + 62;
  let slowBottom = y;
  if (groups.length > 0) {
    const avail = bandW - GROUP_GAP * (groups.length - 1);
    const total = groups.reduce((a, g) => a + g.length, 0);
    let gx = MARGIN;
    const rowsUsed: number[] = [];
    const placed: { n: ModelNode; x: number; w: number; row: number }[] = [];
    groups.forEach((g) => {
      const gw = (avail * g.length) / total;
      const x0 = gx;
      const cells = gridLayout(
        g,
        gx,
        gw,
        BAND_MIN_W,
        BAND_MAX_W,
        (n, i) => bandKey(n, i, g.length, x0, gw),
        linked,
      );
      for (const c of cells) placed.push({ n: c.node, x: c.x, w: c.w, row: c.row });
      rowsUsed.push(1 + Math.max(...cells.map((c) => c.row)));
      const name = g[0].kind === "skill" ? "trained skills" : "milieu and neuromodulators";
      headers.push(heading(gx + 2, slowTop - 12, `Slow level (days): ${name}`, "start"));
      gx += gw + GROUP_GAP;
    });
    const narrow = Math.min(...placed.map((p) => p.w));
    const bandH = narrow < 110 ? 60 : 50;
    placed.forEach((p, i) =>
      boxes.set(p.n.id, {
        key: p.n.id,
        x: p.x,
        y: slowTop + p.row * (bandH + 12),
        w: p.w,
        h: bandH,
        index: i,
        row: p.row,
        node: p.n,
      }),
    );
    slowBottom = slowTop + Math.max(...rowsUsed) * (bandH + 12) - 12;
    y = slowBottom;
  }

  // ---- practice: the content primitives, aggregated per trained skill ----------------------
  const trainedBy = new Map<string, string[]>();
  for (const [cid, c] of Object.entries(model.content))
    for (const [skill, load] of Object.entries(c.trains))
      if (load !== 0 && boxes.has(skill)) {
        if (!trainedBy.has(skill)) trainedBy.set(skill, []);
        trainedBy.get(skill)!.push(cid);
      }
  let practice: Box | undefined;
  if (trainedBy.size > 0) {
    // A wide box under the trained skills, so that each arrow rises straight into its skill.
    const trained = [...trainedBy.keys()].map((k) => boxes.get(k)!);
    const s0 = Math.min(...trained.map((b) => b.x));
    const s1 = Math.max(...trained.map((b) => b.x + b.w));
    const pw = Math.max(240, s1 - s0);
    practice = {
      key: PRACTICE,
      x: (s0 + s1) / 2 - pw / 2,
      y: y + 56,
      w: pw,
      h: 34,
      index: 0,
      row: 100,
    };
    y = practice.y + practice.h;
  }

  // ---- traits: a thin band ------------------------------------------------------------------
  const traits = of("trait");
  if (traits.length > 0) {
    const traitTop = y + 46;
    const cells = gridLayout(
      traits,
      MARGIN,
      bandW,
      120,
      170,
      (n, i) => bandKey(n, i, traits.length, MARGIN, bandW),
      linked,
    );
    const th = 40;
    cells.forEach((c, i) =>
      boxes.set(c.node.id, {
        key: c.node.id,
        x: c.x,
        y: traitTop + c.row * (th + 8),
        w: c.w,
        h: th,
        index: i,
        row: 200 + c.row,
        node: c.node,
      }),
    );
    headers.push(heading(MARGIN, traitTop - 10, "Traits (constant per person)", "start"));
    y = traitTop + (1 + Math.max(...cells.map((c) => c.row))) * (th + 8) - 8;
  }

  // ---- emphasis -----------------------------------------------------------------------------
  const hl = new Set(opts.highlight ?? []);
  const emphasisOn = hl.size > 0;
  const edgeOn = (e: ModelEdge): boolean => hl.has(e.id) || hl.has(e.from) || hl.has(e.to);
  const nodeOn = new Set<string>(model.nodes.filter((n) => hl.has(n.id)).map((n) => n.id));
  for (const e of edges)
    if (hl.has(e.id)) {
      nodeOn.add(e.from);
      nodeOn.add(e.to);
    }

  // ---- routes -------------------------------------------------------------------------------
  const routes: Route[] = [];
  const route = (key: string, a: Box, b: Box): Route => {
    const [fromSide, toSide] = sides(a, b);
    const r: Route = { key, from: a, to: b, fromSide, toSide };
    routes.push(r);
    return r;
  };
  const practiceRoutes = practice
    ? [...trainedBy.keys()]
        .sort((a, b) => boxes.get(a)!.x - boxes.get(b)!.x)
        .map((skill) => ({
          skill,
          r: route(`practice:${skill}`, practice!, boxes.get(skill)!),
        }))
    : [];
  // The practice arrows rise from the practice box into the bottom of each skill.
  for (const { r } of practiceRoutes) [r.fromSide, r.toSide] = ["top", "bottom"];
  const edgeRoutes = edges.map((e) => ({
    e,
    r: route(e.id, boxes.get(e.from)!, boxes.get(e.to)!),
  }));
  assignPorts(routes);
  for (const { r } of practiceRoutes) {
    const x = Math.min(Math.max(r.p3![0], r.from.x + 12), r.from.x + r.from.w - 12);
    r.p0 = [x, r.from.y];
  }

  // ---- drawing ------------------------------------------------------------------------------
  const bands: string[] = [];
  if (groups.length > 0)
    bands.push(
      el("rect", {
        x: MARGIN / 2,
        y: slowTop - 30,
        width: width - MARGIN,
        height: (practice ? practice.y + practice.h : slowBottom) - slowTop + 42,
        rx: 8,
        fill: "#f6f6f6",
      }),
    );

  const practiceMarks = practiceRoutes.map(({ skill, r }) =>
    el(
      "g",
      {
        class: "practice",
        opacity: emphasisOn && !nodeOn.has(skill) && !hl.has(skill) ? FADED : undefined,
      },
      [
        el(
          "title",
          {},
          escapeXml(`practice \u2192 ${skill}: trained by ${trainedBy.get(skill)!.join(", ")}`),
        ),
        el("path", {
          d: curve(r, reach),
          fill: "none",
          stroke: PRACTICE_COLOUR,
          "stroke-width": 1,
          "stroke-opacity": 0.8,
          "marker-end": "url(#md-practice)",
        }),
      ],
    ),
  );

  const edgeMarks = (on: boolean): string[] =>
    edgeRoutes
      .filter(({ e }) => !emphasisOn || edgeOn(e) === on)
      .map(({ e, r }) =>
        el("g", { class: `edge ${e.effect}`, opacity: emphasisOn && !on ? FADED : undefined }, [
          el("title", {}, escapeXml(edgeTitle(e))),
          el("path", { d: curve(r, reach), ...edgeStroke(e.effect, e.evidence.length) }),
        ]),
      );

  const boxMark = (b: Box): string => {
    if (b.key === PRACTICE) {
      const primitives = Object.keys(model.content).length;
      return el("g", { class: "node practice" }, [
        el(
          "title",
          {},
          escapeXml(
            `Practice: ${primitives} content primitives (${Object.keys(model.content).join(", ")}) train the skills`,
          ),
        ),
        el("rect", {
          x: b.x,
          y: b.y,
          width: b.w,
          height: b.h,
          rx: 17,
          fill: "#ffffff",
          stroke: "#777777",
          "stroke-width": 1.2,
        }),
        ...boxText(b, "Practice: content primitives train skills", "", 12, 1),
      ]);
    }
    const n = b.node!;
    const trait = n.kind === "trait";
    const colour = KIND_COLOUR[n.kind];
    const on =
      !emphasisOn ||
      nodeOn.has(n.id) ||
      edges.some((e) => edgeOn(e) && (e.from === n.id || e.to === n.id));
    const strong = emphasisOn && nodeOn.has(n.id);
    const font = b.col !== undefined ? 12 : trait ? 9.5 : 10.5;
    return el("g", { class: `node ${n.kind}`, opacity: on ? undefined : FADED + 0.1 }, [
      el("title", {}, escapeXml(nodeTitle(n))),
      el("rect", { x: b.x, y: b.y, width: b.w, height: b.h, rx: 8, fill: "#ffffff" }),
      el("rect", {
        x: b.x,
        y: b.y,
        width: b.w,
        height: b.h,
        rx: 8,
        fill: trait ? "#ffffff" : colour,
        "fill-opacity": trait ? undefined : fillOpacity(n.kind),
        stroke: trait ? colour : darken(colour, 0.35),
        "stroke-width": strong ? 3 : b.col !== undefined && n.level === "fast" ? 1.6 : 1.1,
        "stroke-dasharray": trait ? "3,2" : undefined,
      }),
      ...boxText(b, n.label, n.id, font, b.col !== undefined || trait ? 2 : 3),
    ]);
  };

  // ---- legend -------------------------------------------------------------------------------
  const legendTop = y + 40;
  const keys: string[] = [];
  let lx = MARGIN;
  const edgeKey = (label: string, attrs: Attrs): void => {
    keys.push(el("path", { d: `M${num(lx)},${num(legendTop)}H${num(lx + 38)}`, ...attrs }));
    keys.push(text(lx + 46, legendTop + 4, label, { "font-size": 12, fill: "#222222" }));
    lx += 46 + textWidth(label, 12) + 22;
  };
  edgeKey("drives", edgeStroke("drive", 1));
  edgeKey("inhibits", edgeStroke("inhibit", 1));
  edgeKey("gain (multiplies)", edgeStroke("gain", 1));
  if (practice)
    edgeKey("practice trains", {
      fill: "none",
      stroke: PRACTICE_COLOUR,
      "stroke-width": 1,
      "marker-end": "url(#md-practice)",
    });
  for (const w of [1, 2, 3]) {
    keys.push(
      el("path", {
        d: `M${num(lx)},${num(legendTop)}H${num(lx + 22)}`,
        stroke: "#333333",
        "stroke-width": w,
      }),
    );
    lx += 28;
  }
  keys.push(
    text(lx, legendTop + 4, "width: 1, 2, 3+ evidence ids", { "font-size": 12, fill: "#222222" }),
  );
  const present = new Set(model.nodes.map((n) => n.kind));
  const kindItems: LegendItem[] = KIND_ORDER.filter((k) => present.has(k)).map((k) => ({
    label: k,
    colour: k === "trait" ? KIND_COLOUR[k] : swatchColour(k),
    mark: k === "trait" ? "open" : "swatch",
  }));
  keys.push(legend(kindItems, MARGIN, legendTop + 26, "row"));
  const height = legendTop + 26 + 24;

  const title = `${model.title} (${model.id} ${model.version})`;
  const head = [
    text(MARGIN, 32, model.title, { "font-size": 18, "font-weight": "bold", fill: "#222222" }),
    text(
      MARGIN,
      52,
      `${model.id} \u00b7 version ${model.version} \u00b7 ${model.nodes.length} nodes, ${edges.length} edges \u00b7 hover a box or an edge for its meaning and evidence`,
      { "font-size": 12, fill: "#555555" },
    ),
  ];
  parts.push(
    markerDefs(),
    ...bands,
    ...head,
    el("g", { class: "practice-arrows" }, practiceMarks),
    el("g", { class: "edges" }, [...edgeMarks(false), ...(emphasisOn ? edgeMarks(true) : [])]),
    el(
      "g",
      { class: "nodes" },
      [...boxes.values()].map(boxMark).concat(practice ? [boxMark(practice)] : []),
    ),
    ...headers,
    el("g", { class: "legend-marks" }, keys),
  );
  return svgDocument(width, height, title, parts);
}
