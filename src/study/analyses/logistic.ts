import { logisticRegression } from "../../numeric/stats/index.js";
import { pairValues, resolveValues } from "../resolveValues.js";
import type { ValueRef } from "../trialData.js";
import { show } from "./checker.js";
import { describeValueRef, requireN, within } from "./common.js";
import { DataProblem, defineAnalysis, type AnalysisBase } from "./types.js";

/**
 * Logistic regression of a 0/1 outcome on predictors. Estimate: the
 * log-odds coefficient of the first predictor (odds ratio in `details`).
 */
export interface LogisticSpec extends AnalysisBase {
  type: "logistic";
  outcome: ValueRef;
  predictors: ValueRef[];
  arms?: string[];
}

/** The `logistic` analysis. */
export const logistic = defineAnalysis<LogisticSpec>({
  type: "logistic",
  fields: ["outcome", "predictors", "arms"],
  validate(v) {
    const raw = v.raw;
    if (v.req("outcome")) v.ref(raw.outcome, v.at("outcome"));
    if (v.req("predictors")) {
      if (!Array.isArray(raw.predictors) || raw.predictors.length === 0) {
        v.add(
          v.at("predictors"),
          `expected a non-empty list of value references, got ${show(raw.predictors)}`,
        );
      } else {
        raw.predictors.forEach((p, i) => v.ref(p, `${v.at("predictors")}[${i}]`));
      }
    }
    v.optionalArms(raw, v.path);
  },
  describe: (spec) =>
    `logistic ${describeValueRef(spec.outcome)} ~ ${spec.predictors.map(describeValueRef).join(" + ")}${within(spec.arms)}`,
  metric: (spec) => ({
    metric: "log_odds_ratio",
    direction: `per unit of ${spec.predictors[0] ? describeValueRef(spec.predictors[0]) : "the first predictor"}`,
  }),
  run(spec, data, ctx) {
    if (spec.predictors.length === 0) throw new DataProblem("logistic: no predictors");
    const { columns } = pairValues(
      resolveValues(data, spec.outcome, spec.arms),
      ...spec.predictors.map((p) => resolveValues(data, p, spec.arms)),
    );
    const [y, ...xs] = columns;
    ctx.n = y.length;
    requireN(y.length, spec.predictors.length + 2, "logistic");
    const bad = y.find((v) => v !== 0 && v !== 1);
    if (bad !== undefined) {
      throw new DataProblem(`outcome: values must be 0 or 1, found ${bad}`);
    }
    const names = spec.predictors.map(describeValueRef);
    const X = y.map((_, i) => xs.map((col) => col[i]));
    ctx.call = `logisticRegression(y01 = ${describeValueRef(spec.outcome)}, X = [${names.join(", ")}])`;
    const fit = logisticRegression(y, X, names);
    const row = fit.coefficients[1];
    const details: Record<string, unknown> = {
      predictor: names[0],
      oddsRatio: row.oddsRatio,
      oddsRatioCi: row.oddsRatioCi,
      converged: fit.converged,
      separation: fit.separation,
      nEvents: y.filter((v) => v === 1).length,
      coefficients: Object.fromEntries(
        fit.coefficients.map((r) => [
          r.name,
          { estimate: r.estimate, se: r.se, z: r.z, p: r.p, ci: r.ci, oddsRatio: r.oddsRatio },
        ]),
      ),
    };
    if (fit.separation !== "none") {
      throw new DataProblem(
        `${fit.separation} separation: the predictors perfectly predict the outcome, so the odds ratio is not estimable`,
      );
    }
    if (!fit.converged) throw new DataProblem("logistic regression did not converge");
    return {
      estimate: row.estimate,
      ci: row.ci,
      p: row.p,
      n: ctx.n,
      statistic: { name: "z", value: row.z },
      details,
    };
  },
});
