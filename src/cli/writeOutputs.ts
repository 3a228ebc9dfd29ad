/**
 * Writing a run's output files all-or-nothing: every file goes to a temporary name in the
 * target folder and is renamed into place only when all were written.
 */

import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** One output file: its name inside the folder and its content. */
export interface OutputFile {
  name: string;
  content: string | Uint8Array;
}

/** Writes all files into `dir` (created if needed); on any error none is left behind. */
export function writeOutputs(dir: string, files: OutputFile[]): string[] {
  mkdirSync(dir, { recursive: true });
  const tag = `.tmp-${process.pid}-${Date.now()}`;
  const written: string[] = [];
  try {
    for (const f of files) {
      const tmp = join(dir, f.name + tag);
      writeFileSync(tmp, f.content);
      written.push(tmp);
    }
  } catch (e) {
    for (const t of written) rmSync(t, { force: true });
    throw e;
  }
  return files.map((f, i) => {
    const final = join(dir, f.name);
    renameSync(written[i], final);
    return final;
  });
}

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
