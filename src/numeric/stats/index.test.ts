import { describe, expect, it } from "vitest";
import * as stats from "./index.js";

describe("stats public API", () => {
  it("exports every estimator and helper", () => {
    const names = [
      "ancova",
      "benjaminiHochberg",
      "bonferroni",
      "cohensD",
      "crossLaggedPanel",
      "doseResponse",
      "hedgesCorrection",
      "hedgesG",
      "holm",
      "logisticRegression",
      "mean",
      "median",
      "mediation",
      "mixedModel",
      "moderation",
      "noncentralTInterval",
      "ols",
      "pearson",
      "quantile",
      "ranks",
      "sd",
      "spearman",
      "variance",
      "welchT",
      "zScores",
    ];
    for (const name of names)
      expect(typeof (stats as Record<string, unknown>)[name]).toBe("function");
    expect(Object.keys(stats).sort()).toEqual([...names].sort());
  });
});
