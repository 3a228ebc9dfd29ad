import { describe, expect, it } from "vitest";
import { ancova } from "./ancova.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Simulated in R 4.2.2 (set.seed(20240501) stream).
const post = [
  64.25, 52.58, 53.36, 47.5, 38.38, 53.9, 44.75, 36.88, 37.36, 40.69, 50.91, 47.76, 47.41, 53.23,
  40.09, 57.67, 49.86, 32.99, 42.45, 57.36, 42.34, 53.12, 42.43, 31.2,
];
const arm = [...Array<string>(12).fill("control"), ...Array<string>(12).fill("compassion")];
const pre = [
  66.47, 57.13, 57.9, 55.13, 38.46, 53.98, 53.51, 45.42, 43.01, 41.67, 58.3, 55.05, 51.14, 61.49,
  55.1, 71.88, 49.98, 44.09, 42.87, 66.22, 58.2, 50.29, 51.3, 38.48,
];
const age = [
  33, 44, 53, 35, 43, 31, 39, 28, 51, 39, 59, 43, 26, 40, 22, 54, 49, 20, 58, 57, 31, 55, 53, 31,
];

describe("ancova", () => {
  it("matches R 4.2.2 lm(post ~ factor(arm, levels = c('compassion','control')) + pre + age)", () => {
    const r = ancova(post, arm, pre, { age });
    expect(r.reference).toBe("compassion");
    expect(r.treatment).toBe("control");
    const est = [-0.794258197547329, 2.42858015480512, 0.751910301561722, 0.156605884390004];
    const se = [5.98471616271378, 1.78052014253397, 0.104775586728049, 0.0772873016637983];
    const p = [0.895745415640208, 0.18773105140544, 5.98510431489766e-7, 0.0562815648117139];
    const ciLo = [-13.2781573552295, -1.28551977964135, 0.533352257481177, -0.00461260181849002];
    const ciHi = [11.6896409601349, 6.14268008925159, 0.970468345642267, 0.317824370598497];
    r.model.coefficients.forEach((c, j) => {
      expect(rel(c.estimate, est[j])).toBeLessThan(1e-10);
      expect(rel(c.se, se[j])).toBeLessThan(1e-10);
      expect(rel(c.p, p[j])).toBeLessThan(1e-6);
      expect(rel(c.ci[0], ciLo[j])).toBeLessThan(1e-6);
      expect(rel(c.ci[1], ciHi[j])).toBeLessThan(1e-6);
    });
    expect(r.effect.name).toBe("arm");
    expect(r.effect.estimate).toBe(r.model.coefficients[1].estimate);
    expect(r.model.coefficients.map((c) => c.name)).toEqual(["(Intercept)", "arm", "pre", "age"]);
  });

  it("reference option and 0/1 coding give consistent effects", () => {
    const flipped = ancova(post, arm, pre, { age }, { reference: "control" });
    expect(flipped.effect.estimate).toBeCloseTo(-2.42858015480512, 10);
    const coded = ancova(
      post,
      arm.map((a) => (a === "control" ? 1 : 0)),
      pre,
      { age },
    );
    expect(coded.effect.estimate).toBeCloseTo(2.42858015480512, 10);
    expect(coded.effect.p).toBeCloseTo(flipped.effect.p, 12);
  });

  it("works without covariates on a tiny design", () => {
    const r = ancova([3, 4, 6, 8, 9], [0, 0, 1, 1, 1], [1, 2, 2, 3, 5]);
    expect(r.model.dfResidual).toBe(2);
  });

  it("throws RangeErrors for bad arms and inputs", () => {
    expect(() => ancova([1, 2, 3], [0, 2, 1], [1, 2, 3])).toThrow(/arm: element 1/);
    expect(() => ancova([1, 2, 3, 4], ["a", "a", "a", "a"], [1, 2, 3, 4])).toThrow(/exactly two/);
    expect(() => ancova([1, 2, 3, 4], [0, 0, 0, 0], [1, 2, 3, 4])).toThrow(/both arms/);
    expect(() => ancova([1, 2, 3], [0, 1], [1, 2, 3])).toThrow(/arm: length/);
    expect(() => ancova([1, 2, 3, 5], [0, 1, 0, 1], [1, NaN, 3, 4])).toThrow(/pre: element 1/);
    expect(() => ancova(post, arm, pre, {}, { reference: "waitlist" })).toThrow(/reference/);
    expect(() => ancova([1, 2, 3, 5, 4], [0, 1, 0, 1, 0], [2, 2, 2, 2, 2])).toThrow(
      /rank deficient.*"pre"/,
    );
  });
});
