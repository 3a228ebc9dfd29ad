import { describe, expect, it } from "vitest";
import { columnsToRows, ols } from "./ols.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Data simulated in R 4.2.2 (set.seed(20240501) stream, rounded to 2 dp).
const y = [
  1.81, -1.72, 2.91, 0.31, -0.33, -0.4, -1.42, -0.71, -0.33, 1.93, 2.02, 0.68, 3.16, 1.73, 1.83,
  1.37, -1.03, 1.11, 1.82, 1.1, 0.44, 0.24, 0.86, -0.97, 0.32, 0.43, 0.95, -0.04, 0.6, -1.22,
];
const x1 = [
  0.48, -1.49, 2.6, 1.01, 0.35, -2.48, -0.21, 0.38, 0.95, -1.17, -0.21, 1.7, -0.23, 1.49, 1.45,
  0.08, 0.6, 1.62, 0.22, 0.91, 0.61, -0.02, -1.48, -0.37, -1.77, 1.5, -1.38, -0.17, -0.52, -0.31,
];
const x2 = [
  2.03, 8.58, 4.06, 8.02, 8.99, 5.88, 2.66, 9.69, 6.37, 0.9, 0.4, 3.56, 0.56, 4.59, 2.06, 3.75,
  6.35, 1.56, 4.19, 9.72, 5.1, 5.59, 2.87, 9.12, 0.79, 9.31, 6.31, 4.98, 5.41, 8.41,
];
const x3 = [
  0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1, 0,
];

describe("ols", () => {
  it("matches R 4.2.2 summary(lm(y ~ x1 + x2 + x3)) and confint()", () => {
    const fit = ols(y, columnsToRows([x1, x2, x3], ["x1", "x2", "x3"]), ["x1", "x2", "x3"]);
    const est = [1.62802431450038, 0.392804507231333, -0.287452428360699, 0.708080870299238];
    const se = [0.335693029143435, 0.136756778552779, 0.0546710324518968, 0.318510895158898];
    const t = [4.84974120152123, 2.87228546466335, -5.2578562260301, 2.22309779998575];
    const p = [4.99635619448982e-5, 0.00800626809363113, 1.70375205839859e-5, 0.0351123112604046];
    const ciLo = [0.937997410748851, 0.111696922982131, -0.399830345006573, 0.0533723487716297];
    const ciHi = [2.31805121825191, 0.673912091480535, -0.175074511714825, 1.36278939182685];
    expect(fit.coefficients.map((c) => c.name)).toEqual(["(Intercept)", "x1", "x2", "x3"]);
    fit.coefficients.forEach((c, j) => {
      expect(rel(c.estimate, est[j])).toBeLessThan(1e-10);
      expect(rel(c.se, se[j])).toBeLessThan(1e-10);
      expect(rel(c.t, t[j])).toBeLessThan(1e-10);
      expect(rel(c.p, p[j])).toBeLessThan(1e-6);
      expect(rel(c.ci[0], ciLo[j])).toBeLessThan(1e-6);
      expect(rel(c.ci[1], ciHi[j])).toBeLessThan(1e-6);
    });
    expect(fit.dfResidual).toBe(26);
    expect(rel(fit.sigma, 0.861693354242605)).toBeLessThan(1e-10);
    expect(rel(fit.rSquared, 0.578538212823932)).toBeLessThan(1e-10);
    expect(rel(fit.adjRSquared, 0.529908006611309)).toBeLessThan(1e-10);
    expect(rel(fit.fTest!.f, 11.8966843425344)).toBeLessThan(1e-10);
    expect(fit.fTest!.df1).toBe(3);
    // pf(F, 3, 26, lower.tail = FALSE)
    expect(rel(fit.fTest!.p, 4.32084645182022e-5)).toBeLessThan(1e-6);
    // vcov(fit)[2, 4] and [3, 3]
    expect(rel(fit.covariance[1][3], 0.00104765121027415)).toBeLessThan(1e-10);
    expect(rel(fit.covariance[2][2], 0.00298892178935635)).toBeLessThan(1e-10);
    fit.residuals.forEach((r, i) => expect(r + fit.fitted[i]).toBeCloseTo(y[i], 12));
  });

  it("matches R without an intercept: summary(lm(y ~ 0 + x1 + x2))", () => {
    const fit = ols(y, columnsToRows([x1, x2], ["x1", "x2"]), ["x1", "x2"], { intercept: false });
    expect(rel(fit.coefficients[0].estimate, 0.380979087983223)).toBeLessThan(1e-10);
    expect(rel(fit.coefficients[1].estimate, 0.0113176724010965)).toBeLessThan(1e-10);
    expect(rel(fit.coefficients[0].se, 0.211372454566891)).toBeLessThan(1e-10);
    expect(rel(fit.coefficients[1].se, 0.0420443965724717)).toBeLessThan(1e-10);
    expect(rel(fit.rSquared, 0.111860585832565)).toBeLessThan(1e-10);
    expect(rel(fit.adjRSquared, 0.0484220562491765)).toBeLessThan(1e-10);
    expect(rel(fit.fTest!.f, 1.76329096161548)).toBeLessThan(1e-10);
  });

  it("fits the intercept-only model (mean and its standard error)", () => {
    const v = [1, 2, 4, 7];
    const fit = ols(v, [[], [], [], []], []);
    expect(fit.coefficients[0].estimate).toBeCloseTo(3.5, 14);
    // sd([1,2,4,7]) / 2 = sqrt(7) / 2
    expect(fit.coefficients[0].se).toBeCloseTo(Math.sqrt(7) / 2, 12);
    expect(fit.fTest).toBeNull();
  });

  it("throws RangeErrors for degenerate input", () => {
    expect(() => ols([1, 2, 3], [[1], [2]], ["a"])).toThrow(/X: has 2 rows, expected 3/);
    expect(() => ols([1, 2, NaN], [[1], [2], [3]], ["a"])).toThrow(/y: element 2 is NaN/);
    expect(() => ols([1, 2], [[1], [2]], ["a"])).toThrow(/more observations/);
    expect(() => ols([1, 2, 4, 3], [[5], [5], [5], [5]], ["c"])).toThrow(/rank deficient.*"c"/);
    expect(() =>
      ols(
        [1, 3, 2, 5],
        [
          [1, 2],
          [2, 4],
          [3, 6],
          [4, 8],
        ],
        ["a", "b"],
      ),
    ).toThrow(/collinear/);
    expect(() => ols([2, 4, 6, 8], [[1], [2], [3], [4]], ["a"])).toThrow(/perfect fit/);
    expect(() => ols([1, 2, 4], [[1], [2], [3]], ["a", "b"])).toThrow(/names/);
    expect(() => ols([1, 2, 4], [[1], [2, 3], [3]], ["a"])).toThrow(/X: row 1/);
  });
});
