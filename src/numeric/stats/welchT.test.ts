import { describe, expect, it } from "vitest";
import { welchT } from "./welchT.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Data generated in R 4.2.2 (set.seed(20240501); round(rnorm(12, 10, 2), 2);
// round(rnorm(15, 8.5, 3.5), 2)).
const x = [10.3, 10.79, 6.6, 8.77, 9.87, 7.13, 12.59, 11.43, 8.71, 10.72, 10.62, 9.21];
const y = [
  3.12, 6.83, 8.37, 3.6, 11.62, 7.71, 7.81, 8.32, 6.33, 4.39, 10.64, 5.75, 4.2, 1.81, 13.56,
];

describe("welchT", () => {
  it("matches scipy 1.17.1 stats.ttest_ind(x, y, equal_var=False)", () => {
    // r = ttest_ind(x, y, equal_var=False); r.confidence_interval(0.95 / 0.90)
    // (R 4.2.2 t.test(x, y) gives the same values.)
    const r = welchT(x, y);
    expect(rel(r.t, 2.823118504334885)).toBeLessThan(1e-10);
    expect(rel(r.df, 21.9959299555971)).toBeLessThan(1e-10);
    expect(rel(r.p, 0.009902304745881484)).toBeLessThan(1e-6);
    expect(rel(r.ci[0], 0.740699305420708)).toBeLessThan(1e-6);
    expect(rel(r.ci[1], 4.841300694579292)).toBeLessThan(1e-6);
    // numpy: np.mean(x) - np.mean(y) = 9.728333333333333 - 6.937333333333333
    expect(r.meanDiff).toBeCloseTo(9.728333333333333 - 6.937333333333333, 12);
    expect(r.se).toBeCloseTo(r.meanDiff / r.t, 12);
    const r90 = welchT(x, y, { level: 0.9 });
    expect(rel(r90.ci[0], 1.093377711354629)).toBeLessThan(1e-6);
    expect(rel(r90.ci[1], 4.488622288645372)).toBeLessThan(1e-6);
  });

  it("is antisymmetric in its arguments", () => {
    const a = welchT(x, y);
    const b = welchT(y, x);
    expect(b.t).toBeCloseTo(-a.t, 12);
    expect(b.p).toBeCloseTo(a.p, 12);
  });

  it("handles the minimal n = 2 per group and one constant group", () => {
    const r = welchT([1, 2], [5, 5, 5]);
    // Only x contributes variance: se = sqrt(0.5/2) = 0.5, df = 1.
    expect(r.se).toBeCloseTo(0.5, 14);
    expect(r.df).toBeCloseTo(1, 12);
  });

  it("throws RangeErrors for bad input", () => {
    expect(() => welchT([1], [1, 2])).toThrow(/x: needs at least 2/);
    expect(() => welchT([1, 2], [NaN, 2])).toThrow(/y: element 0 is NaN/);
    expect(() => welchT([3, 3], [4, 4, 4])).toThrow(/zero variance/);
    expect(() => welchT(x, y, { level: 1 })).toThrow(/level/);
  });
});
