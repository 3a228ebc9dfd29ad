/**
 * One line of a forest plot: its label, its value as text, and its marks (expected range,
 * interval whisker, estimate square).
 */

import { el, fixed, num, text, truncate } from "../svg.js";
import type { Line } from "./lines.js";
import { FAIL, fin, FONT, NEUTRAL, PASS, WINDOW } from "./style.js";
import type { ForestRow } from "./types.js";

/** Where a line is drawn and how. */
export interface LineFrame {
  /** Vertical centre of the line. */
  y: number;
  rowH: number;
  /** Width of the label column. */
  labelW: number;
  /** Total plot width (values are right-aligned at `width - 16`). */
  width: number;
  sx: (v: number) => number;
  windowOf: (r: ForestRow) => readonly [number, number] | undefined;
}

/**
 * The value as text: "0.40 [0.10, 0.70]", the estimate alone without a CI, or "n/a". Two
 * decimals, more when every number is below 0.1 (so 0.021 [0.004, 0.038] keeps two digits).
 */
export function valueText(r: ForestRow): string {
  const ok = fin(r.estimate);
  const ci = ok && fin(r.lo) && fin(r.hi);
  if (!ok) return "n/a";
  const largest = Math.max(...[r.estimate, ...(ci ? [r.lo, r.hi] : [])].map(Math.abs));
  const d = largest > 0 ? Math.min(6, Math.max(2, 1 - Math.floor(Math.log10(largest)))) : 2;
  return `${fixed(r.estimate, d)}${ci ? ` [${fixed(r.lo, d)}, ${fixed(r.hi, d)}]` : ""}`;
}

/** The marks of a finite row: shaded expected range, whisker, and the estimate's square. */
function estimateMarks(r: ForestRow, f: LineFrame): string[] {
  const { y, rowH, sx } = f;
  const marks: string[] = [];
  const w = f.windowOf(r);
  if (w && fin(w[0]) && fin(w[1])) {
    const [a, b] = [sx(Math.min(w[0], w[1])), sx(Math.max(w[0], w[1]))];
    marks.push(
      el("rect", {
        x: a,
        y: y - rowH * 0.38,
        width: b - a,
        height: rowH * 0.76,
        fill: WINDOW,
        "fill-opacity": 0.3,
      }),
    );
  }
  const colour = r.passed === true ? PASS : r.passed === false ? FAIL : NEUTRAL;
  if (fin(r.lo) && fin(r.hi))
    marks.push(
      el("path", {
        d: `M${num(sx(r.lo))},${num(y)}H${num(sx(r.hi))}`,
        stroke: colour,
        "stroke-width": 1.6,
      }),
    );
  const x = sx(r.estimate);
  const fill = r.passed === false ? "#ffffff" : colour;
  marks.push(
    el("rect", {
      x: x - 4.5,
      y: y - 4.5,
      width: 9,
      height: 9,
      fill,
      stroke: colour,
      "stroke-width": 1.5,
    }),
  );
  return marks;
}

/** Draws one line into `labels` (text) and `marks` (shapes). */
export function drawLine(l: Line, f: LineFrame, labels: string[], marks: string[]): void {
  const { y, labelW } = f;
  if ("heading" in l) {
    labels.push(text(16, y + 4, truncate(l.heading, labelW, FONT), { "font-weight": "bold" }));
    return;
  }
  const r = l.row;
  labels.push(
    text(l.indent ? 26 : 16, y + 4, truncate(r.label, labelW - (l.indent ? 10 : 0), FONT)),
    text(f.width - 16, y + 4, valueText(r), { "text-anchor": "end", "font-size": 11 }),
  );
  if (fin(r.estimate)) marks.push(...estimateMarks(r, f));
}
