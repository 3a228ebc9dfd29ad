import { describe, expect, it } from "vitest";
import { logisticRegression } from "./logisticRegression.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Simulated in R 4.2.2 (set.seed(20240501) stream): y ~ Bernoulli(plogis(-0.3 + 1.1 x1 - 0.8 x2)).
const y = [
  0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1,
  0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1,
];
const x1 = [
  -0.11, 2.35, 0.19, 1.41, -2.27, 1.13, -1.46, 1.11, 2.18, -1.74, 1.21, 0.73, 0.92, 1.81, 0.72, 0,
  -1.13, 0.07, 0.42, -0.88, -2.19, -0.14, 0.12, 2.01, 0, -0.61, -0.83, -0.98, -0.09, -0.15, 1.39,
  -0.42, 0.09, -0.75, -0.35, -1.87, -0.02, 0.59, -1.51, -1.45, 0.28, -0.26, -0.32, -0.55, 1.07,
  0.38, 0.05, 0.87, 1.82, -0.27, 0, 1.22, 0.09, 1.34, 1.45, 0.27, 0.68, 0.53, 1.71, 0.51,
];
const x2 = [
  -0.27, 0.7, -0.85, -0.68, 0.99, 0.28, -0.7, -0.7, -0.04, -0.42, 0.46, 0.12, 0.6, -0.85, 0.96,
  0.46, -0.84, -0.34, -0.07, -0.08, -0.03, 0.88, 0.92, 0.25, -0.83, 0.56, -0.61, -0.97, -0.8, 0.54,
  -0.04, 0.92, -0.15, 0.14, 0.4, -0.66, -0.37, 0.6, 0.5, -0.99, -0.95, -0.63, -0.59, 0.41, -0.41,
  -0.11, -0.39, -0.11, 0.87, 0.49, -0.97, -0.99, -0.74, -0.36, 0.1, 0.14, 0.49, -0.32, 0.53, 0.14,
];
const X = x1.map((v, i) => [v, x2[i]]);

describe("logisticRegression", () => {
  it("matches an independent Newton–Raphson fit in numpy 2.4.6", () => {
    // Python: X = [1, x1, x2]; b = 0; repeat mu = 1/(1+exp(-X@b)); H = X.T@(X*(mu*(1-mu))[:,None]);
    // b += solve(H, X.T@(y-mu)) until max|step| < 1e-15; se = sqrt(diag(inv(H)));
    // p = 2*scipy.stats.norm.sf(|b/se|); CI b ± norm.ppf(0.975)*se.
    // (R 4.2.2 glm(y ~ x1 + x2, binomial) agrees to ~1e-9.)
    const fit = logisticRegression(y, X, ["x1", "x2"]);
    const est = [-0.3641696886123477, 1.257120053560845, -1.400351682189259];
    const se = [0.32769030926527476, 0.37408643425733223, 0.5867417364122469];
    const z = [-1.1113227285508216, 3.360506926845891, -2.386657698414293];
    const p = [0.2664294595570509, 0.0007779957981921366, 0.017002313648597042];
    const ciLo = [-1.0064308928550783, 0.5239241153114632, -2.550344353783757];
    const ciHi = [0.27809151563038276, 1.9903159918102271, -0.2503590105947613];
    expect(fit.converged).toBe(true);
    expect(fit.separation).toBe("none");
    fit.coefficients.forEach((c, j) => {
      expect(rel(c.estimate, est[j])).toBeLessThan(1e-10);
      expect(rel(c.se, se[j])).toBeLessThan(1e-10);
      expect(rel(c.z, z[j])).toBeLessThan(1e-10);
      expect(rel(c.p, p[j])).toBeLessThan(1e-6);
      expect(rel(c.ci[0], ciLo[j])).toBeLessThan(1e-8);
      expect(rel(c.ci[1], ciHi[j])).toBeLessThan(1e-8);
      expect(c.oddsRatio).toBeCloseTo(Math.exp(est[j]), 12);
    });
    expect(rel(fit.logLik, -31.80890742935239)).toBeLessThan(1e-12);
  });

  it("matches R 4.2.2 glm deviance, null deviance and AIC", () => {
    const fit = logisticRegression(y, X, ["x1", "x2"]);
    expect(rel(fit.deviance, 63.6178148587048)).toBeLessThan(1e-12);
    expect(rel(fit.nullDeviance!, 83.1776616671934)).toBeLessThan(1e-12);
    expect(rel(fit.aic, 69.6178148587048)).toBeLessThan(1e-12);
  });

  it("reports complete separation instead of looping", () => {
    const fit = logisticRegression(
      [0, 0, 0, 0, 1, 1, 1, 1],
      [[-3], [-2], [-1], [-0.5], [0.5], [1], [2], [3]],
      ["x"],
    );
    expect(fit.separation).toBe("complete");
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBeLessThan(30);
    expect(fit.coefficients[1].estimate).toBeGreaterThan(5);
    expect(Number.isNaN(fit.coefficients[1].se)).toBe(true);
  });

  it("reports quasi-complete separation (ties on the boundary)", () => {
    const fit = logisticRegression(
      [0, 0, 0, 0, 1, 1, 1, 1],
      [[-3], [-2], [-1], [0], [0], [1], [2], [3]],
      ["x"],
    );
    expect(fit.separation).toBe("quasi-complete");
    expect(fit.converged).toBe(false);
  });

  it("reports quasi-complete separation when one arm has only events", () => {
    const arm = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    const ys = [0, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1];
    const fit = logisticRegression(
      ys,
      arm.map((a) => [a]),
      ["arm"],
    );
    expect(fit.separation).toBe("quasi-complete");
    // The intercept still converges to the control-arm log-odds log(2/4).
    expect(fit.coefficients[0].estimate).toBeCloseTo(Math.log(0.5), 8);
  });

  it("does not flag a finite MLE with an extreme (well-classified) observation", () => {
    const xs = [[-1], [-0.5], [0], [0.5], [1], [-1], [-0.5], [0], [0.5], [1], [40]];
    const ys = [0, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1];
    const fit = logisticRegression(ys, xs, ["x"]);
    expect(fit.separation).toBe("none");
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[1].se)).toBe(true);
  });

  it("throws RangeErrors for bad input", () => {
    expect(() => logisticRegression([0, 1, 2], [[1], [2], [3]], ["x"])).toThrow(/y01: element 2/);
    expect(() => logisticRegression([1, 1, 1], [[1], [2], [3]], ["x"])).toThrow(
      /all outcomes are equal/,
    );
    expect(() => logisticRegression([0, 1], [[1], [2]], ["x"])).toThrow(/more observations/);
    expect(() => logisticRegression([0, 1, 0, 1], [[1], [1], [1], [1]], ["x"])).toThrow(
      /rank deficient/,
    );
    expect(() => logisticRegression([0, 1, 0, 1], [[1], [NaN], [1], [2]], ["x"])).toThrow(
      /X: entry \[1\]\[0\]/,
    );
  });
});
