import { describe, expect, it } from "vitest";
import { midRanks, pearsonCorrelation, spearmanCorrelation } from "./rankCorrelation.js";

describe("rank correlation", () => {
  it("averages ranks over ties", () => {
    expect(Array.from(midRanks([3, 1, 3, 2]))).toEqual([3.5, 1, 3.5, 2]);
  });

  it("matches SciPy", () => {
    // scipy.stats.spearmanr([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 6]).statistic -> 0.8696565534786727
    // scipy.stats.pearsonr([1, 2, 3, 4], [1, 3, 2, 5]).statistic            -> 0.8315218406203
    expect(spearmanCorrelation([1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 6])).toBeCloseTo(
      0.8696565534786727,
      12,
    );
    expect(pearsonCorrelation([1, 2, 3, 4], [1, 3, 2, 5])).toBeCloseTo(0.8315218406202999, 12);
  });
});
