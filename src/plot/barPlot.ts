/**
 * Bar chart of labelled values with optional intervals (e.g. ranked sensitivity indices).
 */

import { yAxis, yTickWidth } from "./axes.js";
import {
  chart,
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  noData,
  TITLE_SPACE,
  withUnit,
  type Box,
} from "./chart.js";
import { OKABE_ITO } from "./palette.js";
import { linearScale, niceTicks } from "./scale.js";
import { el, num, text, textWidth, truncate } from "./svg.js";

/** One bar; `lo`/`hi` draw an error bar. */
export interface Bar {
  label: string;
  value: number;
  lo?: number;
  hi?: number;
}

/** Options of {@link barPlot}. */
export interface BarPlotOptions {
  /** Drawn left to right in the given order (rank them first if you want them ranked). */
  bars: readonly Bar[];
  title: string;
  yLabel: string;
  /** Unit of the values, appended to the y label in parentheses. Default: none. */
  yUnit?: string;
  xLabel?: string;
  width?: number;
  height?: number;
}

const FONT = 11;
const fin = (v: number | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Vertical bars from zero with error bars; category labels are slanted when they do not fit
 * under their bars. Non-finite values leave an empty slot; with none finite it says "no data".
 */
export function barPlot(o: BarPlotOptions): string {
  const width = o.width ?? DEFAULT_WIDTH;
  const height = o.height ?? DEFAULT_HEIGHT;
  const values = o.bars.flatMap((b) => (fin(b.value) ? [b.value, b.lo, b.hi].filter(fin) : []));
  if (values.length === 0) return noData(width, height, o.title);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 5);
  if (ticks.length === 0) return noData(width, height, o.title);

  const left = 36 + yTickWidth(ticks);
  const slot = (width - left - 16) / o.bars.length;
  const widest = Math.max(...o.bars.map((b) => textWidth(b.label, FONT)));
  const slant = widest > slot - 4;
  const maxLabel = Math.min(widest, height * 0.4);
  const labelH = slant ? maxLabel * 0.57 + 14 : 18;
  const top = o.title ? TITLE_SPACE + 8 : 16;
  const bottom = 12 + labelH + (o.xLabel ? 22 : 0);
  const box: Box = { x: left, y: top, width: width - left - 16, height: height - top - bottom };
  const sy = linearScale([ticks[0], ticks[ticks.length - 1]], [box.y + box.height, box.y]);
  const zero = sy(0);
  const barW = Math.min(slot * 0.7, 60);
  const colour = OKABE_ITO[0];
  const bars: string[] = [];
  const labels: string[] = [];
  o.bars.forEach((b, i) => {
    const cx = box.x + slot * (i + 0.5);
    const ly = box.y + box.height + 16;
    // A slanted label runs down-left from its bar: it must not leave the image on the left.
    const room = (cx + 3 - 4) / Math.cos((35 * Math.PI) / 180);
    const label = slant ? truncate(b.label, Math.min(maxLabel, room), FONT) : b.label;
    labels.push(
      slant
        ? text(cx + 3, ly, label, {
            "text-anchor": "end",
            transform: `rotate(-35 ${num(cx + 3)} ${num(ly)})`,
          })
        : text(cx, ly, label, { "text-anchor": "middle" }),
    );
    if (!fin(b.value)) return;
    const y = sy(b.value);
    bars.push(
      el("rect", {
        x: cx - barW / 2,
        y: Math.min(y, zero),
        width: barW,
        height: Math.abs(y - zero),
        fill: colour,
      }),
    );
    if (fin(b.lo) && fin(b.hi)) {
      const [l, h] = [sy(b.lo), sy(b.hi)];
      const d = `M${num(cx)},${num(l)}V${num(h)}M${num(cx - 5)},${num(l)}h10M${num(cx - 5)},${num(h)}h10`;
      bars.push(el("path", { d, stroke: "#222222", "stroke-width": 1.3, fill: "none" }));
    }
  });
  const body = [
    yAxis(box, sy, ticks, true),
    el("g", { class: "bars" }, bars),
    el("line", { x1: box.x, y1: zero, x2: box.x + box.width, y2: zero, stroke: "#333333" }),
    el("g", { class: "labels", "font-size": FONT, fill: "#222222" }, labels),
  ];
  const yLabel = withUnit(o.yLabel, o.yUnit);
  return chart({ width, height, title: o.title, xLabel: o.xLabel, yLabel, box, body });
}
