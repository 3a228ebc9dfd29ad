import { describe, expect, it } from "vitest";
import { spearman } from "./spearman.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Hand-made data with ties in both variables.
const x = [1, 2, 2, 3, 4, 4, 4, 5, 6, 7, 8, 8, 9, 10, 11];
const y = [2.1, 1.9, 3.5, 3.5, 2.8, 4.0, 5.2, 4.4, 4.4, 6.1, 5.0, 7.3, 6.6, 6.6, 8.0];

describe("spearman", () => {
  it("matches scipy 1.17.1 stats.spearmanr(x, y) and the Bonett–Wright CI computed in numpy", () => {
    // CI: rho = spearmanr(x, y).statistic; se = sqrt((1 + rho**2/2)/(n-3));
    //     tanh(arctanh(rho) ± norm.ppf(0.975)*se)
    const r = spearman(x, y);
    expect(rel(r.rho, 0.9081941301177208)).toBeLessThan(1e-12);
    expect(rel(r.p, 2.8521924303509747e-6)).toBeLessThan(1e-6);
    expect(r.ciMethod).toBe("fisherZ-bonettWright");
    expect(rel(r.ci[0], 0.6882919814371706)).toBeLessThan(1e-10);
    expect(rel(r.ci[1], 0.9752363621511888)).toBeLessThan(1e-10);
  });

  it("is invariant to monotone transforms and handles perfect rank agreement", () => {
    const a = spearman(x, y);
    const b = spearman(
      x.map((v) => Math.exp(v)),
      y.map((v) => v ** 3),
    );
    expect(b.rho).toBeCloseTo(a.rho, 14);
    const p = spearman([1, 2, 3, 4, 5], [10, 20, 30, 40, 1000]);
    expect(p.rho).toBe(1);
    expect(p.p).toBe(0);
  });

  it("throws RangeErrors for constant / short input", () => {
    expect(() => spearman([2, 2, 2, 2, 2], [1, 2, 3, 4, 5])).toThrow(/x: has zero variance/);
    expect(() => spearman([1, 2, 3], [1, 2, 3])).toThrow(/needs at least 4/);
    expect(() => spearman([1, 2, 3, 4], [1, 2, NaN, 4])).toThrow(/y: element 2/);
  });
});
