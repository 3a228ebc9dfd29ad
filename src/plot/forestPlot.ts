/**
 * The forest plot; its steps live in `./forestPlot/` (panels and lines, row marks, legend,
 * assembly).
 */

export {
  forestPlot,
  METRIC_LABELS,
  type ForestPlotOptions,
  type ForestRow,
} from "./forestPlot/index.js";
