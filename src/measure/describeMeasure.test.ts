import { describe, expect, it } from "vitest";
import { compileModel } from "../engine/compileModel.js";
import { defaultModel } from "../model/loadModel.js";
import { describeMeasure } from "./describeMeasure.js";
import { loadParadigms } from "./paradigm.js";

const paradigms = loadParadigms(compileModel(defaultModel()));

describe("describeMeasure", () => {
  it("gives a measure its paradigm, label and instrument unit", () => {
    expect(describeMeasure(paradigms, "rmet_accuracy")).toMatchObject({
      paradigm: "rmet",
      label: "RMET items correct (of 36)",
      unit: "items correct",
      instrument: "binomial",
    });
    expect(describeMeasure(paradigms, "daily_positive")?.unit).toMatch(/^mean daily/);
    expect(describeMeasure(paradigms, "nope")).toBeUndefined();
    for (const p of paradigms)
      for (const m of p.measures) expect(describeMeasure(paradigms, m.id)?.unit, m.id).toBeTruthy();
  });
});
