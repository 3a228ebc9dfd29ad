import { describe, expect, it } from "vitest";
import { InputError } from "../model/issues.js";
import { defaultModel } from "../model/loadModel.js";
import { plannedEvaluations } from "./studySensitivity.js";

describe("plannedEvaluations", () => {
  it("counts the virtual trials of a Morris or Sobol' run before it starts", () => {
    const m = defaultModel();
    expect(
      plannedEvaluations(m, { method: "morris", parameters: ["a1", "a2"], trajectories: 4 }),
    ).toBe(12);
    const sobol = plannedEvaluations(m, { method: "sobol", parameters: ["a1", "a2"], samples: 16 });
    expect(sobol).toBeGreaterThanOrEqual(16 * 4);
  });

  it("refuses unknown parameters and parameters that cannot vary, as InputErrors", () => {
    const m = defaultModel();
    expect(() => plannedEvaluations(m, { method: "morris", parameters: ["nope"] })).toThrow(
      /unknown parameter "nope"/,
    );
    const fixed = structuredClone(m);
    fixed.parameters.a1 = { ...fixed.parameters.a1, prior: { dist: "fixed", value: 3 } };
    expect(() => plannedEvaluations(fixed, { method: "sobol", parameters: ["a1"] })).toThrow(
      InputError,
    );
  });
});
