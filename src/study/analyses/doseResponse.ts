import { doseResponse as fitDoseResponse } from "../../numeric/stats/index.js";
import { pairValues, resolveValues } from "../resolveValues.js";
import { show } from "./checker.js";
import { requireN, rowSummary } from "./common.js";
import { defineAnalysis, type AnalysisBase } from "./types.js";

/**
 * Dose–response within one arm: change of a measure against practice dose.
 * Estimate: Pearson r of dose and change; slope and median split in
 * `details`.
 */
export interface DoseResponseSpec extends AnalysisBase {
  type: "doseResponse";
  /** [measure, fromWave, toWave]; change = to − from. */
  change: [string, string, string];
  arm: string;
  /** Dose variable (default "minutes"). */
  dose?: "minutes" | "practiceDays";
}

/** The `doseResponse` analysis. */
export const doseResponse = defineAnalysis<DoseResponseSpec>({
  type: "doseResponse",
  fields: ["change", "arm", "dose"],
  validate(v) {
    if (v.req("change")) {
      const ch = v.raw.change;
      const at = v.at("change");
      if (!Array.isArray(ch) || ch.length !== 3) {
        v.add(at, `expected [measure, from wave, to wave], got ${show(ch)}`);
      } else {
        v.measure(ch[0], `${at}[0]`);
        v.wave(ch[1], `${at}[1]`);
        v.wave(ch[2], `${at}[2]`);
        if (typeof ch[1] === "string" && ch[1] === ch[2]) {
          v.add(at, `from and to waves must differ ("${ch[1]}")`);
        }
      }
    }
    if (v.req("arm")) v.arm(v.raw.arm, v.at("arm"));
    v.oneOfLiteral(v.raw.dose, v.at("dose"), ["minutes", "practiceDays"]);
  },
  describe: (spec) =>
    `dose-response ${spec.change[0]}[${spec.change[1]}→${spec.change[2]}] ~ ${spec.dose ?? "minutes"} in ${spec.arm}`,
  metric: (spec) => ({
    metric: "r",
    direction: `${spec.dose ?? "minutes"} with ${spec.change[0]} change ${spec.change[1]}→${spec.change[2]} in ${spec.arm}`,
  }),
  run(spec, data, ctx) {
    const [measure, from, to] = spec.change;
    const dose = spec.dose ?? "minutes";
    const { columns } = pairValues(
      resolveValues(data, { measure, change: [from, to] }, [spec.arm]),
      resolveValues(data, { participant: dose }, [spec.arm]),
    );
    const [change, doses] = columns;
    ctx.n = change.length;
    requireN(change.length, 4, "dose-response");
    ctx.call = `doseResponse(change = ${measure}[${from}→${to}], dose = ${dose}) in ${spec.arm}`;
    const fit = fitDoseResponse(change, doses);
    const r = fit.correlation;
    const ms = fit.medianSplit;
    return {
      estimate: r.r,
      ci: r.ci,
      p: r.p,
      n: ctx.n,
      statistic: { name: "t", value: r.t, df: r.df },
      details: {
        dose,
        r: r.r,
        slope: rowSummary(fit.slope),
        medianSplit: {
          medianDose: ms.medianDose,
          nHigh: ms.nHigh,
          nLow: ms.nLow,
          meanDifference: ms.welch.meanDiff,
          t: ms.welch.t,
          df: ms.welch.df,
          p: ms.welch.p,
          d: ms.d.estimate,
          dCi: ms.d.ci,
        },
      },
    };
  },
});
