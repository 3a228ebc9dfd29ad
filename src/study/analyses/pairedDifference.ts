import { pairValues, resolveValues } from "../resolveValues.js";
import type { ValueRef } from "../trialData.js";
import { describeValueRef, oneSample, within, unitsOf } from "./common.js";
import { defineAnalysis, type AnalysisBase } from "./types.js";

/**
 * Within-participant difference of two values (x − y, paired t), e.g. helping when escape
 * is hard minus when it is easy. Estimate: the mean difference.
 */
export interface PairedDifferenceSpec extends AnalysisBase {
  type: "pairedDifference";
  x: ValueRef;
  y: ValueRef;
  arms?: string[];
}

/** The `pairedDifference` analysis. */
export const pairedDifference = defineAnalysis<PairedDifferenceSpec>({
  type: "pairedDifference",
  fields: ["x", "y", "arms"],
  validate(v) {
    if (v.req("x")) v.ref(v.raw.x, v.at("x"));
    if (v.req("y")) v.ref(v.raw.y, v.at("y"));
    v.optionalArms(v.raw, v.path);
  },
  describe: (spec) =>
    `${describeValueRef(spec.x)} − ${describeValueRef(spec.y)}${within(spec.arms)}`,
  metric: (spec) => ({
    metric: "raw_difference",
    direction: `${describeValueRef(spec.x)} − ${describeValueRef(spec.y)}`,
    units: unitsOf(spec.x),
  }),
  run(spec, data, ctx) {
    const { columns } = pairValues(
      resolveValues(data, spec.x, spec.arms),
      resolveValues(data, spec.y, spec.arms),
    );
    const diff = columns[0].map((x, i) => x - columns[1][i]);
    return oneSample(diff, ctx, `${describeValueRef(spec.x)} - ${describeValueRef(spec.y)}`);
  },
});
