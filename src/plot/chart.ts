/**
 * The frame shared by all plots: document, title, axis lines and axis labels.
 */

import { el, num, svgDocument, text } from "./svg.js";

/** Rectangle in SVG user units. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What {@link chart} draws around the plot marks. */
export interface ChartFrame {
  width: number;
  height: number;
  title: string;
  xLabel?: string;
  yLabel?: string;
  /** Plotting area; its left and bottom edges are drawn as axis lines. */
  box: Box;
  /** Marks, axes and legends, in drawing order. */
  body: readonly string[];
}

/** Default plot size in pixels. */
export const DEFAULT_WIDTH = 720;
/** Default plot height in pixels. */
export const DEFAULT_HEIGHT = 420;
/** Vertical space reserved for the title. */
export const TITLE_SPACE = 40;

/** Draws the title centred at the top. */
export function titleText(width: number, title: string): string {
  return title
    ? text(width / 2, 26, title, {
        "font-size": 16,
        "font-weight": "bold",
        "text-anchor": "middle",
        fill: "#111111",
      })
    : "";
}

/** An axis label with its unit in parentheses, e.g. "RMET accuracy (proportion correct)"; no unit leaves it as is. */
export function withUnit(label: string, unit?: string): string {
  return unit ? `${label} (${unit})` : label;
}

/** Attributes of axis labels. */
const AXIS_LABEL = { "font-size": 13, "text-anchor": "middle", fill: "#222222" };

/** The left and bottom axis lines of `box`. */
export function axisLines(box: Box): string {
  return el("path", {
    d: `M${num(box.x)},${num(box.y)}V${num(box.y + box.height)}H${num(box.x + box.width)}`,
    fill: "none",
    stroke: "#333333",
  });
}

/** An x-axis label centred under `box` with its baseline at `y`. */
export function xAxisLabel(box: Box, y: number, label: string): string {
  return text(box.x + box.width / 2, y, label, AXIS_LABEL);
}

/** Wraps plot marks in an SVG document with the title, left and bottom axis lines, and axis labels. */
export function chart(f: ChartFrame): string {
  const { box } = f;
  const label = AXIS_LABEL;
  const parts = [
    titleText(f.width, f.title),
    ...f.body,
    axisLines(box),
    f.xLabel ? xAxisLabel(box, f.height - 12, f.xLabel) : "",
    f.yLabel
      ? text(0, 0, f.yLabel, {
          ...label,
          transform: `translate(18,${num(box.y + box.height / 2)}) rotate(-90)`,
        })
      : "",
  ];
  return svgDocument(f.width, f.height, f.title, parts.filter(Boolean));
}

/** A document with the title and a centred "no data" message in place of a plot. */
export function noData(width: number, height: number, title: string): string {
  const msg = text(width / 2, height / 2, "no data", {
    "font-size": 14,
    "text-anchor": "middle",
    fill: "#777777",
  });
  return svgDocument(width, height, title, [titleText(width, title), msg].filter(Boolean));
}
