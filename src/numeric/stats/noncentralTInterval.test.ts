import { describe, expect, it } from "vitest";
import { noncentralTInterval } from "./noncentralTInterval.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe("noncentralTInterval", () => {
  it("matches scipy 1.17.1 (brentq on stats.nct.cdf(t, df, nc) = 0.975 / 0.025)", () => {
    // t = 2.644171677966972, df = 25 (the cohensD fixture): nc bounds × sqrt(n1 n2/(n1+n2)), n1=12, n2=15
    const scale = Math.sqrt((12 * 15) / 27);
    const ci = noncentralTInterval(2.644171677966972, 25, 0.95);
    expect(ci).not.toBeNull();
    expect(rel(ci![0], 0.20518048089130383 * scale)).toBeLessThan(1e-6);
    expect(rel(ci![1], 1.8250186156166193 * scale)).toBeLessThan(1e-6);
  });

  it("is symmetric around t = 0 and returns null beyond the accurate range", () => {
    const ci = noncentralTInterval(0, 10, 0.95)!;
    expect(ci[0]).toBeCloseTo(-ci[1], 8);
    expect(noncentralTInterval(30, 100)).toBeNull();
    expect(noncentralTInterval(23, 1000)).toBeNull();
  });

  it("validates arguments", () => {
    expect(() => noncentralTInterval(NaN, 10)).toThrow(/t:/);
    expect(() => noncentralTInterval(1, 0)).toThrow(/df:/);
    expect(() => noncentralTInterval(1, 10, 0)).toThrow(/level/);
  });
});
