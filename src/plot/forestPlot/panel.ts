/**
 * One panel of a forest plot: its rows, its own x scale and axis, and its reference line.
 */

import { xAxis } from "../axes.js";
import { axisLines, xAxisLabel, type Box } from "../chart.js";
import { linearScale, niceTicks } from "../scale.js";
import { el } from "../svg.js";
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

/** Ticks of a panel's axis (covering its values and the reference); empty if none fit. */
export function panelTicks(p: PanelSpec, c: PanelContext): number[] {
  const values = panelValues(p.rows, c.windowOf);
  return niceTicks(Math.min(...values, c.reference), Math.max(...values, c.reference), 6);
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
