/** Means of each measure by arm and wave (the `means.csv` of a trial and its plots). */

import type { TrialData } from "./trialData.js";

/** Mean and 95% CI of one measure in one arm at one wave (and time, for time courses). */
export interface MeasureMean {
  measure: string;
  time: number | null;
  arm: string;
  wave: string;
  day: number;
  n: number;
  mean: number;
  lo: number;
  hi: number;
}

/** Mean and 95% CI (normal approximation, 1.96 SE) of each measure by arm and wave. */
export function measureMeans(data: TrialData): MeasureMean[] {
  const groups = new Map<string, number[]>();
  const key = (r: TrialData["rows"][number]): string =>
    JSON.stringify([r.measure, r.time, r.arm, r.wave, r.day]);
  for (const r of data.rows) {
    if (!Number.isFinite(r.value)) continue;
    const k = key(r);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r.value);
  }
  return [...groups].map(([k, v]) => {
    const [measure, time, arm, wave, day] = JSON.parse(k) as [
      string,
      number | null,
      string,
      string,
      number,
    ];
    const n = v.length;
    const mean = v.reduce((a, b) => a + b, 0) / n;
    const sd = n > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
    const half = n > 1 ? (1.96 * sd) / Math.sqrt(n) : 0;
    return { measure, time, arm, wave, day, n, mean, lo: mean - half, hi: mean + half };
  });
}
