/**
 * Legends drawn as SVG marks.
 */

import { marker } from "./marker.js";
import { el, text, textWidth } from "./svg.js";

/** One legend entry: a line with a marker, a pale swatch, a filled or open square, or a dashed rule. */
export interface LegendItem {
  label: string;
  colour: string;
  mark: "line" | "swatch" | "square" | "open" | "rule";
  /** Marker shape for `mark: "line"` (see {@link marker}). */
  shape?: number;
}

const FONT = 12;
const KEY = 26;
const ROW = 20;
const GAP = 18;

/** Width of one entry. */
function itemWidth(item: LegendItem): number {
  return KEY + 6 + textWidth(item.label, FONT);
}

/** Width a legend needs: the widest entry in a column, or the sum of entries in a row. */
export function legendWidth(items: readonly LegendItem[], direction: "column" | "row"): number {
  if (items.length === 0) return 0;
  const widths = items.map(itemWidth);
  return direction === "column"
    ? Math.max(...widths)
    : widths.reduce((a, b) => a + b, 0) + GAP * (items.length - 1);
}

/** Draws the key symbol of an entry in a KEY-wide cell whose vertical centre is `y`. */
function key(item: LegendItem, x: number, y: number): string {
  const c = item.colour;
  switch (item.mark) {
    case "line":
      return (
        el("line", { x1: x, y1: y, x2: x + KEY, y2: y, stroke: c, "stroke-width": 2 }) +
        marker(item.shape ?? 0, x + KEY / 2, y, c)
      );
    case "swatch":
      return el("rect", {
        x: x + 4,
        y: y - 6,
        width: KEY - 8,
        height: 12,
        fill: c,
        "fill-opacity": 0.3,
      });
    case "square":
    case "open": {
      const fill = item.mark === "open" ? "#ffffff" : c;
      return el("rect", {
        x: x + KEY / 2 - 4.5,
        y: y - 4.5,
        width: 9,
        height: 9,
        fill,
        stroke: c,
        "stroke-width": 1.5,
      });
    }
    case "rule":
      return el("line", {
        x1: x,
        y1: y,
        x2: x + KEY,
        y2: y,
        stroke: c,
        "stroke-width": 1.5,
        "stroke-dasharray": "5,3",
      });
  }
}

/** A legend whose first entry is centred vertically on `y`, starting at `x`, stacked or in a row. */
export function legend(
  items: readonly LegendItem[],
  x: number,
  y: number,
  direction: "column" | "row" = "column",
): string {
  if (items.length === 0) return "";
  let cx = x;
  let cy = y;
  const parts: string[] = [];
  for (const item of items) {
    parts.push(key(item, cx, cy), text(cx + KEY + 6, cy + 4, item.label));
    if (direction === "column") cy += ROW;
    else cx += itemWidth(item) + GAP;
  }
  return el("g", { class: "legend", "font-size": FONT, fill: "#222222" }, parts);
}
