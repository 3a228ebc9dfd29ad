/**
 * The findings scorecard as a forest plot: one row per finding, one panel per metric.
 */

import { forestPlot } from "./forestPlot.js";

/**
 * What the plot needs of one checked finding. A `FindingResult` of `src/study/scorecard.ts`
 * fits as it is; `metric` (e.g. "g", "r", "raw difference (RMET items)") and `window` are
 * read when present.
 */
export interface ScorecardPlotFinding {
  id: string;
  claim: string;
  estimate: number;
  ci: readonly [number, number];
  passed: boolean;
  /** Why the model is not expected to reproduce the finding (such rows are drawn without a verdict colour when they fail). */
  expectedFailure?: string;
  /** What the estimate measures; findings are grouped into one panel per metric. Default: one panel. */
  metric?: string;
  /** Unit of the estimate (e.g. "RMET items"), shown on its panel's axis. */
  unit?: string;
  /** Expected range, shaded behind the row. */
  window?: readonly [number, number];
}

/** Options of {@link scorecardPlot}: a scorecard's findings and counts, plus display options. */
export interface ScorecardPlotOptions {
  findings: readonly ScorecardPlotFinding[];
  passed: number;
  total: number;
  /** Default: "Findings scorecard: PASSED/TOTAL reproduced". */
  title?: string;
  /** Axis labels (with units) of metrics; see `ForestPlotOptions.metricLabels`. */
  metricLabels?: Readonly<Record<string, string>>;
  /** Units of metrics, shown on their axes; see `ForestPlotOptions.metricUnits`. */
  metricUnits?: Readonly<Record<string, string>>;
  /** Characters of the claim shown after the id (default 40). */
  claimChars?: number;
  /** Default 900 (wider than other plots, for the claims). */
  width?: number;
}

/**
 * Draws the findings with a finite estimate: passed green, failed vermillion, expected failures
 * that fail in black, with "(expected failure)" after the id. Findings that carry a metric are
 * grouped into one panel per metric, each with its own axis.
 */
export function scorecardPlot(card: ScorecardPlotOptions): string {
  const chars = card.claimChars ?? 40;
  return forestPlot({
    title: card.title ?? `Findings scorecard: ${card.passed}/${card.total} reproduced`,
    xLabel: "estimate (95% CI)",
    reference: 0,
    metricLabels: card.metricLabels,
    metricUnits: card.metricUnits,
    neutralLabel: "expected failure, not reproduced",
    width: card.width ?? 900,
    rows: card.findings
      .filter((f) => Number.isFinite(f.estimate))
      .map((f) => ({
        label: `${f.id}${f.expectedFailure ? " (expected failure)" : ""} ${f.claim.slice(0, chars)}`,
        estimate: f.estimate,
        lo: f.ci[0],
        hi: f.ci[1],
        passed: f.expectedFailure && !f.passed ? undefined : f.passed,
        ...(f.metric === undefined ? {} : { metric: f.metric }),
        ...(f.unit === undefined ? {} : { unit: f.unit }),
        ...(f.window === undefined ? {} : { window: f.window }),
      })),
  });
}
