import { pearson, spearman } from "../../numeric/stats/index.js";
import { pairValues, resolveValues } from "../resolveValues.js";
import type { ValueRef } from "../trialData.js";
import { describeValueRef, requireN, within } from "./common.js";
import { defineAnalysis, type AnalysisBase } from "./types.js";

/** Correlation of two values (complete cases). Estimate: r (or ρ). */
export interface CorrelationSpec extends AnalysisBase {
  type: "correlation";
  x: ValueRef;
  y: ValueRef;
  /** Restrict to these arms (default: all participants). */
  arms?: string[];
  /** Default "pearson". */
  method?: "pearson" | "spearman";
}

/** The `correlation` analysis. */
export const correlation = defineAnalysis<CorrelationSpec>({
  type: "correlation",
  fields: ["x", "y", "arms", "method"],
  validate(v) {
    if (v.req("x")) v.ref(v.raw.x, v.at("x"));
    if (v.req("y")) v.ref(v.raw.y, v.at("y"));
    v.optionalArms(v.raw, v.path);
    v.oneOfLiteral(v.raw.method, v.at("method"), ["pearson", "spearman"]);
  },
  describe: (spec) =>
    `${spec.method === "spearman" ? "Spearman" : "Pearson"} ${describeValueRef(spec.x)} ~ ${describeValueRef(spec.y)}${within(spec.arms)}`,
  metric: (spec) => ({
    metric: spec.method === "spearman" ? "spearman_rho" : "r",
    direction: `${describeValueRef(spec.x)} with ${describeValueRef(spec.y)}`,
  }),
  run(spec, data, ctx) {
    const { columns } = pairValues(
      resolveValues(data, spec.x, spec.arms),
      resolveValues(data, spec.y, spec.arms),
    );
    const [x, y] = columns;
    ctx.n = x.length;
    requireN(x.length, 4, "correlation");
    const method = spec.method ?? "pearson";
    ctx.call = `${method}(x = ${describeValueRef(spec.x)}, y = ${describeValueRef(spec.y)})`;
    const r = method === "spearman" ? spearman(x, y) : pearson(x, y);
    const estimate = "rho" in r ? r.rho : r.r;
    return {
      estimate,
      ci: r.ci,
      p: r.p,
      n: ctx.n,
      statistic: { name: "t", value: r.t, df: r.df },
      details: { method, r: estimate },
    };
  },
});
