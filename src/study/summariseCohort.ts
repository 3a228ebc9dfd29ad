/** Summaries of a cohort run by arm: change from the first to the last recorded day. */

import type { CohortResult } from "../sim/simulateCohort.js";

/** Mean at the first and last recorded day, mean and SD of the change, and n, of one variable. */
export interface ChangeSummary {
  pre: number;
  post: number;
  change: number;
  sdChange: number;
  n: number;
}

/** Variables shown in the printed summary of `kindsim simulate`. */
export const SUMMARY_VARIABLES = [
  "depression",
  "isolation",
  "inflammation",
  "vagal",
  "connectedness",
  "warmth",
  "selfOther",
  "mentalizing",
  "mirroring",
  "reappraisal",
];

/**
 * Per-arm summary (arm id → variable → {@link ChangeSummary}) of `variables` at the first and
 * last recorded day; variables the run did not record are skipped.
 */
export function summariseCohort(
  r: CohortResult,
  armIds: string[],
  variables: string[],
): Record<string, Record<string, ChangeSummary>> {
  const out: Record<string, Record<string, ChangeSummary>> = {};
  armIds.forEach((armId, a) => {
    out[armId] = {};
    for (const v of variables) {
      const vi = r.variables.indexOf(v);
      if (vi >= 0) out[armId][v] = changeOf(r, a, vi);
    }
  });
  return out;
}

function changeOf(r: CohortResult, arm: number, vi: number): ChangeSummary {
  const NV = r.variables.length;
  const last = r.days.length - 1;
  let n = 0;
  let sPre = 0;
  let sPost = 0;
  let sD = 0;
  let sD2 = 0;
  for (let p = 0; p < r.ids.length; p++) {
    if (r.arm[p] !== arm) continue;
    const pre = r.daily[p * r.days.length * NV + vi];
    const post = r.daily[(p * r.days.length + last) * NV + vi];
    n++;
    sPre += pre;
    sPost += post;
    sD += post - pre;
    sD2 += (post - pre) ** 2;
  }
  const mean = sD / n;
  return {
    pre: sPre / n,
    post: sPost / n,
    change: mean,
    sdChange: Math.sqrt(Math.max(0, sD2 / n - mean * mean) * (n / Math.max(1, n - 1))),
    n,
  };
}

/** Mean practice (hours per participant) in each arm, by arm index. */
export function meanPracticeHours(r: CohortResult, arms: number): number[] {
  return Array.from({ length: arms }, (_, ai) => {
    let s = 0;
    let n = 0;
    for (let p = 0; p < r.ids.length; p++) {
      if (r.arm[p] !== ai) continue;
      s += r.minutes[p];
      n++;
    }
    return s / n / 60;
  });
}
