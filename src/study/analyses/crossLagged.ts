import { crossLaggedPanel } from "../../numeric/stats/index.js";
import { pairValues, resolveValues } from "../resolveValues.js";
import { requireN, rowSummary, within } from "./common.js";
import { defineAnalysis, type AnalysisBase } from "./types.js";

/**
 * Two-wave cross-lagged panel of two measures (standardised paths).
 * Estimate: the x(wave 1) → y(wave 2) path; the reverse path in `details`.
 */
export interface CrossLaggedSpec extends AnalysisBase {
  type: "crossLagged";
  x: string;
  y: string;
  waves: [string, string];
  arms?: string[];
}

/** The `crossLagged` analysis. */
export const crossLagged = defineAnalysis<CrossLaggedSpec>({
  type: "crossLagged",
  fields: ["x", "y", "waves", "arms"],
  validate(v) {
    const raw = v.raw;
    if (v.req("x")) v.measure(raw.x, v.at("x"));
    if (v.req("y")) v.measure(raw.y, v.at("y"));
    if (typeof raw.x === "string" && raw.x === raw.y)
      v.add(v.at("y"), `must differ from x ("${raw.x}")`);
    if (v.req("waves")) v.wavePair(raw.waves, v.at("waves"), "[wave 1, wave 2]");
    v.optionalArms(raw, v.path);
  },
  describe: (spec) =>
    `cross-lagged ${spec.x} ↔ ${spec.y} (${spec.waves[0]}→${spec.waves[1]})${within(spec.arms)}`,
  metric: (spec) => ({
    metric: "standardized_coefficient",
    direction: `${spec.x}@${spec.waves[0]} → ${spec.y}@${spec.waves[1]}`,
  }),
  run(spec, data, ctx) {
    const [w1, w2] = spec.waves;
    const at = (measure: string, wave: string): Map<number, number> =>
      resolveValues(data, { measure, wave }, spec.arms);
    const { columns } = pairValues(at(spec.x, w1), at(spec.y, w1), at(spec.x, w2), at(spec.y, w2));
    const [x1, y1, x2, y2] = columns;
    ctx.n = x1.length;
    requireN(x1.length, 5, "cross-lagged panel");
    ctx.call = `crossLaggedPanel(x1 = ${spec.x}@${w1}, y1 = ${spec.y}@${w1}, x2 = ${spec.x}@${w2}, y2 = ${spec.y}@${w2})`;
    const fit = crossLaggedPanel(x1, y1, x2, y2);
    const xy = fit.paths.x1ToY2;
    return {
      estimate: xy.estimate,
      ci: xy.ci,
      p: xy.p,
      n: ctx.n,
      statistic: { name: "t", value: xy.t, df: fit.models.y2.dfResidual },
      details: {
        xToY: rowSummary(xy),
        yToX: rowSummary(fit.paths.y1ToX2),
        stabilityX: rowSummary(fit.paths.x1ToX2),
        stabilityY: rowSummary(fit.paths.y1ToY2),
        difference: fit.difference,
        residualCorrelation: fit.residualCorrelation,
      },
    };
  },
});
