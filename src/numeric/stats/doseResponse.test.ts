import { describe, expect, it } from "vitest";
import { doseResponse } from "./doseResponse.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Simulated in R 4.2.2 (set.seed(20240501) stream): change = −0.1·dose + e.
const change = [
  -2.33, -3.59, -0.51, -0.62, -2.22, -4.63, -5.99, -1.92, -1.56, 0.02, -3.72, -1.49, 1.57, -2.8,
  -2.07, -2.25, -1.3, 1.65, 2.96, 1.69, -0.81,
];
const dose = [18, 23, 1, 14, 19, 16, 39, 0, 26, 14, 39, 7, 3, 36, 8, 37, 34, 24, 0, 33, 2];

describe("doseResponse", () => {
  it("matches R 4.2.2: lm(change ~ dose), cor.test, and t.test(high, low) on the median split", () => {
    // md <- median(dose); hi <- change[dose > md]; lo <- change[dose < md]; t.test(hi, lo);
    // d = (mean(hi) − mean(lo)) / pooled SD computed by hand in R.
    const r = doseResponse(change, dose);
    expect(rel(r.slope.estimate, -0.0692440821795444)).toBeLessThan(1e-10);
    expect(rel(r.slope.se, 0.0328488106493765)).toBeLessThan(1e-10);
    expect(rel(r.slope.t, -2.10796314419556)).toBeLessThan(1e-10);
    expect(rel(r.slope.p, 0.0485421913349231)).toBeLessThan(1e-6);
    expect(rel(r.correlation.r, -0.43536319181993)).toBeLessThan(1e-10);
    expect(rel(r.correlation.p, 0.0485421913349231)).toBeLessThan(1e-6);
    expect(r.medianSplit.medianDose).toBe(18);
    expect(r.medianSplit.nHigh).toBe(10);
    expect(r.medianSplit.nLow).toBe(10);
    expect(rel(r.medianSplit.welch.t, -1.27099196408134)).toBeLessThan(1e-10);
    expect(rel(r.medianSplit.welch.df, 17.7126414156778)).toBeLessThan(1e-10);
    expect(rel(r.medianSplit.welch.p, 0.22017056599034)).toBeLessThan(1e-6);
    expect(rel(r.medianSplit.d.estimate, -0.568404886108369)).toBeLessThan(1e-10);
  });

  it("assigns median ties according to tiesAtMedian", () => {
    const low = doseResponse(change, dose, { tiesAtMedian: "low" });
    expect(low.medianSplit.nLow).toBe(11);
    expect(low.medianSplit.nHigh).toBe(10);
    const high = doseResponse(change, dose, { tiesAtMedian: "high" });
    expect(high.medianSplit.nHigh).toBe(11);
  });

  it("throws RangeErrors for degenerate doses", () => {
    expect(() => doseResponse([1, 2, 3, 4], [5, 5, 5, 5])).toThrow(/dose: has zero variance/);
    // Median split leaves a single low observation.
    expect(() => doseResponse([1, 2, 3, 4, 5], [0, 1, 1, 1, 2])).toThrow(/dose: median split/);
    expect(() => doseResponse([1, 2, 3], [1, 2, 3])).toThrow(/change: needs at least 4/);
    expect(() => doseResponse([1, 2, 3, 4, 5], [1, 2, 3, 4])).toThrow(
      /dose: length 4 does not match change length 5/,
    );
    // @ts-expect-error invalid option on purpose
    expect(() => doseResponse(change, dose, { tiesAtMedian: "split" })).toThrow(/tiesAtMedian/);
  });
});
