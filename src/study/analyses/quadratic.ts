import { ols } from "../../numeric/stats/index.js";
import { resolveValues } from "../resolveValues.js";
import { show } from "./checker.js";
import { requireN, rowSummary, within } from "./common.js";
import { DataProblem, defineAnalysis, type AnalysisBase } from "./types.js";

/**
 * Quadratic trend of a response over levels of a within-participant factor: value ~ level +
 * level² pooled over participants (OLS). Estimate: the quadratic coefficient (negative for an
 * inverted U); the vertex −b₁/(2b₂) is in `details`.
 */
export interface QuadraticSpec extends AnalysisBase {
  type: "quadratic";
  /** One measure per level, in the order of `levels`. */
  measures: string[];
  levels: number[];
  wave: string;
  arms?: string[];
}

/** The `quadratic` analysis. */
export const quadratic = defineAnalysis<QuadraticSpec>({
  type: "quadratic",
  fields: ["measures", "levels", "wave", "arms"],
  validate(v) {
    const raw = v.raw;
    if (v.req("wave")) v.wave(raw.wave, v.at("wave"));
    if (v.req("measures")) {
      if (!Array.isArray(raw.measures) || raw.measures.length < 3)
        v.add(
          v.at("measures"),
          `expected a list of at least 3 measures, got ${show(raw.measures)}`,
        );
      else raw.measures.forEach((m, i) => v.measure(m, `${v.at("measures")}[${i}]`));
    }
    if (v.req("levels")) {
      const lv = raw.levels;
      if (!Array.isArray(lv) || !lv.every((x) => typeof x === "number" && Number.isFinite(x)))
        v.add(v.at("levels"), `expected a list of numbers, got ${show(lv)}`);
      else if (Array.isArray(raw.measures) && lv.length !== raw.measures.length)
        v.add(
          v.at("levels"),
          `expected one level per measure (${raw.measures.length}), got ${lv.length}`,
        );
    }
    v.optionalArms(raw, v.path);
  },
  describe: (spec) =>
    `quadratic trend over ${spec.measures.join(", ")} at ${spec.wave}${within(spec.arms)}`,
  metric: (spec) => ({
    metric: "coefficient",
    direction: "per unit of level²",
    units: `${spec.measures[0] ?? "measure"} units`,
  }),
  run(spec, data, ctx) {
    if (spec.measures.length !== spec.levels.length || spec.levels.length < 3)
      throw new DataProblem("quadratic: needs at least three levels and one measure per level");
    const y: number[] = [];
    const X: number[][] = [];
    const people = new Set<number>();
    spec.measures.forEach((m, k) => {
      for (const [id, v] of resolveValues(data, { measure: m, wave: spec.wave }, spec.arms)) {
        y.push(v);
        X.push([spec.levels[k], spec.levels[k] ** 2]);
        people.add(id);
      }
    });
    ctx.n = people.size;
    requireN(people.size, 2, "quadratic");
    const fit = ols(y, X, ["level", "level2"]);
    const b1 = fit.coefficients[1];
    const b2 = fit.coefficients[2];
    return {
      estimate: b2.estimate,
      ci: b2.ci,
      p: b2.p,
      n: ctx.n,
      statistic: { name: "t", value: b2.t, df: fit.dfResidual },
      details: {
        linear: rowSummary(b1),
        quadratic: rowSummary(b2),
        vertex: -b1.estimate / (2 * b2.estimate),
        observations: y.length,
      },
    };
  },
});
