import { describe, expect, it } from "vitest";
import { describeId, describeIdOrRaw } from "./describeId.js";
import { defaultModel } from "./loadModel.js";

const model = defaultModel();

describe("describeId", () => {
  it("gives nodes their label, unit and range", () => {
    expect(describeId(model, "motorSimulation")).toMatchObject({
      kind: "node",
      label: "Motor simulation",
      unit: "activation",
      scale: "activation, 0 to 1 (model units)",
    });
    for (const id of [
      "attendOther",
      "salience",
      "perspectiveTaking",
      "affectiveSharing",
      "personalDistress",
      "compassion",
      "warmth",
      "depression",
      "warmth0",
    ])
      expect(describeId(model, id)?.label).toBe(model.nodes.find((n) => n.id === id)!.label);
  });

  it("says where a parameter acts and in what unit", () => {
    // The label is the parameter's description once the model gives one; the scale always
    // says where it acts (see parameterDescription.test.ts for both).
    expect(describeId(model, "m0")).toMatchObject({
      kind: "parameter",
      unit: "logit",
      scale: "logit (a parameter of motorSimulation: Motor simulation)",
    });
    expect(describeId(model, "z0")?.scale).toBe(
      "logit (a parameter of perspectiveTaking: Mentalizing)",
    );
    expect(describeId(model, "f3")?.scale).toBe(
      "1 (weight of edge E14, oxytocinNow → affectiveSharing)",
    );
    expect(describeId(model, "tau_oxytocin")).toMatchObject({ unit: "day" });
  });

  it("describes day summaries, events, content, per-day variables and final_ columns", () => {
    expect(describeId(model, "pa_day")).toMatchObject({
      kind: "summary",
      label: "Positive affect of the day",
    });
    expect(describeId(model, "exclusion")).toMatchObject({ kind: "event" });
    expect(describeId(model, "attention")?.kind).toBe("node");
    expect(describeId(model, "minutes")?.label).toMatch(/class contact \+ home practice/);
    expect(describeId(model, "final_warmth")).toMatchObject({ label: "Warmth at the end" });
  });

  it("covers every id an output can carry, and is undefined for an unknown one", () => {
    const ids = [
      ...model.nodes.map((n) => n.id),
      ...Object.keys(model.parameters),
      ...model.coupling.summaries.map((s) => s.id),
      ...model.coupling.events.map((e) => e.id),
      "minutes",
      "engagement",
    ];
    for (const id of ids) {
      const d = describeId(model, id);
      expect(d?.label, id).toBeTruthy();
      expect(d?.scale, id).toBeTruthy();
    }
    expect(describeId(model, "nope")).toBeUndefined();
    expect(describeId(model, "toString")).toBeUndefined();
    expect(describeIdOrRaw(model, "nope")).toEqual({
      id: "nope",
      kind: "unknown",
      label: "nope",
      unit: "",
      scale: "",
    });
  });
});
