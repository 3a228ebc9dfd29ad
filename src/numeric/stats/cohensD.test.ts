import { describe, expect, it } from "vitest";
import { cohensD } from "./cohensD.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Same data as welchT.test.ts (R 4.2.2, set.seed(20240501)).
const x = [10.3, 10.79, 6.6, 8.77, 9.87, 7.13, 12.59, 11.43, 8.71, 10.72, 10.62, 9.21];
const y = [
  3.12, 6.83, 8.37, 3.6, 11.62, 7.71, 7.81, 8.32, 6.33, 4.39, 10.64, 5.75, 4.2, 1.81, 13.56,
];
// Small groups (n = 5, 6), same seed stream.
const xs = [1.69, 0.39, 0.13, 1.69, 0.89];
const ys = [0.85, -2.17, 0.06, 0.34, 0.38, -0.96];

/*
 * References computed with numpy 2.4.6 / scipy 1.17.1:
 *   sp = sqrt(((n1-1)*x.var(ddof=1) + (n2-1)*y.var(ddof=1)) / (n1+n2-2)); d = (x.mean()-y.mean())/sp
 *   t = d*sqrt(n1*n2/(n1+n2)); noncentral-t CI: scipy.optimize.brentq on
 *   stats.nct.cdf(t, df, nc) = 1-a/2 (lower) and a/2 (upper), bounds nc/sqrt(n1*n2/(n1+n2));
 *   normal CI: d ± norm.ppf(1-a/2)*sqrt((n1+n2)/(n1*n2) + d**2/(2*(n1+n2))).
 */
describe("cohensD", () => {
  it("matches the numpy/scipy reference (noncentral t CI by default)", () => {
    const r = cohensD(x, y);
    expect(rel(r.estimate, 1.0240832873279404)).toBeLessThan(1e-12);
    expect(rel(r.pooledSd, 2.725364269230812)).toBeLessThan(1e-12);
    expect(rel(r.t, 2.644171677966972)).toBeLessThan(1e-12);
    expect(r.correction).toBe(1);
    expect(r.ciMethod).toBe("noncentralT");
    expect(rel(r.ci[0], 0.20518048089130383)).toBeLessThan(1e-6);
    expect(rel(r.ci[1], 1.8250186156166193)).toBeLessThan(1e-6);
    expect(rel(r.se, 0.41160810603238)).toBeLessThan(1e-12);
  });

  it("90% noncentral t and normal-approximation intervals", () => {
    const r = cohensD(x, y, { level: 0.9 });
    expect(rel(r.ci[0], 0.3349123934030314)).toBeLessThan(1e-6);
    expect(rel(r.ci[1], 1.6943254431690975)).toBeLessThan(1e-6);
    const n = cohensD(x, y, { ciMethod: "normal" });
    expect(n.ciMethod).toBe("normal");
    expect(rel(n.ci[0], 0.21734622375973178)).toBeLessThan(1e-10);
    expect(rel(n.ci[1], 1.8308203508961491)).toBeLessThan(1e-10);
  });

  it("small groups (n = 5 and 6)", () => {
    const r = cohensD(xs, ys);
    expect(rel(r.estimate, 1.255937128152527)).toBeLessThan(1e-12);
    // The lower bound is near 0, so compare absolutely.
    expect(Math.abs(r.ci[0] - -0.08912955940727242)).toBeLessThan(1e-7);
    expect(rel(r.ci[1], 2.5454708070653957)).toBeLessThan(1e-6);
    const n = cohensD(xs, ys, { ciMethod: "normal" });
    expect(Math.abs(n.ci[0] - -0.04173912928096857)).toBeLessThan(1e-10);
    expect(rel(n.ci[1], 2.553613385586022)).toBeLessThan(1e-10);
  });

  it("falls back to the normal interval when |t| is beyond jstat's noncentral t range", () => {
    const a = Array.from({ length: 400 }, (_, i) => 10 + Math.sin(i));
    const b = Array.from({ length: 400 }, (_, i) => Math.cos(i));
    const r = cohensD(a, b);
    expect(r.ciMethod).toBe("normal");
    expect(r.note).toMatch(/normal approximation/);
    expect(r.ci[0]).toBeLessThan(r.estimate);
  });

  it("throws RangeErrors for bad input", () => {
    expect(() => cohensD([1], [1, 2])).toThrow(/x: needs at least 2/);
    expect(() => cohensD([2, 2], [2, 2])).toThrow(/pooled standard deviation is zero/);
    expect(() => cohensD([1, 2], [1, NaN])).toThrow(/y: element 1 is NaN/);
    // @ts-expect-error invalid method on purpose
    expect(() => cohensD(x, y, { ciMethod: "bootstrap" })).toThrow(/ciMethod/);
  });
});
