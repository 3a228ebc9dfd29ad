/**
 * The legend of a forest plot: the verdicts and shadings that occur, and the reference line.
 */

import type { LegendItem } from "../legend.js";
import { fixed } from "../svg.js";
import { FAIL, fin, NEUTRAL, PASS, REFERENCE, WINDOW } from "./style.js";
import type { ForestRow } from "./types.js";

/** Legend entries for `rows`; `windowOf` gives a row's expected range; `neutralLabel` names rows without a verdict. */
export function forestLegend(
  rows: readonly ForestRow[],
  windowOf: (r: ForestRow) => readonly [number, number] | undefined,
  reference: number,
  neutralLabel?: string,
): LegendItem[] {
  const items: LegendItem[] = [];
  if (rows.some((r) => r.passed === true))
    items.push({ label: "passed", colour: PASS, mark: "square" });
  if (rows.some((r) => r.passed === false))
    items.push({ label: "failed", colour: FAIL, mark: "open" });
  if (neutralLabel && rows.some((r) => r.passed === undefined && fin(r.estimate)))
    items.push({ label: neutralLabel, colour: NEUTRAL, mark: "square" });
  if (rows.some((r) => fin(r.estimate) && windowOf(r)))
    items.push({ label: "expected range", colour: WINDOW, mark: "swatch" });
  items.push({
    label: `reference ${fixed(reference, Number.isInteger(reference) ? 0 : 2)}`,
    colour: REFERENCE,
    mark: "rule",
  });
  return items;
}
