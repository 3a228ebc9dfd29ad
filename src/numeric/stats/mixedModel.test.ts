import { describe, expect, it } from "vitest";
import { mixedModel } from "./mixedModel.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Unbalanced random-intercept data simulated in R 4.2.2 (set.seed(20240501) stream):
// 14 subjects with 1–5 occasions; y = 2 + 0.6 time + 1.0 grp + 0.3 cov + b_subject + e.
const y = [
  1.43, 0.62, 3.5, 1.71, 2.32, 3.88, 4.74, -1.67, -0.41, 2, 1.73, 4.19, 2.74, 4.54, 0.31, 1.43,
  0.64, 4.88, 3.87, 4.32, 6.59, 4.93, 3.96, 5.52, 6.4, 1.87, 1.8, 5.17, 0.96, 2.7, 3.11, 4.74, 5.27,
  6.48, 2.14, 3.37, 2.68, 3.84, 4.52, 4.01, 2.89, 1.32, 3.96, 3.95, 4.99, 4.82, 6.99,
];
const time = [
  0, 1, 2, 0, 1, 2, 3, 0, 1, 0, 1, 2, 3, 4, 0, 1, 2, 0, 1, 2, 3, 0, 1, 2, 3, 0, 0, 1, 2, 0, 1, 2, 3,
  4, 0, 1, 0, 1, 2, 3, 0, 1, 2, 0, 1, 2, 3,
];
const grp = [
  0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1,
  1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1,
];
const cov = [
  -0.76, 2.52, 0.76, -0.02, -0.54, 0.18, 0.04, -0.81, -0.08, 0.52, 0.27, -1.02, -0.71, 0.03, 0.71,
  0.93, -2.4, -1.32, -1.05, 0.06, -0.44, 1.15, -0.71, -0.27, 0.06, 1.23, 0.19, -0.06, -1.76, -0.25,
  0.79, 0.89, 1.16, 0.07, -0.25, 0.12, -0.48, -0.45, -1.75, 0.31, 0.07, -0.32, 1.3, -1.85, 0.47,
  -1.2, 1.4,
];
const sizes = [3, 4, 2, 5, 3, 4, 4, 1, 3, 5, 2, 4, 3, 4];
const subject = sizes.flatMap((k, i) =>
  Array<string>(k).fill(`s${String(i + 1).padStart(2, "0")}`),
);

describe("mixedModel", () => {
  it("matches lme4 1.1.31 + lmerTest 3.1.3 (REML, Satterthwaite df)", () => {
    // R 4.2.2: m <- lmer(y ~ time + grp + cov + (1|subj), REML = TRUE, control = lmerControl(
    //   optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-16, xtol_rel = 1e-14, ftol_rel = 1e-16)));
    //   summary(m, ddf = "Satterthwaite"); VarCorr(m); REMLcrit(m); getME(m, "theta")
    const fit = mixedModel(
      y,
      time.map((t, i) => [t, grp[i], cov[i]]),
      ["time", "grp", "cov"],
      subject,
    );
    const est = [1.50801019641615, 0.710799585682757, 1.2912642272671, 0.218588483348318];
    const se = [0.555077388698624, 0.128863030955901, 0.765193174855708, 0.16581400626721];
    const df = [13.1933312350988, 32.2987676741142, 11.8517038785336, 33.998977929086];
    const t = [2.71675666694274, 5.51593098819787, 1.68750097321581, 1.31827514616625];
    const p = [0.0174309672823341, 4.29981578168005e-6, 0.117624121403706, 0.196224244332071];
    expect(fit.coefficients.map((c) => c.name)).toEqual(["(Intercept)", "time", "grp", "cov"]);
    // lme4's optimiser and lmerTest's numerical derivatives agree with the
    // analytic solution to ~1e-8, hence 1e-6 tolerances here.
    fit.coefficients.forEach((c, j) => {
      expect(rel(c.estimate, est[j])).toBeLessThan(1e-7);
      expect(rel(c.se, se[j])).toBeLessThan(1e-6);
      expect(rel(c.df, df[j])).toBeLessThan(1e-6);
      expect(rel(c.t, t[j])).toBeLessThan(1e-6);
      expect(rel(c.p, p[j])).toBeLessThan(1e-6);
    });
    expect(rel(fit.variance.subject, 1.71882412916875)).toBeLessThan(1e-6);
    expect(rel(fit.variance.residual, 0.916242859222418)).toBeLessThan(1e-6);
    expect(rel(fit.theta, 1.36965257836687)).toBeLessThan(1e-6);
    expect(rel(fit.remlCriterion, 155.207538507694)).toBeLessThan(1e-12);
    expect(fit.icc).toBeCloseTo(1.71882412916875 / (1.71882412916875 + 0.916242859222418), 6);
    expect(fit.nGroups).toBe(14);
    expect(fit.singular).toBe(false);
    expect(fit.dfMethod).toBe("satterthwaite");
  });

  it("reproduces the closed-form ANOVA (REML) solution of a balanced design", () => {
    // 8 subjects × 3 occasions, between-subject group (4 + 4). For balanced data REML equals the
    // ANOVA estimators: σ² = MSW, σ_b² = (MSB − MSW)/m with MSB the between-subject mean square
    // after removing the group means (df q − 2); the group effect has se sqrt(MSB/m·(1/4 + 1/4))
    // and exactly q − 2 = 6 df. Values computed in numpy 2.4.6 (p: scipy 2*stats.t.sf(|t|, 6)).
    const Y = [
      [5.1, 6.0, 5.4],
      [7.2, 6.8, 7.9],
      [4.0, 4.9, 4.2],
      [6.1, 5.5, 6.6],
      [8.3, 9.0, 8.1],
      [6.9, 7.7, 7.5],
      [9.4, 8.8, 9.9],
      [7.0, 7.9, 7.2],
    ];
    const g = [0, 0, 0, 0, 1, 1, 1, 1];
    const fit = mixedModel(
      Y.flat(),
      Y.flatMap((row, i) => row.map(() => [g[i]])),
      ["group"],
      Y.flatMap((row, i) => row.map(() => i)),
    );
    expect(rel(fit.variance.residual, 0.24625000000000008)).toBeLessThan(1e-10);
    expect(rel(fit.variance.subject, 1.1300462962962958)).toBeLessThan(1e-10);
    expect(rel(fit.icc, 0.8210777717976318)).toBeLessThan(1e-10);
    expect(rel(fit.coefficients[0].estimate, 5.808333333333334)).toBeLessThan(1e-12);
    expect(rel(fit.coefficients[0].se, 0.5504837939552873)).toBeLessThan(1e-10);
    expect(rel(fit.coefficients[1].estimate, 2.333333333333334)).toBeLessThan(1e-12);
    expect(rel(fit.coefficients[1].se, 0.7785016472781638)).toBeLessThan(1e-10);
    expect(fit.coefficients[1].df).toBeCloseTo(6, 8);
    expect(fit.coefficients[0].df).toBeCloseTo(6, 8);
    expect(rel(fit.coefficients[1].p, 0.024094794376257538)).toBeLessThan(1e-6);
  });

  it("detects a boundary (singular) fit and falls back to OLS df", () => {
    const ys = [1.2, 0.8, 1.1, 0.9, 1.0, 1.05, 0.95, 1.15, 0.85, 1.0];
    const fit = mixedModel(
      ys,
      ys.map((_, i) => [i % 2]),
      ["t"],
      [1, 1, 2, 2, 3, 3, 4, 4, 5, 5],
    );
    expect(fit.singular).toBe(true);
    expect(fit.variance.subject).toBe(0);
    expect(fit.icc).toBe(0);
    expect(fit.coefficients[1].df).toBeCloseTo(8, 10);
  });

  it("throws RangeErrors for unidentifiable or bad input", () => {
    expect(() => mixedModel([1, 2, 3], [[1], [2], [3]], ["x"], ["a", "b", "c"])).toThrow(
      /subject: every subject has one observation/,
    );
    expect(() =>
      mixedModel([1, 2, 3, 4], [[1], [2], [3], [4]], ["x"], ["a", "a", "a", "a"]),
    ).toThrow(/at least 2 subjects/);
    expect(() => mixedModel([1, 2, 3], [[1], [2], [3]], ["x"], ["a", "a"])).toThrow(
      /subject: length/,
    );
    expect(() => mixedModel([1, 2, NaN, 4], [[1], [2], [3], [4]], ["x"], [1, 1, 2, 2])).toThrow(
      /y: element 2/,
    );
    expect(() => mixedModel([3, 3, 3, 3], [[1], [2], [3], [5]], ["x"], [1, 1, 2, 2])).toThrow(
      /residual variance is zero/,
    );
    expect(() => mixedModel([1, 2, 3, 5], [[1], [1], [1], [1]], ["x"], [1, 1, 2, 2])).toThrow(
      /rank deficient/,
    );
  });
});
