import { resolveValues } from "../resolveValues.js";
import type { ValueRef } from "../trialData.js";
import { describeValueRef, oneSample, within, unitsOf } from "./common.js";
import { defineAnalysis, type AnalysisBase } from "./types.js";

/**
 * Mean of one value per participant (one-sample t against 0), e.g. a contrast such as
 * pain > neutral. Estimate: the mean; d = mean/SD in `details`.
 */
export interface MeanSpec extends AnalysisBase {
  type: "mean";
  value: ValueRef;
  arms?: string[];
}

/** The `mean` analysis. */
export const mean = defineAnalysis<MeanSpec>({
  type: "mean",
  fields: ["value", "arms"],
  validate(v) {
    if (v.req("value")) v.ref(v.raw.value, v.at("value"));
    v.optionalArms(v.raw, v.path);
  },
  describe: (spec) => `mean ${describeValueRef(spec.value)}${within(spec.arms)}`,
  metric: (spec) => ({
    metric: "mean",
    direction: `${describeValueRef(spec.value)} − 0`,
    units: unitsOf(spec.value),
  }),
  run: (spec, data, ctx) =>
    oneSample(
      [...resolveValues(data, spec.value, spec.arms).values()],
      ctx,
      describeValueRef(spec.value),
    ),
});
