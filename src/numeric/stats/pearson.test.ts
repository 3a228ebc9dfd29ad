import { describe, expect, it } from "vitest";
import { pearson } from "./pearson.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Simulated in R 4.2.2 (set.seed(20240501) stream, 2 dp).
const x = [
  -0.02, -0.5, 0.1, -0.75, -0.47, -0.77, -0.33, 0.97, 0.5, 0.81, -0.69, 0.76, 0.48, 0.19, 1.86,
  1.06, -0.59, -0.12, -1.33, 0.38,
];
const y = [
  0.84, 0.42, -0.65, -1.96, 1.11, 0.53, -2.59, 0.65, 0.55, -0.25, -1.12, 1.33, 0.66, 2.27, 1.26,
  2.09, 1.22, 0.62, -0.25, 0.17,
];

describe("pearson", () => {
  it("matches R 4.2.2 cor.test(x, y) (and conf.level = 0.9)", () => {
    const r = pearson(x, y);
    expect(rel(r.r, 0.438742464072369)).toBeLessThan(1e-12);
    expect(rel(r.t, 2.07144448670065)).toBeLessThan(1e-12);
    expect(r.df).toBe(18);
    expect(rel(r.p, 0.0529648140787429)).toBeLessThan(1e-6);
    expect(rel(r.ci[0], -0.00468862758976302)).toBeLessThan(1e-6);
    expect(rel(r.ci[1], 0.737982066238437)).toBeLessThan(1e-10);
    const r90 = pearson(x, y, { level: 0.9 });
    expect(rel(r90.ci[0], 0.0716140216831745)).toBeLessThan(1e-8);
    expect(rel(r90.ci[1], 0.70117492659302)).toBeLessThan(1e-10);
  });

  it("handles perfect correlation and the minimum n = 4", () => {
    const r = pearson([1, 2, 3, 4], [2, 4, 6, 8]);
    expect(r.r).toBe(1);
    expect(r.p).toBe(0);
    expect(r.ci).toEqual([1, 1]);
    const s = pearson([1, 2, 3, 4], [1, 3, 2, 4]);
    expect(s.r).toBeCloseTo(0.8, 14);
  });

  it("throws RangeErrors for bad input", () => {
    expect(() => pearson([1, 2, 3], [1, 2, 3])).toThrow(/x: needs at least 4/);
    expect(() => pearson([1, 2, 3, 4, 5], [1, 2, 3, 4])).toThrow(
      /y: length 4 does not match x length 5/,
    );
    expect(() => pearson([1, 1, 1, 1], [1, 2, 3, 4])).toThrow(/x: has zero variance/);
    expect(() => pearson([1, 2, 3, 4], [5, 5, 5, 5])).toThrow(/y: has zero variance/);
    expect(() => pearson([1, 2, NaN, 4], [1, 2, 3, 4])).toThrow(/x: element 2/);
  });
});
