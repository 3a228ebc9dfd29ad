import { describe, expect, it } from "vitest";
import { crossLaggedPanel } from "./crossLaggedPanel.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Simulated in R 4.2.2 (set.seed(20240501) stream), two waves of X and Y, n = 45.
const x1 = [
  -0.05, 3.41, -2.69, -0.65, 1.46, 1.16, -1.6, -0.25, 0.94, -1.22, 0.43, -0.76, 0.08, 1.18, -0.25,
  0.82, -0.51, -0.3, -0.38, -1.17, 2.25, 0.05, -0.8, 0.08, 0.64, 1.45, -0.49, -0.73, -0.51, 0.04,
  -0.09, -1.2, -1.02, 1.05, -0.35, -0.61, -0.36, 0.48, 0.72, -0.86, -0.56, 0.19, 0.53, 1.25, 0.5,
];
const y1 = [
  0.33, 2.14, -0.45, -0.49, -0.49, 0.74, -1.2, 1.67, -0.09, 0.03, 0.37, -0.63, -0.54, -0.11, -1,
  0.48, 0.13, -0.01, -1.29, -0.29, 1.18, -0.23, 0.19, 1.07, -0.45, -0.99, -0.25, 0.65, 0.31, -0.67,
  0.35, -0.47, 0.33, -1.14, -0.7, -1.34, -0.66, -1.08, 0.19, -2.29, -1.56, -1.06, 1.06, 1.16, -0.93,
];
const x2 = [
  -0.2, 1.21, -2.47, 0.25, -0.02, 0.23, -0.57, 1.09, 0.11, -0.33, 0.04, -0.88, -0.43, 1.08, 0.31,
  -0.95, -0.23, 0.42, -0.91, -0.19, 0.68, -0.06, 0.71, 0.34, 0.49, 2.28, 0.46, -0.33, -0.26, 0.89,
  -0.71, -1.04, -1.22, 0.05, 0.82, -1.25, 1, -0.99, 0.4, -1.1, 0.04, -0.81, 0.29, 1.58, -1,
];
const y2 = [
  0.25, 2.66, -0.73, -0.55, 0.46, 0.78, -1.23, 1.41, -0.53, -0.43, 0.75, -0.85, 0.06, 0.91, -0.39,
  0.49, -0.02, 0.51, -0.89, -0.81, 0.97, 0.01, 0.52, 0.54, 0.12, 0.74, -0.08, 0.98, 0.09, -0.2,
  -0.03, -1.19, -0.63, -0.33, -0.12, -0.73, -0.02, -1.43, 0.76, -1.56, -0.86, -1.02, 0.19, 1.83,
  -1.02,
];

describe("crossLaggedPanel", () => {
  it("matches R 4.2.2 regressions on scale()d variables and the multivariate-lm covariance", () => {
    // S <- function(v) as.numeric(scale(v)); summary(lm(S(x2) ~ S(x1) + S(y1))), summary(lm(S(y2) ~ S(x1) + S(y1)));
    // mv <- lm(cbind(S(x2), S(y2)) ~ S(x1) + S(y1)); V <- vcov(mv);
    // diff = b[x1→y2] − b[y1→x2]; var = V[5,5] + V[3,3] − 2 V[5,3]; p = 2 pt(−|t|, n − 3).
    const r = crossLaggedPanel(x1, y1, x2, y2);
    const check = (
      row: { estimate: number; se: number; t: number; p: number },
      e: number[],
    ): void => {
      expect(rel(row.estimate, e[0])).toBeLessThan(1e-10);
      expect(rel(row.se, e[1])).toBeLessThan(1e-10);
      expect(rel(row.t, e[2])).toBeLessThan(1e-10);
      expect(rel(row.p, e[3])).toBeLessThan(1e-6);
    };
    check(
      r.paths.x1ToY2,
      [0.372837705691771, 0.0817955648829257, 4.55816530181576, 4.40707612231362e-5],
    );
    check(
      r.paths.y1ToX2,
      [0.163627509714027, 0.136560846287809, 1.19820222385832, 0.237556131738918],
    );
    check(
      r.paths.x1ToX2,
      [0.500836409355437, 0.136560846287809, 3.66749637959844, 0.000683478073134385],
    );
    check(
      r.paths.y1ToY2,
      [0.654959089848705, 0.0817955648829257, 8.00726898562472, 5.46628132762834e-10],
    );
    expect(r.paths.x1ToY2.name).toBe("x1 -> y2");
    expect(rel(r.difference.estimate, 0.209210195977744)).toBeLessThan(1e-10);
    expect(rel(r.difference.se, 0.174779447528345)).toBeLessThan(1e-10);
    expect(rel(r.difference.p, 0.238021142219002)).toBeLessThan(1e-6);
    expect(r.difference.df).toBe(42);
  });

  it("is invariant to linear rescaling of the inputs", () => {
    const a = crossLaggedPanel(x1, y1, x2, y2);
    const b = crossLaggedPanel(
      x1.map((v) => 10 * v + 3),
      y1.map((v) => -2 * v),
      x2,
      y2.map((v) => v / 7),
    );
    expect(b.paths.x1ToY2.estimate).toBeCloseTo(a.paths.x1ToY2.estimate, 12);
    expect(b.paths.y1ToX2.estimate).toBeCloseTo(-a.paths.y1ToX2.estimate, 12);
  });

  it("throws RangeErrors for bad input", () => {
    expect(() => crossLaggedPanel([1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4])).toThrow(
      /x1: needs at least 5/,
    );
    expect(() => crossLaggedPanel(x1, y1, x2, y2.slice(1))).toThrow(/y2: length/);
    expect(() =>
      crossLaggedPanel(
        x1,
        y1.map(() => 1),
        x2,
        y2,
      ),
    ).toThrow(/y1: has zero variance/);
    expect(() =>
      crossLaggedPanel(
        x1,
        x1.map((v) => 2 * v),
        x2,
        y2,
      ),
    ).toThrow(/rank deficient/);
  });
});
