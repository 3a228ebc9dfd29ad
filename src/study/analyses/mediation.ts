import { RandomStream, hashName } from "../../numeric/random.js";
import { mediation as fitMediation } from "../../numeric/stats/index.js";
import { pairValues, resolveValues } from "../resolveValues.js";
import type { ValueRef } from "../trialData.js";
import { show } from "./checker.js";
import { describeValueRef, requireN, rowSummary, within, unitsOf } from "./common.js";
import { defineAnalysis, type AnalysisBase } from "./types.js";

/**
 * Simple mediation x → m → y. Estimate: the indirect effect a·b with a
 * percentile-bootstrap CI (Monte Carlo CI and Sobel test in `details`; the
 * reported p is Sobel's).
 */
export interface MediationSpec extends AnalysisBase {
  type: "mediation";
  x: ValueRef;
  m: ValueRef;
  y: ValueRef;
  arms?: string[];
  /** Bootstrap resamples and Monte Carlo draws (default 5000). */
  reps?: number;
}

/** The `mediation` analysis (resampling from `RandomStream(seed, 0, hashName("analysis/<id>"))`). */
export const mediation = defineAnalysis<MediationSpec>({
  type: "mediation",
  fields: ["x", "m", "y", "arms", "reps"],
  validate(v) {
    for (const k of ["x", "m", "y"]) if (v.req(k)) v.ref(v.raw[k], v.at(k));
    v.optionalArms(v.raw, v.path);
    const reps = v.raw.reps;
    if (reps !== undefined && !(Number.isInteger(reps) && (reps as number) >= 2)) {
      v.add(v.at("reps"), `expected an integer ≥ 2, got ${show(reps)}`);
    }
  },
  describe: (spec) =>
    `mediation ${describeValueRef(spec.x)} → ${describeValueRef(spec.m)} → ${describeValueRef(spec.y)}${within(spec.arms)}`,
  metric: (spec) => ({
    metric: "indirect_effect",
    direction: `${describeValueRef(spec.x)} → ${describeValueRef(spec.m)} → ${describeValueRef(spec.y)}, per unit of ${describeValueRef(spec.x)}`,
    units: unitsOf(spec.y),
  }),
  run(spec, data, ctx) {
    const { columns } = pairValues(
      resolveValues(data, spec.x, spec.arms),
      resolveValues(data, spec.m, spec.arms),
      resolveValues(data, spec.y, spec.arms),
    );
    const [x, m, y] = columns;
    ctx.n = x.length;
    requireN(x.length, 4, "mediation");
    const stream = new RandomStream(ctx.seed, 0, hashName(`analysis/${spec.id}`));
    ctx.call = `mediation(x = ${describeValueRef(spec.x)}, m = ${describeValueRef(spec.m)}, y = ${describeValueRef(spec.y)})`;
    const fit = ctx.intervals
      ? fitMediation(x, m, y, { random: () => stream.uniform(), reps: spec.reps ?? 5000 })
      : // No interval reported: the fewest Monte Carlo draws, no bootstrap (estimate and p are Sobel's either way).
        fitMediation(x, m, y, { random: () => stream.uniform(), reps: 2, method: "monteCarlo" });
    const details: Record<string, unknown> = {
      indirect: fit.indirect,
      a: rowSummary(fit.a),
      b: rowSummary(fit.b),
      direct: rowSummary(fit.direct),
      total: rowSummary(fit.total),
    };
    const boot = fit.bootstrap;
    const mc = fit.monteCarlo as NonNullable<typeof fit.monteCarlo>;
    if (boot) {
      details.bootstrap = { ci: boot.ci, se: boot.se, reps: boot.reps, failed: boot.failed };
      details.monteCarlo = { ci: mc.ci, se: mc.se, reps: mc.reps };
    }
    details.sobel = fit.sobel;
    details.pMethod = "sobel";
    return {
      estimate: fit.indirect,
      ci: boot ? boot.ci : [NaN, NaN],
      p: fit.sobel.p,
      n: ctx.n,
      statistic: { name: "z", value: fit.sobel.z },
      details,
    };
  },
});
