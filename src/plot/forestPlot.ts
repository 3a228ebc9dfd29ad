/**
 * Forest plot: one row per effect with its interval, a reference line and optional expected ranges.
 */

import { xAxis } from "./axes.js";
import { chart, DEFAULT_WIDTH, noData, TITLE_SPACE, type Box } from "./chart.js";
import { legend, legendWidth, type LegendItem } from "./legend.js";
import { linearScale, niceTicks } from "./scale.js";
import { el, fixed, num, text, textWidth, truncate } from "./svg.js";

/** One effect: estimate with interval, optional group heading, verdict and expected range. */
export interface ForestRow {
  label: string;
  estimate: number;
  lo: number;
  hi: number;
  /** Consecutive rows sharing a group are listed under a bold heading. */
  group?: string;
  /** Colours the row as passed (green, filled) or failed (vermillion, open). */
  passed?: boolean;
  /** Expected range for this row, shaded behind it (overrides the plot-wide `window`). */
  window?: readonly [number, number];
}

/** Options of {@link forestPlot}. */
export interface ForestPlotOptions {
  rows: readonly ForestRow[];
  title: string;
  xLabel: string;
  /** Vertical reference line (default 0). */
  reference?: number;
  /** Expected range shaded behind every row that has none of its own. */
  window?: readonly [number, number];
  width?: number;
  /** Default: grows with the number of rows. */
  height?: number;
}

const PASS = "#009E73";
const FAIL = "#D55E00";
const NEUTRAL = "#222222";
const WINDOW = "#56B4E9";
const FONT = 12;

const fin = (v: number | undefined): v is number => typeof v === "number" && Number.isFinite(v);

type Line = { heading: string } | { row: ForestRow; indent: boolean };

/**
 * Draws labels on the left, estimates as squares with interval whiskers, the value and interval
 * as text on the right, a dashed reference line, and shaded expected ranges.
 * Rows with a non-finite estimate show "n/a"; with no finite estimate at all it says "no data".
 */
export function forestPlot(o: ForestPlotOptions): string {
  const width = o.width ?? DEFAULT_WIDTH;
  const reference = o.reference ?? 0;
  const lines: Line[] = [];
  let group: string | undefined;
  for (const row of o.rows) {
    if (row.group !== undefined && row.group !== group) lines.push({ heading: row.group });
    group = row.group;
    lines.push({ row, indent: row.group !== undefined });
  }
  const windowOf = (r: ForestRow) => r.window ?? o.window;
  const values = o.rows.flatMap((r) =>
    fin(r.estimate) ? [r.estimate, r.lo, r.hi, ...(windowOf(r) ?? [])].filter(fin) : [],
  );
  const items: LegendItem[] = [];
  if (o.rows.some((r) => r.passed === true))
    items.push({ label: "passed", colour: PASS, mark: "square" });
  if (o.rows.some((r) => r.passed === false))
    items.push({ label: "failed", colour: FAIL, mark: "open" });
  if (o.rows.some((r) => fin(r.estimate) && windowOf(r)))
    items.push({ label: "expected range", colour: WINDOW, mark: "swatch" });
  items.push({
    label: `reference ${fixed(reference, Number.isInteger(reference) ? 0 : 2)}`,
    colour: "#555555",
    mark: "rule",
  });

  const top = (o.title ? TITLE_SPACE : 12) + 36;
  const rowH = o.height ? (o.height - top - 50) / Math.max(1, lines.length) : 24;
  const height = o.height ?? Math.max(200, top + 50 + rowH * lines.length);
  if (values.length === 0) return noData(width, height, o.title);
  const ticks = niceTicks(Math.min(...values, reference), Math.max(...values, reference), 6);
  if (ticks.length === 0) return noData(width, height, o.title);

  const labelW = Math.min(
    width * 0.35,
    Math.max(
      ...lines.map(
        (l) =>
          textWidth("heading" in l ? l.heading : l.row.label, FONT) + ("heading" in l ? 0 : 10),
      ),
    ),
  );
  const valueW = textWidth("−0.00 [−0.00, −0.00]", 11);
  const box: Box = {
    x: 16 + labelW + 12,
    y: top,
    width: width - labelW - valueW - 56,
    height: rowH * lines.length,
  };
  const sx = linearScale([ticks[0], ticks[ticks.length - 1]], [box.x + 8, box.x + box.width - 8]);
  const body = [xAxis(box, sx, ticks, true)];
  const marks: string[] = [];
  const labels: string[] = [];
  lines.forEach((l, i) => {
    const y = box.y + (i + 0.5) * rowH;
    if ("heading" in l) {
      labels.push(text(16, y + 4, truncate(l.heading, labelW, FONT), { "font-weight": "bold" }));
      return;
    }
    const r = l.row;
    labels.push(
      text(l.indent ? 26 : 16, y + 4, truncate(r.label, labelW - (l.indent ? 10 : 0), FONT)),
    );
    const ok = fin(r.estimate);
    const ci = ok && fin(r.lo) && fin(r.hi);
    labels.push(
      text(
        width - 16,
        y + 4,
        ok
          ? `${fixed(r.estimate, 2)}${ci ? ` [${fixed(r.lo, 2)}, ${fixed(r.hi, 2)}]` : ""}`
          : "n/a",
        {
          "text-anchor": "end",
          "font-size": 11,
        },
      ),
    );
    if (!ok) return;
    const w = windowOf(r);
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
    if (ci)
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
  });
  const refX = sx(reference);
  body.push(
    el("line", {
      x1: refX,
      y1: box.y,
      x2: refX,
      y2: box.y + box.height,
      stroke: "#555555",
      "stroke-dasharray": "5,3",
    }),
    el("g", { class: "rows" }, marks),
    el("g", { class: "labels", "font-size": FONT, fill: "#222222" }, labels),
    text(width - 16, box.y - 8, "estimate [CI]", {
      "text-anchor": "end",
      "font-size": 11,
      fill: "#555555",
    }),
    legend(
      items,
      Math.max(16, box.x + (box.width - legendWidth(items, "row")) / 2),
      top - 28,
      "row",
    ),
  );
  return chart({ width, height, title: o.title, xLabel: o.xLabel, box, body });
}
