/**
 * Power as a function of sample size, with Monte Carlo intervals and a target line.
 */

import { linePlot } from "./linePlot.js";
import { fixed } from "./svg.js";

/** Estimated power at sample size `n`, with an optional interval. */
export interface PowerPoint {
  n: number;
  power: number;
  lo?: number;
  hi?: number;
}

/** Options of {@link powerCurve}. */
export interface PowerCurveOptions {
  series: readonly { label: string; points: readonly PowerPoint[] }[];
  title: string;
  /** Power to reach, drawn as a dashed horizontal line (e.g. 0.8). */
  target?: number;
  /** Default "Participants per arm (n)" (the `n` of `simulatePower`). */
  xLabel?: string;
  /** Default "Power". */
  yLabel?: string;
  width?: number;
  height?: number;
}

/** Power curves (y axis 0–1) with shaded intervals, one line per design or effect. */
export function powerCurve(o: PowerCurveOptions): string {
  return linePlot({
    series: o.series.map((s) => ({
      label: s.label,
      points: s.points.map((p) => ({ x: p.n, y: p.power, lo: p.lo, hi: p.hi })),
    })),
    title: o.title,
    xLabel: o.xLabel ?? "Participants per arm (n)",
    yLabel: o.yLabel ?? "Power",
    width: o.width,
    height: o.height,
    intervals: "band",
    yDomain: [0, 1],
    references:
      o.target === undefined ? [] : [{ y: o.target, label: `target ${fixed(o.target, 2)}` }],
  });
}
