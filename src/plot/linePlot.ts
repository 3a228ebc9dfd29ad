/**
 * Line plot of one or more series with markers and optional interval bands or error bars.
 */

import { xAxis, yAxis, yTickWidth } from "./axes.js";
import {
  chart,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  noData,
  TITLE_SPACE,
  withUnit,
  type Box,
} from "./chart.js";
import { legend, legendWidth, type LegendItem } from "./legend.js";
import { marker } from "./marker.js";
import { seriesColour } from "./palette.js";
import { linearScale, niceTicks } from "./scale.js";
import { el, fixed, num, text } from "./svg.js";

/** One observation; `lo`/`hi` are an optional interval around `y`. */
export interface LinePoint {
  x: number;
  y: number;
  lo?: number;
  hi?: number;
}

/** A named series (e.g. one trial arm). */
export interface LineSeries {
  label: string;
  points: readonly LinePoint[];
}

/** A horizontal reference line, e.g. a power target. */
export interface ReferenceLine {
  y: number;
  label?: string;
}

/** Options of {@link linePlot}. */
export interface LinePlotOptions {
  series: readonly LineSeries[];
  title: string;
  xLabel: string;
  yLabel: string;
  /** Unit of x, appended to the label in parentheses (e.g. "weeks"). Default: none. */
  xUnit?: string;
  /** Unit of y, appended to the label in parentheses (e.g. "proportion correct"). Default: none. */
  yUnit?: string;
  width?: number;
  height?: number;
  /** How `lo`/`hi` are drawn: error bars (default) or a shaded band. */
  intervals?: "bars" | "band";
  /** Range the y axis must include (it is then widened to nice ticks). */
  yDomain?: readonly [number, number];
  /** Dashed horizontal lines, labelled at the right end, over the series. */
  references?: readonly ReferenceLine[];
}

const fin = (v: number | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/** Splits points into runs of finite `y`, so missing values leave gaps. */
function runs(points: readonly LinePoint[]): LinePoint[][] {
  const out: LinePoint[][] = [[]];
  for (const p of points) {
    if (fin(p.y)) out[out.length - 1].push(p);
    else if (out[out.length - 1].length > 0) out.push([]);
  }
  return out.filter((r) => r.length > 0);
}

/**
 * Draws series as lines with markers (shape and Okabe–Ito colour per series), their intervals,
 * and a legend to the right. Non-finite values are skipped; with nothing finite it says "no data".
 */
export function linePlot(o: LinePlotOptions): string {
  const width = o.width ?? DEFAULT_WIDTH;
  const height = o.height ?? DEFAULT_HEIGHT;
  const series = o.series.map((s) => ({
    label: s.label,
    points: s.points.filter((p) => fin(p.x)).sort((a, b) => a.x - b.x),
  }));
  const refs = (o.references ?? []).filter((r) => fin(r.y));
  const xs = series.flatMap((s) => s.points.filter((p) => fin(p.y)).map((p) => p.x));
  const ys = [
    ...series.flatMap((s) =>
      s.points.flatMap((p) => (fin(p.y) ? [p.y, p.lo, p.hi].filter(fin) : [])),
    ),
    ...refs.map((r) => r.y),
    ...(o.yDomain ?? []).filter(fin),
  ];
  if (xs.length === 0) return noData(width, height, o.title);

  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  let xTicks = niceTicks(x0, x1, 6);
  // Waves and days are whole numbers: no ticks between them.
  if (xs.every(Number.isInteger) && xTicks[1] - xTicks[0] < 1) {
    xTicks = x0 === x1 ? niceTicks(x0 - 1, x1 + 1, 2) : niceTicks(x0, x1, x1 - x0);
  }
  const yTicks = niceTicks(Math.min(...ys), Math.max(...ys), 5);
  if (xTicks.length === 0 || yTicks.length === 0) return noData(width, height, o.title);
  const items: LegendItem[] = series
    .map((s, i) => ({ label: s.label, colour: seriesColour(i), mark: "line" as const, shape: i }))
    .filter((it) => it.label);
  const left = 36 + yTickWidth(yTicks);
  const right = 16 + (items.length ? legendWidth(items, "column") + 16 : 0);
  const top = o.title ? TITLE_SPACE + 8 : 16;
  const box: Box = { x: left, y: top, width: width - left - right, height: height - top - 50 };
  const bars = o.intervals !== "band";
  const pad = 10 + (bars ? (series.length - 1) * 2.5 : 0);
  const sxShared = linearScale(
    [xTicks[0], xTicks[xTicks.length - 1]],
    [box.x + pad, box.x + box.width - pad],
  );
  const sy = linearScale([yTicks[0], yTicks[yTicks.length - 1]], [box.y + box.height, box.y]);

  const body = [xAxis(box, sxShared, xTicks, false), yAxis(box, sy, yTicks, true)];
  const refLabels: string[] = [];
  for (const r of refs) {
    const y = sy(r.y);
    body.push(
      el("line", {
        x1: box.x,
        y1: y,
        x2: box.x + box.width,
        y2: y,
        stroke: "#555555",
        "stroke-dasharray": "5,3",
      }),
    );
    // Labelled at the right end, over the series, with a white halo so that marks do not hide it.
    refLabels.push(
      text(box.x + box.width - 6, y - 5, r.label ?? fixed(r.y, 2), {
        "font-size": 11,
        fill: "#555555",
        "text-anchor": "end",
        stroke: "#ffffff",
        "stroke-width": 3,
        "stroke-linejoin": "round",
        "paint-order": "stroke",
      }),
    );
  }
  series.forEach((s, i) => {
    const c = seriesColour(i);
    // Error bars of different series at the same x are dodged apart by a few pixels.
    const dodge = bars ? (i - (series.length - 1) / 2) * 5 : 0;
    const sx = (v: number) => sxShared(v) + dodge;
    const withCi = s.points.filter((p) => fin(p.y) && fin(p.lo) && fin(p.hi));
    const marks: string[] = [];
    if (!bars) {
      // Bands break where the series does (a missing value leaves a gap in both).
      for (const all of runs(s.points)) {
        const run = all.filter((p) => fin(p.lo) && fin(p.hi));
        if (run.length === 0) continue;
        const upper = run.map((p) => `${num(sx(p.x))},${num(sy(p.hi!))}`);
        const lower = run.map((p) => `${num(sx(p.x))},${num(sy(p.lo!))}`).reverse();
        marks.push(
          el("polygon", { points: [...upper, ...lower].join(" "), fill: c, "fill-opacity": 0.18 }),
        );
      }
    } else {
      for (const p of withCi) {
        const x = sx(p.x);
        const d = `M${num(x)},${num(sy(p.lo!))}V${num(sy(p.hi!))}M${num(x - 4)},${num(sy(p.lo!))}h8M${num(x - 4)},${num(sy(p.hi!))}h8`;
        marks.push(el("path", { d, stroke: c, "stroke-width": 1.3, fill: "none" }));
      }
    }
    for (const run of runs(s.points)) {
      const pts = run.map((p) => `${num(sx(p.x))},${num(sy(p.y))}`).join(" ");
      marks.push(
        el("polyline", {
          points: pts,
          fill: "none",
          stroke: c,
          "stroke-width": 2,
          "stroke-linejoin": "round",
        }),
      );
    }
    for (const p of s.points) if (fin(p.y)) marks.push(marker(i, sx(p.x), sy(p.y), c));
    body.push(el("g", { class: "series" }, marks));
  });
  body.push(...refLabels, legend(items, box.x + box.width + 16, box.y + 8));
  const xLabel = withUnit(o.xLabel, o.xUnit);
  const yLabel = withUnit(o.yLabel, o.yUnit);
  return chart({ width, height, title: o.title, xLabel, yLabel, box, body });
}
