import { describe, expect, it } from "vitest";
import { mean, median, quantile, ranks, sd, variance, zScores } from "./descriptive.js";

describe("descriptive helpers", () => {
  it("mean and sample variance match numpy", () => {
    // numpy 2.4.6: np.var([2.5, 3.1, 4.7, 1.2, 9.9], ddof=1) = 11.452000000000002
    const x = [2.5, 3.1, 4.7, 1.2, 9.9];
    expect(mean(x)).toBeCloseTo(4.28, 14);
    expect(variance(x)).toBeCloseTo(11.452, 12);
    expect(sd(x)).toBeCloseTo(Math.sqrt(11.452), 12);
  });

  it("variance is accurate with a large offset (two-pass)", () => {
    const x = [1e9 + 1, 1e9 + 2, 1e9 + 3];
    expect(variance(x)).toBe(1);
  });

  it("ranks average ties (scipy.stats.rankdata, method='average')", () => {
    // scipy 1.17.1: rankdata([3,1,4,1,5,9,2,6,5,5])
    expect(ranks([3, 1, 4, 1, 5, 9, 2, 6, 5, 5])).toEqual([4, 1.5, 5, 1.5, 7, 10, 3, 9, 7, 7]);
    expect(ranks([])).toEqual([]);
  });

  it("type-7 quantiles match numpy.quantile defaults", () => {
    // numpy 2.4.6: np.quantile([3,1,4,1,5,9,2,6], [0, .1, .25, .5, .9, 1])
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    const expected = [1.0, 1.0, 1.75, 3.5, 6.8999999999999995, 9.0];
    [0, 0.1, 0.25, 0.5, 0.9, 1].forEach((p, i) =>
      expect(quantile(x, p)).toBeCloseTo(expected[i], 13),
    );
    expect(median([5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("z-scores have mean 0 and SD 1", () => {
    const z = zScores([1, 2, 4, 8, 16]);
    expect(mean(z)).toBeCloseTo(0, 14);
    expect(sd(z)).toBeCloseTo(1, 14);
  });

  it("rejects bad input with RangeErrors naming the argument", () => {
    expect(() => mean([])).toThrow(RangeError);
    expect(() => mean([1, NaN])).toThrow(/x: element 1 is NaN/);
    expect(() => variance([1])).toThrow(/x: needs at least 2/);
    expect(() => quantile([1, 2], 1.5)).toThrow(/p: must be in \[0, 1\]/);
    expect(() => ranks([1, Infinity])).toThrow(/not finite/);
    expect(() => zScores([3, 3, 3], "pre")).toThrow(/pre: has zero variance/);
  });
});
