/**
 * Inputs of the forest plot.
 */

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
  /**
   * What the estimate measures (e.g. "g", "r", "raw difference (RMET items)"). When rows carry
   * metrics, each metric gets its own panel and axis, labelled by the metric; rows without one
   * share a panel labelled by `xLabel`. Default: none (one panel).
   */
  metric?: string;
  /** Unit of the estimate (e.g. "RMET items"), shown after its panel's axis label unless `metricUnits` names one. */
  unit?: string;
}

/** Options of {@link forestPlot}. */
export interface ForestPlotOptions {
  rows: readonly ForestRow[];
  title: string;
  /** Label of the x axis, used for rows without a metric. */
  xLabel: string;
  /** Unit appended to `xLabel` in parentheses. Default: none. */
  xUnit?: string;
  /** Vertical reference line (default 0). */
  reference?: number;
  /** Expected range shaded behind every row that has none of its own. */
  window?: readonly [number, number];
  /**
   * Axis labels (with units) of metrics, e.g. `{ raw: "raw difference (RMET items)" }`.
   * Default: {@link METRIC_LABELS}, then the metric as given.
   */
  metricLabels?: Readonly<Record<string, string>>;
  /** Units of metrics, appended to their axis labels in parentheses (e.g. `{ raw: "RMET items" }`). Default: the rows' `unit`. */
  metricUnits?: Readonly<Record<string, string>>;
  /** Legend entry for rows without a verdict (`passed` undefined), shown if given and such rows occur. Default: none. */
  neutralLabel?: string;
  width?: number;
  /** Default: grows with the number of rows. */
  height?: number;
}

/** Axis labels of common metric codes (used when `metricLabels` does not name the metric). */
export const METRIC_LABELS: Readonly<Record<string, string>> = {
  g: "Hedges' g",
  d: "Cohen's d",
  r: "correlation r",
  rho: "Spearman's \u03c1",
  or: "odds ratio",
  beta: "coefficient \u03b2",
  coefficient: "coefficient",
  raw: "raw difference",
  // the metric codes of analysis results (AnalysisMetric in src/study/analyses/types.ts)
  hedges_g: "Hedges' g",
  spearman_rho: "Spearman's \u03c1",
  raw_difference: "raw difference",
  log_odds_ratio: "log odds ratio",
  indirect_effect: "indirect effect",
  standardized_coefficient: "standardised coefficient \u03b2",
  mean: "mean",
};
