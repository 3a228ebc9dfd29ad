import { describe, expect, it } from "vitest";
import {
  fUpperP,
  noncentralTCdf,
  normalQuantile,
  normalTwoSidedP,
  studentTQuantile,
  studentTTwoSidedP,
} from "./distributions.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe("distribution wrappers (reference: scipy 1.17.1)", () => {
  it("two-sided t p-values: 2*stats.t.sf(t, df)", () => {
    const cases: [number, number, number][] = [
      [2.5, 10, 0.03144684423660882],
      [0.3, 3.5, 0.7811334098398895],
      [8, 40, 7.905084110104538e-10],
      [-1.96, 1000, 0.050273184955748736],
    ];
    for (const [t, df, p] of cases) expect(rel(studentTTwoSidedP(t, df), p)).toBeLessThan(1e-6);
    expect(studentTTwoSidedP(0, 5)).toBe(1);
    expect(studentTTwoSidedP(Infinity, 5)).toBe(0);
  });

  it("t quantiles: stats.t.ppf(p, df)", () => {
    const cases: [number, number, number][] = [
      [0.975, 10, 2.228138851986274],
      [0.995, 3.5, 5.085702223091256],
      [0.95, 40, 1.683851013335652],
    ];
    for (const [p, df, q] of cases) expect(rel(studentTQuantile(p, df), q)).toBeLessThan(1e-6);
  });

  it("upper-tail F: stats.f.sf(f, df1, df2)", () => {
    expect(rel(fUpperP(3.1, 2, 20), 0.06718727751094775)).toBeLessThan(1e-6);
    expect(rel(fUpperP(10, 3, 100), 8.001257542330505e-6)).toBeLessThan(1e-6);
    expect(rel(fUpperP(0.3, 1, 5), 0.6074354940759242)).toBeLessThan(1e-6);
    expect(fUpperP(0, 1, 5)).toBe(1);
  });

  it("noncentral t cdf: stats.nct.cdf(t, df, nc)", () => {
    expect(rel(noncentralTCdf(2.0, 10, 1.5), 0.6591540724421909)).toBeLessThan(1e-7);
    expect(rel(noncentralTCdf(-1.0, 38, 0.5), 0.06892934031271966)).toBeLessThan(1e-7);
    expect(rel(noncentralTCdf(4.0, 20, 3.0), 0.789059200136373)).toBeLessThan(1e-7);
    expect(() => noncentralTCdf(30, 100, 30)).toThrow(/ncp/);
  });

  it("normal quantile and two-sided p", () => {
    // scipy: stats.norm.ppf(0.975) = 1.959963984540054
    expect(rel(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(1e-12);
    expect(rel(normalTwoSidedP(1.959963984540054), 0.05)).toBeLessThan(1e-12);
  });
});
