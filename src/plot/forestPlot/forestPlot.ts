/**
 * Forest plot: one row per effect with its interval, a reference line and optional expected
 * ranges; rows of different metrics go in separate panels, each with its own axis.
 */

import { chart, DEFAULT_WIDTH, noData, TITLE_SPACE, titleText, withUnit } from "../chart.js";
import { legend, legendWidth } from "../legend.js";
import { svgDocument, text, textWidth } from "../svg.js";
import { forestLegend } from "./forestLegend.js";
import { forestLines, panelsOf } from "./lines.js";
import {
  AXIS_SPACE,
  panelFrame,
  panelParts,
  panelTicks,
  panelValues,
  type PanelContext,
  type PanelSpec,
} from "./panel.js";
import { valueText } from "./rowMarks.js";
import { FONT } from "./style.js";
import { METRIC_LABELS, type ForestPlotOptions, type ForestRow } from "./types.js";

/** Vertical gap between panels. */
const PANEL_GAP = 14;

/**
 * Axis label of a panel: the metric's label (see `metricLabels`), or `xLabel` without a
 * metric, with the unit (`metricUnits`, else the first row's `unit`; `xUnit`) in parentheses.
 */
function axisLabel(
  o: ForestPlotOptions,
  metric: string | undefined,
  rows: readonly ForestRow[],
): string {
  if (metric === undefined) return withUnit(o.xLabel, o.xUnit);
  const unit = o.metricUnits?.[metric] ?? rows.find((r) => r.unit)?.unit;
  return withUnit(o.metricLabels?.[metric] ?? METRIC_LABELS[metric] ?? metric, unit);
}

/** Widest label of any line (headings flush left, rows indented), capped at 35% of the width. */
function labelWidth(panels: readonly PanelSpec[], width: number): number {
  const lines = panels.flatMap((p) => p.lines);
  return Math.min(
    width * 0.35,
    Math.max(
      ...lines.map(
        (l) =>
          textWidth("heading" in l ? l.heading : l.row.label, FONT) + ("heading" in l ? 0 : 10),
      ),
    ),
  );
}

/**
 * Draws labels on the left, estimates as squares with interval whiskers, the value and interval
 * as text on the right, a dashed reference line, and shaded expected ranges. Rows carrying a
 * `metric` are grouped into one panel per metric (in order of first appearance), each with its
 * own axis labelled by the metric.
 * Rows with a non-finite estimate show "n/a"; with no finite estimate at all it says "no data".
 */
export function forestPlot(o: ForestPlotOptions): string {
  const width = o.width ?? DEFAULT_WIDTH;
  const reference = o.reference ?? 0;
  const windowOf = (r: ForestRow) => r.window ?? o.window;
  const groups = panelsOf(o.rows).map((p) => ({ ...p, lines: forestLines(p.rows) }));
  const k = groups.length;
  const totalLines = groups.reduce((a, g) => a + g.lines.length, 0);
  const top = (o.title ? TITLE_SPACE : 12) + 36;
  const fixedH = top + AXIS_SPACE * k + PANEL_GAP * (k - 1);
  const rowH = o.height ? (o.height - fixedH) / Math.max(1, totalLines) : 24;
  const height = o.height ?? Math.max(200, fixedH + rowH * totalLines);
  if (panelValues(o.rows, windowOf).length === 0) return noData(width, height, o.title);

  const valueW = Math.max(
    textWidth("−0.00 [−0.00, −0.00]", 11),
    ...o.rows.map((r) => textWidth(valueText(r), 11)),
  );
  const panels: PanelSpec[] = groups.map((g) => ({
    lines: g.lines,
    rows: g.rows,
    label: axisLabel(o, g.metric, g.rows),
    box: { x: 0, y: 0, width: 0, height: 0 },
  }));
  const labelW = labelWidth(panels, width);
  let y = top;
  for (const p of panels) {
    p.box = {
      x: 16 + labelW + 12,
      y,
      width: width - labelW - valueW - 56,
      height: rowH * p.lines.length,
    };
    y += p.box.height + AXIS_SPACE + PANEL_GAP;
  }
  const c: PanelContext = { width, rowH, labelW, reference, windowOf };
  const ticks = panels.map((p) => panelTicks(p, c));
  if (ticks.some((t) => t.length === 0)) return noData(width, height, o.title);

  const items = forestLegend(o.rows, windowOf, reference, o.neutralLabel);
  const lw = legendWidth(items, "row");
  const first = panels[0].box;
  const head = [
    text(width - 16, first.y - 8, "estimate [CI]", {
      "text-anchor": "end",
      "font-size": 11,
      fill: "#555555",
    }),
    // Centred over the plot area, but kept inside the image.
    legend(
      items,
      Math.max(16, Math.min(width - 16 - lw, first.x + (first.width - lw) / 2)),
      top - 28,
      "row",
    ),
  ];
  if (k === 1) {
    const body = [...panelParts(panels[0], ticks[0], c), ...head];
    return chart({ width, height, title: o.title, xLabel: panels[0].label, box: first, body });
  }
  const body = panels.flatMap((p, i) => [...panelParts(p, ticks[i], c), ...panelFrame(p)]);
  return svgDocument(
    width,
    height,
    o.title,
    [titleText(width, o.title), ...body, ...head].filter(Boolean),
  );
}
