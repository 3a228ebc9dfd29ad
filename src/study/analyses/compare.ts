import { hedgesG, sd, welchT } from "../../numeric/stats/index.js";
import type { ValueRef } from "../trialData.js";
import { describeValueRef, requireN, valuesIn } from "./common.js";
import { defineAnalysis, type AnalysisBase } from "./types.js";

/**
 * Two-arm comparison of one value: Welch t-test and Hedges' g
 * (treatment − control). Estimate: g with its noncentral-t CI.
 */
export interface CompareSpec extends AnalysisBase {
  type: "compare";
  outcome: ValueRef;
  /** [treatment, control]. */
  arms: [string, string];
}

/** The `compare` analysis. */
export const compare = defineAnalysis<CompareSpec>({
  type: "compare",
  fields: ["outcome", "arms"],
  validate(v) {
    if (v.req("outcome")) v.ref(v.raw.outcome, v.at("outcome"));
    if (v.req("arms")) v.armPair(v.raw.arms, v.at("arms"));
  },
  describe: (spec) => `${describeValueRef(spec.outcome)}: ${spec.arms[0]} vs ${spec.arms[1]}`,
  metric: (spec) => ({ metric: "hedges_g", direction: `${spec.arms[0]} − ${spec.arms[1]}` }),
  run(spec, data, ctx) {
    const [tArm, cArm] = spec.arms;
    const xt = valuesIn(data, spec.outcome, tArm);
    const xc = valuesIn(data, spec.outcome, cArm);
    ctx.n = xt.length + xc.length;
    requireN(xt.length, 2, `arm "${tArm}"`);
    requireN(xc.length, 2, `arm "${cArm}"`);
    const o = describeValueRef(spec.outcome);
    ctx.call = `hedgesG/welchT(x = ${o} in ${tArm}, y = ${o} in ${cArm})`;
    // Without intervals, the closed-form CI stands in for the noncentral-t inversion (not reported).
    const g = hedgesG(xt, xc, ctx.intervals ? {} : { ciMethod: "normal" });
    const w = welchT(xt, xc);
    return {
      estimate: g.estimate,
      ci: g.ci,
      p: w.p,
      n: ctx.n,
      statistic: { name: "t", value: w.t, df: w.df },
      details: {
        g: g.estimate,
        gCi: g.ci,
        gCiMethod: g.ciMethod,
        d: g.d,
        meanDifference: w.meanDiff,
        meanDifferenceCi: w.ci,
        t: w.t,
        df: w.df,
        nTreatment: xt.length,
        nControl: xc.length,
        meanTreatment: w.meanX,
        meanControl: w.meanY,
        sdTreatment: sd(xt),
        sdControl: sd(xc),
        pooledSd: g.pooledSd,
      },
    };
  },
});
