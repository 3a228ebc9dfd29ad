import { describe, expect, it } from "vitest";
import { defaultModel } from "../model/loadModel.js";
import { parseSets } from "./modelOptions.js";

describe("parseSets(model, sets)", () => {
  it("treats __proto__ and constructor as parameter names, refused as unknown", () => {
    expect(() => parseSets(defaultModel(), ["__proto__=1"])).toThrow(/parameters\.__proto__/);
    expect(() => parseSets(defaultModel(), ["constructor=1"])).toThrow(/parameters\.constructor/);
  });
});
