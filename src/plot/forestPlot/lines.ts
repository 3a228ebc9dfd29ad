/**
 * The lines of a forest plot: rows grouped into panels by metric, each with group headings.
 */

import type { ForestRow } from "./types.js";

/** A heading line, or a row (indented under a heading). */
export type Line = { heading: string } | { row: ForestRow; indent: boolean };

/** Rows of one metric (all rows when none has a metric), in first-seen order. */
export interface PanelRows {
  metric?: string;
  rows: ForestRow[];
}

/** Groups rows by metric in order of first appearance; rows without a metric form one panel. */
export function panelsOf(rows: readonly ForestRow[]): PanelRows[] {
  const byMetric = new Map<string | undefined, ForestRow[]>();
  for (const r of rows) {
    const m = r.metric === undefined || r.metric === "" ? undefined : r.metric;
    if (!byMetric.has(m)) byMetric.set(m, []);
    byMetric.get(m)!.push(r);
  }
  if (byMetric.size === 0) return [{ rows: [] }];
  return [...byMetric].map(([metric, rs]) =>
    metric === undefined ? { rows: rs } : { metric, rows: rs },
  );
}

/** The lines of a panel: a bold heading before each run of rows sharing a group. */
export function forestLines(rows: readonly ForestRow[]): Line[] {
  const lines: Line[] = [];
  let group: string | undefined;
  for (const row of rows) {
    if (row.group !== undefined && row.group !== group) lines.push({ heading: row.group });
    group = row.group;
    lines.push({ row, indent: row.group !== undefined });
  }
  return lines;
}
