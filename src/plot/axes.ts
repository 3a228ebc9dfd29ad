/**
 * Numeric axes: tick marks, tick labels and light gridlines along a plot box.
 */

import type { Box } from "./chart.js";
import { formatTick } from "./scale.js";
import { el, text } from "./svg.js";

const GRID = "#e6e6e6";
const INK = "#333333";
const FONT = 11;

/** Spacing between consecutive ticks (1 when there are fewer than two). */
function stepOf(ticks: readonly number[]): number {
  return ticks.length > 1 ? ticks[1] - ticks[0] : 1;
}

/** Ticks and labels below `box`, with optional vertical gridlines. */
export function xAxis(
  box: Box,
  scale: (v: number) => number,
  ticks: readonly number[],
  grid = false,
): string {
  const bottom = box.y + box.height;
  const parts: string[] = [];
  for (const t of ticks) {
    const x = scale(t);
    if (grid) parts.push(el("line", { x1: x, y1: box.y, x2: x, y2: bottom, stroke: GRID }));
    parts.push(
      el("line", { x1: x, y1: bottom, x2: x, y2: bottom + 5, stroke: INK }),
      text(x, bottom + 18, formatTick(t, stepOf(ticks)), { "text-anchor": "middle" }),
    );
  }
  return el("g", { class: "x-axis", "font-size": FONT, fill: INK }, parts);
}

/** Ticks and labels left of `box`, with optional horizontal gridlines. */
export function yAxis(
  box: Box,
  scale: (v: number) => number,
  ticks: readonly number[],
  grid = true,
): string {
  const parts: string[] = [];
  for (const t of ticks) {
    const y = scale(t);
    if (grid)
      parts.push(el("line", { x1: box.x, y1: y, x2: box.x + box.width, y2: y, stroke: GRID }));
    parts.push(
      el("line", { x1: box.x - 5, y1: y, x2: box.x, y2: y, stroke: INK }),
      text(box.x - 8, y + 4, formatTick(t, stepOf(ticks)), { "text-anchor": "end" }),
    );
  }
  return el("g", { class: "y-axis", "font-size": FONT, fill: INK }, parts);
}

/** Width taken by the widest y tick label. */
export function yTickWidth(ticks: readonly number[]): number {
  return Math.max(0, ...ticks.map((t) => formatTick(t, stepOf(ticks)).length * FONT * 0.6));
}
