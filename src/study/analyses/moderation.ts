import { moderation as fitModeration } from "../../numeric/stats/index.js";
import { pairValues, resolveValues } from "../resolveValues.js";
import type { ValueRef } from "../trialData.js";
import { describeValueRef, requireN, rowSummary, within, unitsOf } from "./common.js";
import { defineAnalysis, type AnalysisBase } from "./types.js";

/**
 * Moderation y ~ x + w + x·w (x and w mean-centred). Estimate: the
 * interaction coefficient; simple slopes in `details`.
 */
export interface ModerationSpec extends AnalysisBase {
  type: "moderation";
  y: ValueRef;
  x: ValueRef;
  w: ValueRef;
  arms?: string[];
}

/** The `moderation` analysis. */
export const moderation = defineAnalysis<ModerationSpec>({
  type: "moderation",
  fields: ["y", "x", "w", "arms"],
  validate(v) {
    for (const k of ["y", "x", "w"]) if (v.req(k)) v.ref(v.raw[k], v.at(k));
    v.optionalArms(v.raw, v.path);
  },
  describe: (spec) =>
    `moderation ${describeValueRef(spec.y)} ~ ${describeValueRef(spec.x)} × ${describeValueRef(spec.w)}${within(spec.arms)}`,
  metric: (spec) => ({
    metric: "coefficient",
    direction: `per unit of ${describeValueRef(spec.x)} × ${describeValueRef(spec.w)} (centred)`,
    units: unitsOf(spec.y),
  }),
  run(spec, data, ctx) {
    const { columns } = pairValues(
      resolveValues(data, spec.y, spec.arms),
      resolveValues(data, spec.x, spec.arms),
      resolveValues(data, spec.w, spec.arms),
    );
    const [y, x, w] = columns;
    ctx.n = y.length;
    requireN(y.length, 6, "moderation");
    ctx.call = `moderation(y = ${describeValueRef(spec.y)}, x = ${describeValueRef(spec.x)}, w = ${describeValueRef(spec.w)})`;
    const fit = fitModeration(y, x, w);
    const row = fit.interaction;
    return {
      estimate: row.estimate,
      ci: row.ci,
      p: row.p,
      n: ctx.n,
      statistic: { name: "t", value: row.t, df: fit.model.dfResidual },
      details: {
        interaction: rowSummary(row),
        simpleSlopes: fit.simpleSlopes,
        meanW: fit.meanW,
        sdW: fit.sdW,
        coefficients: Object.fromEntries(
          fit.model.coefficients.map((r) => [r.name, rowSummary(r)]),
        ),
      },
    };
  },
});
