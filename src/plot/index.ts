/**
 * Dependency-free SVG plots: deterministic, escaped, Okabe–Ito colours, no external fonts.
 */

export { linearScale, niceTicks, formatTick } from "./scale.js";
export { escapeXml, el, text, num, fixed, svgDocument, FONT_FAMILY, type Attrs } from "./svg.js";
export { OKABE_ITO, SERIES_COLOURS, seriesColour } from "./palette.js";
export { legend, type LegendItem } from "./legend.js";
export {
  linePlot,
  type LinePlotOptions,
  type LinePoint,
  type LineSeries,
  type ReferenceLine,
} from "./linePlot.js";
export { forestPlot, METRIC_LABELS, type ForestPlotOptions, type ForestRow } from "./forestPlot.js";
export {
  scorecardPlot,
  type ScorecardPlotOptions,
  type ScorecardPlotFinding,
} from "./scorecardPlot.js";
export { powerCurve, type PowerCurveOptions, type PowerPoint } from "./powerCurve.js";
export { barPlot, type BarPlotOptions, type Bar } from "./barPlot.js";
export { modelDiagram } from "./modelDiagram.js";
