/** Formatting values for CSV files (read by R, pandas and spreadsheets). */

/** Formats a number for CSV: shortest round-trip form, `NA` for NaN (read by R and pandas). */
export function csvNumber(v: number): string {
  if (Number.isNaN(v)) return "NA";
  if (!Number.isFinite(v)) return v > 0 ? "Inf" : "-Inf";
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(8)));
}

/** Quotes a CSV field when needed. */
export function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV table given row by row: nothing is joined into one string until it is written. */
export interface CsvTable {
  header: readonly string[];
  /** The rows, already formatted as fields (see {@link csvNumber}, {@link csvField}). */
  rows: Iterable<readonly (string | number)[]>;
}

/** The lines of a CSV table (each ending in `\n`), produced lazily. */
export function* csvLines(table: CsvTable): Generator<string> {
  yield table.header.join(",") + "\n";
  for (const row of table.rows) yield row.join(",") + "\n";
}
