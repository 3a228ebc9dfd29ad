import { describe, expect, it } from "vitest";
import { defaultModel } from "../model/loadModel.js";
import { InputError } from "../model/issues.js";
import { protocolCohortSpec } from "./simulateProtocols.js";

describe("protocolCohortSpec(model, options)", () => {
  it("refuses a protocol named twice (two arms with one id)", () => {
    const o = { protocols: ["cbct", "cbct"], n: 2, weeks: 1, seed: 1 };
    expect(() => protocolCohortSpec(defaultModel(), o)).toThrow(InputError);
    expect(() => protocolCohortSpec(defaultModel(), o)).toThrow(/"cbct" is named twice/);
  });

  it("gives one arm per protocol, in order", () => {
    const spec = protocolCohortSpec(defaultModel(), {
      protocols: ["cbct", "waitlist"],
      n: 3,
      weeks: 1,
      seed: 1,
    });
    expect(spec.arms.map((a) => a.id)).toEqual(["cbct", "waitlist"]);
    expect(spec.assignment.length).toBe(6);
  });
});
