import { ancova as fitAncova } from "../../numeric/stats/index.js";
import { pairValues, resolveValues } from "../resolveValues.js";
import { pooledSd, requireN, rowSummary } from "./common.js";
import { defineAnalysis, type AnalysisBase } from "./types.js";

/**
 * ANCOVA: post ~ arm + pre (+ participant covariates). Estimate: the
 * baseline-adjusted treatment − control difference in raw units.
 */
export interface AncovaSpec extends AnalysisBase {
  type: "ancova";
  measure: string;
  /** Baseline wave. */
  pre: string;
  /** Follow-up wave. */
  post: string;
  /** [treatment, control]. */
  arms: [string, string];
  /** Participant fields / trait ids used as extra covariates. */
  covariates?: string[];
}

/** The `ancova` analysis. */
export const ancova = defineAnalysis<AncovaSpec>({
  type: "ancova",
  fields: ["measure", "pre", "post", "arms", "covariates"],
  validate(v) {
    const raw = v.raw;
    if (v.req("measure")) v.measure(raw.measure, v.at("measure"));
    if (v.req("pre")) v.wave(raw.pre, v.at("pre"));
    if (v.req("post")) v.wave(raw.post, v.at("post"));
    if (typeof raw.pre === "string" && raw.pre === raw.post) {
      v.add(v.at("post"), `must differ from pre ("${raw.pre}")`);
    }
    if (v.req("arms")) v.armPair(raw.arms, v.at("arms"));
    if (raw.covariates !== undefined) {
      v.names(
        raw.covariates,
        v.at("covariates"),
        (x, p) => v.field(x, p),
        "a list of participant fields",
        {},
      );
    }
  },
  describe: (spec) =>
    `ANCOVA ${spec.measure}@${spec.post} | ${spec.pre}: ${spec.arms[0]} vs ${spec.arms[1]}`,
  metric: (spec) => ({
    metric: "raw_difference",
    direction: `${spec.arms[0]} − ${spec.arms[1]} at ${spec.post}, adjusted for ${spec.pre}`,
    units: `${spec.measure} units`,
  }),
  run(spec, data, ctx) {
    const [tArm, cArm] = spec.arms;
    const arms = [tArm, cArm];
    const covNames = spec.covariates ?? [];
    const { columns } = pairValues(
      resolveValues(data, { measure: spec.measure, wave: spec.post }, arms),
      resolveValues(data, { arm: tArm }, arms),
      resolveValues(data, { measure: spec.measure, wave: spec.pre }, arms),
      ...covNames.map((c) => resolveValues(data, { participant: c }, arms)),
    );
    const [post, arm, pre, ...covs] = columns;
    ctx.n = post.length;
    const nT = arm.filter((a) => a === 1).length;
    requireN(nT, 2, `arm "${tArm}"`);
    requireN(post.length - nT, 2, `arm "${cArm}"`);
    const covariates: Record<string, number[]> = {};
    covNames.forEach((c, i) => (covariates[c] = covs[i]));
    ctx.call = `ancova(post = ${spec.measure}@${spec.post}, arm = ${tArm} vs ${cArm}, pre = ${spec.measure}@${spec.pre}${covNames.map((c) => `, ${c}`).join("")})`;
    const fit = fitAncova(post, arm, pre, covariates);
    const e = fit.effect;
    const s = pooledSd([post.filter((_, i) => arm[i] === 1), post.filter((_, i) => arm[i] === 0)]);
    return {
      estimate: e.estimate,
      ci: e.ci,
      p: e.p,
      n: ctx.n,
      statistic: { name: "t", value: e.t, df: fit.model.dfResidual },
      details: {
        effect: rowSummary(e),
        standardized: e.estimate / s,
        standardizedCi: [e.ci[0] / s, e.ci[1] / s],
        pooledSdPost: s,
        nTreatment: nT,
        nControl: post.length - nT,
        rSquared: fit.model.rSquared,
        coefficients: Object.fromEntries(
          fit.model.coefficients.map((r) => [r.name, rowSummary(r)]),
        ),
      },
    };
  },
});
