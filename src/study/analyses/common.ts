/** Helpers shared by the analysis kinds: naming value references, case counts, summaries. */
import { ols, sd, mean } from "../../numeric/stats/index.js";
import type { CoefficientRow } from "../../numeric/stats/index.js";
import { resolveValues } from "../resolveValues.js";
import type { TrialData, ValueRef } from "../trialData.js";
import { DataProblem, type Outcome, type RunContext } from "./types.js";

/**
 * Short text for a value reference: `measure@wave`, `measure@wave t=30`,
 * `measure[from→to]`, the participant field, or `arm=<id>`.
 */
export function describeValueRef(ref: ValueRef): string {
  if ("participant" in ref) return ref.participant;
  if ("arm" in ref) return `arm=${ref.arm}`;
  const t = ref.time === undefined ? "" : ` t=${ref.time}`;
  if ("wave" in ref) return `${ref.measure}@${ref.wave}${t}`;
  return `${ref.measure}[${ref.change[0]}→${ref.change[1]}]${t}`;
}

/** The units of a reference's values: "<measure> units", the participant field, or none. */
export function unitsOf(ref: ValueRef): string | undefined {
  if ("measure" in ref) return `${ref.measure} units`;
  if ("participant" in ref) return ref.participant;
  return undefined;
}

/** " in a+b" for a restriction to arms ("" for all participants). */
export function within(arms?: string[]): string {
  return arms === undefined || arms.length === 0 ? "" : ` in ${arms.join("+")}`;
}

/** Throws a {@link DataProblem} when fewer than `min` complete cases remain. */
export function requireN(count: number, min: number, what: string): void {
  if (count < min) {
    throw new DataProblem(`${what}: ${count} complete case(s), need at least ${min}`);
  }
}

/** The JSON summary of one coefficient row. */
export function rowSummary(row: CoefficientRow): Record<string, unknown> {
  return { estimate: row.estimate, se: row.se, t: row.t, p: row.p, ci: row.ci };
}

/** The values of a reference in one arm. */
export function valuesIn(data: TrialData, ref: ValueRef, arm: string): number[] {
  return [...resolveValues(data, ref, [arm]).values()];
}

/** Pooled SD of groups (groups of fewer than two values are skipped; NaN if none is left). */
export function pooledSd(groups: number[][]): number {
  let ss = 0;
  let df = 0;
  for (const g of groups) {
    if (g.length < 2) continue;
    ss += sd(g) ** 2 * (g.length - 1);
    df += g.length - 1;
  }
  return df > 0 ? Math.sqrt(ss / df) : NaN;
}

/** One-sample t of values against 0, through an intercept-only regression. */
export function oneSample(values: number[], ctx: RunContext, what: string): Outcome {
  ctx.n = values.length;
  requireN(values.length, 2, what);
  const s = sd(values);
  if (!(s > 0)) throw new DataProblem(`${what}: zero variance`);
  const fit = ols(
    values,
    values.map(() => []),
    [],
  );
  const row = fit.coefficients[0];
  return {
    estimate: row.estimate,
    ci: row.ci,
    p: row.p,
    n: ctx.n,
    statistic: { name: "t", value: row.t, df: fit.dfResidual },
    details: { mean: mean(values), sd: s, d: mean(values) / s, se: row.se },
  };
}
