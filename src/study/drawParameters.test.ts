import { describe, expect, it } from "vitest";
import { defaultModel } from "../model/loadModel.js";
import { drawParameters } from "./drawParameters.js";
import { priorSupport } from "../numeric/priors.js";

describe("drawParameters", () => {
  const model = defaultModel();

  it("draws every parameter inside its prior's support, deterministically per (seed, k)", () => {
    const a = drawParameters(model, 1, 0);
    expect(Object.keys(a).sort()).toEqual(Object.keys(model.parameters).sort());
    for (const [name, v] of Object.entries(a)) {
      const [lo, hi] = priorSupport(model.parameters[name].prior);
      expect(v).toBeGreaterThanOrEqual(lo);
      expect(v).toBeLessThanOrEqual(hi);
    }
    expect(drawParameters(model, 1, 0)).toEqual(a);
    expect(drawParameters(model, 1, 1)).not.toEqual(a);
  });
});
