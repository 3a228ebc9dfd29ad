/**
 * Node placement: boxes for the upper columns, the slow band (skills left; milieu and
 * neuromodulators right), the practice box under the trained skills, and the band of traits.
 */

import type { Model, ModelNode } from "../../model/types.js";
import type { Columns } from "./layers.js";
import {
  BAND_GAP,
  BAND_MAX_W,
  BAND_MIN_W,
  COL_BOX_H,
  COL_GAP_Y,
  COL_W,
  GROUP_GAP,
  MARGIN,
  PRACTICE,
} from "./style.js";
import { centre, stableSort, type DiagramBox, type Heading } from "./types.js";

/** Where everything goes. */
export interface Placement {
  /** Node boxes in drawing order: columns, slow band, traits (practice is apart). */
  boxes: Map<string, DiagramBox>;
  headings: Heading[];
  /** How far curves may bend out of a left or right side (about half a column gap). */
  reach: number;
  /** Top of the slow band's boxes and bottom of its last row, when there is a slow band. */
  slow?: { top: number; bottom: number };
  practice?: DiagramBox;
  /** Content primitives training each drawn skill (with a non-zero load). */
  trainedBy: Map<string, string[]>;
  /** Bottom of the lowest box. */
  bottom: number;
}

/** A band node's place: its cell in a row. */
interface Cell {
  node: ModelNode;
  x: number;
  w: number;
  row: number;
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
): Cell[] {
  if (nodes.length === 0) return [];
  const perRowMax = Math.max(1, Math.floor((width + BAND_GAP) / (minW + BAND_GAP)));
  const rows = Math.ceil(nodes.length / perRowMax);
  const perRow = Math.ceil(nodes.length / rows);
  const w = Math.min(maxW, (width - (perRow - 1) * BAND_GAP) / perRow);
  const keyed = nodes.map((n, i) => ({ n, k: key(n, i) }));
  const filled = stableSort(keyed, (x) => (linked(x.n) ? 0 : 1));
  const out: Cell[] = [];
  for (let row = 0; row * perRow < filled.length; row++) {
    const inRow = stableSort(filled.slice(row * perRow, (row + 1) * perRow), (x) => x.k);
    const used = inRow.length * w + (inRow.length - 1) * BAND_GAP;
    const start = x0 + (width - used) / 2;
    inRow.forEach((x, i) => out.push({ node: x.n, x: start + i * (w + BAND_GAP), w, row }));
  }
  return out;
}

/** Band placement helpers: where a node's placed neighbours are, and whether it has any. */
function bandKeys(boxes: Map<string, DiagramBox>, neighbours: Map<string, string[]>) {
  const key = (n: ModelNode, i: number, count: number, x0: number, w: number): number => {
    const xs = neighbours
      .get(n.id)!
      .filter((m) => boxes.has(m))
      .map((m) => centre(boxes.get(m)!)[0]);
    return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : x0 + ((i + 0.5) * w) / count;
  };
  const linked = (n: ModelNode): boolean => neighbours.get(n.id)!.length > 0;
  return { key, linked };
}

/** Boxes of the upper columns, spread over the width, each column centred vertically. */
function placeColumns(columns: Columns, width: number, p: Placement): void {
  const nCols = columns.nodes.length;
  const colGap = nCols > 1 ? (width - 2 * MARGIN - nCols * COL_W) / (nCols - 1) : 0;
  p.reach = Math.max(60, colGap * 0.5);
  const colTop = 104;
  const tallest = Math.max(1, ...columns.nodes.map((c) => c.length));
  const colH = tallest * (COL_BOX_H + COL_GAP_Y) - COL_GAP_Y;
  columns.nodes.forEach((c, ci) => {
    const x = nCols > 1 ? MARGIN + ci * (COL_W + colGap) : (width - COL_W) / 2;
    p.headings.push({
      x: x + COL_W / 2,
      y: colTop - 14,
      label: columns.titles[ci],
      anchor: "middle",
    });
    c.forEach((n, i) => {
      const cy = colTop + ((i + 0.5) * colH) / c.length;
      p.boxes.set(n.id, {
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
  p.bottom = colTop + colH;
}

/** The slow band under the columns: skills on the left, the milieu and neuromodulators on the right. */
function placeSlowBand(
  slow: readonly ModelNode[],
  neighbours: Map<string, string[]>,
  width: number,
  p: Placement,
): void {
  const { key, linked } = bandKeys(p.boxes, neighbours);
  const groups = [
    slow.filter((n) => n.kind === "skill"),
    slow.filter((n) => n.kind !== "skill"),
  ].filter((g) => g.length > 0);
  if (groups.length === 0) return;
  const slowTop = p.bottom + 62;
  const avail = width - 2 * MARGIN - GROUP_GAP * (groups.length - 1);
  const total = groups.reduce((a, g) => a + g.length, 0);
  let gx = MARGIN;
  const rowsUsed: number[] = [];
  const placed: Cell[] = [];
  groups.forEach((g) => {
    const gw = (avail * g.length) / total;
    const x0 = gx;
    const cells = gridLayout(
      g,
      gx,
      gw,
      BAND_MIN_W,
      BAND_MAX_W,
      (n, i) => key(n, i, g.length, x0, gw),
      linked,
    );
    placed.push(...cells);
    rowsUsed.push(1 + Math.max(...cells.map((c) => c.row)));
    const name = g[0].kind === "skill" ? "trained skills" : "milieu and neuromodulators";
    p.headings.push({
      x: gx + 2,
      y: slowTop - 12,
      label: `Slow level (days): ${name}`,
      anchor: "start",
    });
    gx += gw + GROUP_GAP;
  });
  const narrow = Math.min(...placed.map((c) => c.w));
  const bandH = narrow < 110 ? 60 : 50;
  placed.forEach((c, i) =>
    p.boxes.set(c.node.id, {
      key: c.node.id,
      x: c.x,
      y: slowTop + c.row * (bandH + 12),
      w: c.w,
      h: bandH,
      index: i,
      row: c.row,
      node: c.node,
    }),
  );
  p.slow = { top: slowTop, bottom: slowTop + Math.max(...rowsUsed) * (bandH + 12) - 12 };
  p.bottom = p.slow.bottom;
}

/** The practice box: the content primitives, aggregated per trained skill, under those skills. */
function placePractice(model: Model, p: Placement): void {
  for (const [cid, c] of Object.entries(model.content))
    for (const [skill, load] of Object.entries(c.trains))
      if (load !== 0 && p.boxes.has(skill)) {
        if (!p.trainedBy.has(skill)) p.trainedBy.set(skill, []);
        p.trainedBy.get(skill)!.push(cid);
      }
  if (p.trainedBy.size === 0) return;
  // A wide box under the trained skills, so that each arrow rises straight into its skill.
  const trained = [...p.trainedBy.keys()].map((k) => p.boxes.get(k)!);
  const s0 = Math.min(...trained.map((b) => b.x));
  const s1 = Math.max(...trained.map((b) => b.x + b.w));
  const pw = Math.max(240, s1 - s0);
  p.practice = {
    key: PRACTICE,
    x: (s0 + s1) / 2 - pw / 2,
    y: p.bottom + 56,
    w: pw,
    h: 34,
    index: 0,
    row: 100,
  };
  p.bottom = p.practice.y + p.practice.h;
}

/** A thin band of traits at the bottom. */
function placeTraits(
  traits: readonly ModelNode[],
  neighbours: Map<string, string[]>,
  width: number,
  p: Placement,
): void {
  if (traits.length === 0) return;
  const { key, linked } = bandKeys(p.boxes, neighbours);
  const bandW = width - 2 * MARGIN;
  const traitTop = p.bottom + 46;
  const cells = gridLayout(
    traits,
    MARGIN,
    bandW,
    120,
    170,
    (n, i) => key(n, i, traits.length, MARGIN, bandW),
    linked,
  );
  const th = 40;
  cells.forEach((c, i) =>
    p.boxes.set(c.node.id, {
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
  p.headings.push({
    x: MARGIN,
    y: traitTop - 10,
    label: "Traits (constant per person)",
    anchor: "start",
  });
  p.bottom = traitTop + (1 + Math.max(...cells.map((c) => c.row))) * (th + 8) - 8;
}

/** Places every box of the diagram, top to bottom. */
export function placeNodes(
  model: Model,
  columns: Columns,
  neighbours: Map<string, string[]>,
  width: number,
): Placement {
  const p: Placement = {
    boxes: new Map(),
    headings: [],
    reach: 60,
    trainedBy: new Map(),
    bottom: 0,
  };
  placeColumns(columns, width, p);
  placeSlowBand(
    model.nodes.filter((n) => n.level === "slow"),
    neighbours,
    width,
    p,
  );
  placePractice(model, p);
  placeTraits(
    model.nodes.filter((n) => n.level === "trait"),
    neighbours,
    width,
    p,
  );
  return p;
}
