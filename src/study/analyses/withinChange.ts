import { resolveValues } from "../resolveValues.js";
import { oneSample } from "./common.js";
import { defineAnalysis, type AnalysisBase } from "./types.js";

/**
 * Within-arm change of a measure: one-sample t-test of the change (an
 * intercept-only regression). Estimate: mean change; dz in `details`.
 */
export interface WithinChangeSpec extends AnalysisBase {
  type: "withinChange";
  measure: string;
  /** [from, to]; change = to − from. */
  change: [string, string];
  arm: string;
}

/** The `withinChange` analysis. */
export const withinChange = defineAnalysis<WithinChangeSpec>({
  type: "withinChange",
  fields: ["measure", "change", "arm"],
  validate(v) {
    if (v.req("measure")) v.measure(v.raw.measure, v.at("measure"));
    if (v.req("change")) v.wavePair(v.raw.change, v.at("change"), "[from wave, to wave]");
    if (v.req("arm")) v.arm(v.raw.arm, v.at("arm"));
  },
  describe: (spec) => `change ${spec.measure}[${spec.change[0]}→${spec.change[1]}] in ${spec.arm}`,
  metric: (spec) => ({
    metric: "raw_difference",
    direction: `${spec.change[1]} − ${spec.change[0]} in ${spec.arm}`,
    units: `${spec.measure} units`,
  }),
  run(spec, data, ctx) {
    const change = [
      ...resolveValues(data, { measure: spec.measure, change: spec.change }, [spec.arm]).values(),
    ];
    const out = oneSample(change, ctx, `change in arm "${spec.arm}"`);
    const { mean: meanChange, sd: sdChange, d: dz, se } = out.details as Record<string, number>;
    return { ...out, details: { meanChange, sdChange, dz, se } };
  },
});
