/**
 * The forest plot (see {@link forestPlot}).
 */

export { forestPlot } from "./forestPlot.js";
export { METRIC_LABELS, type ForestPlotOptions, type ForestRow } from "./types.js";
