/**
 * One panel of a forest plot: its rows, its own x scale and axis, and its reference line.
 */

import { xAxis } from "../axes.js";
import { axisLines, xAxisLabel, type Box } from "../chart.js";
import { formatTick, linearScale, niceTicks } from "../scale.js";
import { el, textWidth } from "../svg.js";
import type { Line } from "./lines.js";
import { drawLine } from "./rowMarks.js";
import { fin, FONT, REFERENCE } from "./style.js";
import type { ForestRow } from "./types.js";

/** Height under a panel's rows for its tick labels and axis label. */
export const AXIS_SPACE = 50;

/** A panel to draw. */
export interface PanelSpec {
  lines: Line[];
  rows: readonly ForestRow[];
  /** Axis label. */
  label: string;
  box: Box;
}

/** Shared settings of all panels. */
export interface PanelContext {
  width: number;
  rowH: number;
  labelW: number;
  reference: number;
  windowOf: (r: ForestRow) => readonly [number, number] | undefined;
}

/** The finite numbers a panel's axis must show: estimates, intervals and expected ranges. */
export function panelValues(
  rows: readonly ForestRow[],
  windowOf: PanelContext["windowOf"],
): number[] {
  return rows.flatMap((r) =>
    fin(r.estimate) ? [r.estimate, r.lo, r.hi, ...(windowOf(r) ?? [])].filter(fin) : [],
  );
}

/** Whether tick labels at `ticks` fit side by side along `length` pixels. */
function ticksFit(ticks: readonly number[], length: number): boolean {
  if (ticks.length < 2) return true;
  const step = ticks[1] - ticks[0];
  const widest = Math.max(...ticks.map((t) => textWidth(formatTick(t, step), 11)));
  return length / (ticks.length - 1) >= widest + 6;
}

/**
 * Ticks of a panel's axis covering its values and the reference: about six, fewer when their
 * labels would touch on a narrow axis; empty if none can be made.
 */
export function panelTicks(p: PanelSpec, c: PanelContext): number[] {
  const values = panelValues(p.rows, c.windowOf);
  const [lo, hi] = [Math.min(...values, c.reference), Math.max(...values, c.reference)];
  let ticks: number[] = [];
  for (let count = 6; count >= 1; count--) {
    ticks = niceTicks(lo, hi, count);
    if (ticks.length === 0 || ticksFit(ticks, p.box.width - 16)) break;
  }
  return ticks;
}

/** The parts of a panel: gridded axis, reference line, row marks and labels. */
export function panelParts(p: PanelSpec, ticks: readonly number[], c: PanelContext): string[] {
  const { box } = p;
  const sx = linearScale([ticks[0], ticks[ticks.length - 1]], [box.x + 8, box.x + box.width - 8]);
  const marks: string[] = [];
  const labels: string[] = [];
  p.lines.forEach((l, i) => {
    const y = box.y + (i + 0.5) * c.rowH;
    drawLine(
      l,
      { y, rowH: c.rowH, labelW: c.labelW, width: c.width, sx, windowOf: c.windowOf },
      labels,
      marks,
    );
  });
  const refX = sx(c.reference);
  return [
    xAxis(box, sx, ticks, true),
    el("line", {
      x1: refX,
      y1: box.y,
      x2: refX,
      y2: box.y + box.height,
      stroke: REFERENCE,
      "stroke-dasharray": "5,3",
    }),
    el("g", { class: "rows" }, marks),
    el("g", { class: "labels", "font-size": FONT, fill: "#222222" }, labels),
  ];
}

/** The axis lines and axis label of a panel (drawn by `chart` when there is one panel). */
export function panelFrame(p: PanelSpec): string[] {
  return [axisLines(p.box), xAxisLabel(p.box, p.box.y + p.box.height + AXIS_SPACE - 12, p.label)];
}
