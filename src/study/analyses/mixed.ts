import { mixedModel } from "../../numeric/stats/index.js";
import { resolveValues } from "../resolveValues.js";
import { requireN } from "./common.js";
import { DataProblem, defineAnalysis, type AnalysisBase } from "./types.js";

/**
 * Linear mixed model over waves, with a random intercept per participant
 * and fixed effects intercept, arm (1 = treatment), time and arm×time,
 * where time = j/(k − 1) for the j-th of the k listed waves (0 at the
 * first, 1 at the last, equally spaced by position, not by day).
 * Estimate: the arm×time coefficient, i.e. the treatment − control
 * difference in (linear) change from the first to the last wave.
 */
export interface MixedSpec extends AnalysisBase {
  type: "mixed";
  measure: string;
  /** At least two waves, in time order. */
  waves: string[];
  /** [treatment, control]. */
  arms: [string, string];
}

/** The `mixed` analysis. */
export const mixed = defineAnalysis<MixedSpec>({
  type: "mixed",
  fields: ["measure", "waves", "arms"],
  validate(v) {
    if (v.req("measure")) v.measure(v.raw.measure, v.at("measure"));
    if (v.req("waves")) {
      v.names(v.raw.waves, v.at("waves"), (x, p) => v.wave(x, p), "a list of at least 2 waves", {
        min: 2,
      });
    }
    if (v.req("arms")) v.armPair(v.raw.arms, v.at("arms"));
  },
  describe: (spec) =>
    `mixed model ${spec.measure} over ${spec.waves.join(", ")}: ${spec.arms[0]} vs ${spec.arms[1]}`,
  metric: (spec) => ({
    metric: "coefficient",
    direction: `${spec.arms[0]} − ${spec.arms[1]} in change from ${spec.waves[0]} to ${spec.waves[spec.waves.length - 1]}`,
    units: `${spec.measure} units`,
  }),
  run(spec, data, ctx) {
    const [tArm, cArm] = spec.arms;
    const arms = [tArm, cArm];
    const k = spec.waves.length;
    if (k < 2) throw new DataProblem("mixed: needs at least two waves");
    const armOf = resolveValues(data, { arm: tArm }, arms);
    const y: number[] = [];
    const X: number[][] = [];
    const subject: number[] = [];
    spec.waves.forEach((wave, j) => {
      const time = j / (k - 1);
      for (const [id, v] of resolveValues(data, { measure: spec.measure, wave }, arms)) {
        const a = armOf.get(id) as number;
        y.push(v);
        X.push([a, time, a * time]);
        subject.push(id);
      }
    });
    const ids = new Set(subject);
    ctx.n = ids.size;
    let nT = 0;
    for (const id of ids) if (armOf.get(id) === 1) nT++;
    requireN(nT, 2, `arm "${tArm}"`);
    requireN(ids.size - nT, 2, `arm "${cArm}"`);
    ctx.call = `mixedModel(y = ${spec.measure} at ${spec.waves.join(", ")}, X = [arm, time, arm:time])`;
    const fit = mixedModel(y, X, ["arm", "time", "arm:time"], subject);
    const row = fit.coefficients[3];
    return {
      estimate: row.estimate,
      ci: row.ci,
      p: row.p,
      n: ctx.n,
      statistic: { name: "t", value: row.t, df: row.df },
      details: {
        timeCoding: Object.fromEntries(spec.waves.map((w, j) => [w, j / (k - 1)])),
        nObservations: fit.nObs,
        nTreatment: nT,
        nControl: ids.size - nT,
        variance: fit.variance,
        icc: fit.icc,
        singular: fit.singular,
        coefficients: Object.fromEntries(
          fit.coefficients.map((r) => [
            r.name,
            { estimate: r.estimate, se: r.se, df: r.df, t: r.t, p: r.p, ci: r.ci },
          ]),
        ),
      },
    };
  },
});
