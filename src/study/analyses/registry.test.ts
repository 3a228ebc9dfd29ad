import { describe, expect, it } from "vitest";
import { ANALYSES, ANALYSIS_TYPES, analysisDefinition, validateAnalysis } from "./registry.js";

describe("analysis registry", () => {
  it("lists each kind once, in documentation order, with its definition", () => {
    expect(ANALYSIS_TYPES).toEqual([
      "compare",
      "ancova",
      "correlation",
      "logistic",
      "mixed",
      "mediation",
      "moderation",
      "doseResponse",
      "crossLagged",
      "withinChange",
      "mean",
      "pairedDifference",
      "quadratic",
    ]);
    for (const d of ANALYSES) expect(analysisDefinition(d.type)).toBe(d);
    expect(analysisDefinition("toString")).toBeUndefined();
  });

  it("rejects a field another kind allows, naming the kind's own fields", () => {
    const errors = validateAnalysis(
      { id: "a", type: "mean", value: { participant: "minutes" }, method: "pearson" },
      "analyses[0]",
      { arms: [], waves: [], participantFields: ["minutes"] },
    );
    expect(errors).toEqual([
      "analyses[0].method: unknown field (expected only: id, type, label, value, arms)",
    ]);
  });

  it("checks measure and field names only when they are known", () => {
    const raw = { id: "a", type: "mean", value: { measure: "x", wave: "pre" } };
    expect(validateAnalysis(raw, "a", { arms: [], waves: ["pre"] })).toEqual([]);
    expect(validateAnalysis(raw, "a", { arms: [], waves: ["pre"], measures: ["y"] })).toEqual([
      'a.value.measure: unknown measure "x" (expected one of: y)',
    ]);
  });
});
