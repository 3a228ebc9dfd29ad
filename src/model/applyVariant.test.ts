import { describe, expect, it } from "vitest";
import { applyVariant, findVariant } from "./applyVariant.js";
import { evaluateFormula, identifiers, parseFormula, partialSign } from "./formula.js";
import { defaultModel } from "./loadModel.js";
import { modelHash } from "./modelHash.js";
import type { Model } from "./types.js";
import { validateModel } from "./validateModel.js";

const base = defaultModel();
const node = (m: Model, id: string) => m.nodes.find((n) => n.id === id)!;
const equation = (m: Model, id: string) => parseFormula(node(m, id).equation!);

/** Every node at mid-range and every parameter at its value, with overrides. */
function envOf(m: Model, over: Record<string, number> = {}): (name: string) => number {
  return (name) => {
    if (name in over) return over[name];
    if (name in m.parameters) return m.parameters[name].value;
    const n = m.nodes.find((x) => x.id === name);
    return n ? (n.range[0] + n.range[1]) / 2 : 0;
  };
}

/** The same value with every object's keys in reverse order. */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reverseKeys(x)]),
    );
  return v;
}

describe("applyVariant", () => {
  it.each(base.variants.map((v) => v.id))(
    "applies shipped variant %s and the result validates",
    (id) => {
      const m = applyVariant(base, id);
      expect(m.id).toBe(`${base.id}+${id}`);
      expect(validateModel(JSON.parse(JSON.stringify(m))).id).toBe(m.id);
    },
  );

  it("no-oxytocin removes the edges and the dependency of F on oxytocin signalling", () => {
    const m = applyVariant(base, "no-oxytocin");
    for (const id of ["E14", "E14b", "E14c", "E14d", "E14f", "E14i"])
      expect(m.edges.some((e) => e.id === id)).toBe(false);
    expect(identifiers(equation(base, "affectiveSharing")).has("oxytocinNow")).toBe(true);
    expect(identifiers(equation(m, "affectiveSharing")).has("oxytocinNow")).toBe(false);
    expect(node(m, "affectiveSharing").equation).not.toMatch(/oxytocin/);

    const before = equation(base, "affectiveSharing");
    const after = equation(m, "affectiveSharing");
    const high = envOf(base, { oxytocinNow: 1, suffering: 1, attendOther: 1 });
    const low = envOf(base, { oxytocinNow: 0, suffering: 1, attendOther: 1 });
    expect(evaluateFormula(before, high)).toBeGreaterThan(evaluateFormula(before, low));
    expect(evaluateFormula(after, high)).toBe(evaluateFormula(after, low));
    expect(evaluateFormula(after, high)).toBeCloseTo(evaluateFormula(before, low), 12); // oxytocin signalling held at its neutral 0
  });

  it("removing a gain edge uses its declared neutral value", () => {
    const m = applyVariant(base, { id: "no-resonance", description: "test", removeEdges: ["E3d"] });
    const env = envOf(base, { suffering: 1, attendOther: 1, resonance: 0.2 });
    expect(identifiers(equation(m, "affectiveSharing")).has("resonance")).toBe(false);
    expect(evaluateFormula(equation(m, "affectiveSharing"), env)).toBeCloseTo(
      evaluateFormula(
        equation(base, "affectiveSharing"),
        envOf(base, { suffering: 1, attendOther: 1, resonance: 1 }),
      ),
      12,
    );
  });

  it("flipping an edge reverses its sign and its declared effect", () => {
    const m = applyVariant(base, { id: "flip-E6", description: "test", flipEdges: ["E6"] });
    expect(m.edges.find((e) => e.id === "E6")!.effect).toBe("drive");
    expect(partialSign(equation(base, "affectiveSharing"), "regulation", envOf(base))).toBe(-1);
    expect(partialSign(equation(m, "affectiveSharing"), "regulation", envOf(m))).toBe(1);
  });

  it("set changes parameter values and nothing else", () => {
    const m = applyVariant(base, "no-self-other");
    expect(base.parameters.eta_selfOther.value).toBeGreaterThan(0);
    expect(m.parameters.eta_selfOther.value).toBe(0);
    expect(m.parameters.eta_selfOther.prior).toEqual(base.parameters.eta_selfOther.prior);
    expect(m.parameters.a0).toEqual(base.parameters.a0);
    const custom = applyVariant(base, { id: "x", description: "test", set: { a0: 2.5, f1: 4 } });
    expect([custom.parameters.a0.value, custom.parameters.f1.value]).toEqual([2.5, 4]);
  });

  it("replaces equations", () => {
    const m = applyVariant(base, {
      id: "eq",
      description: "test",
      equations: { empathy: "affectiveSharing*perspectiveTaking*perspectiveTaking" },
    });
    expect(node(m, "empathy").equation).toBe(
      "affectiveSharing*perspectiveTaking*perspectiveTaking",
    );
  });

  it("does not change the model it is applied to", () => {
    const before = JSON.stringify(base);
    applyVariant(base, "no-oxytocin");
    applyVariant(base, "no-self-other");
    expect(JSON.stringify(base)).toBe(before);
  });

  it("rejects an unknown variant id with a list of the available ones", () => {
    expect(() => applyVariant(base, "no-such-thing")).toThrow(
      /unknown variant "no-such-thing" \(model mascaro2015 has: .*no-oxytocin.*no-self-other\)/,
    );
    expect(() => findVariant(base, "nope")).toThrow(/oxytocin-mediates, no-oxytocin/);
  });

  it("rejects a variant object that names an unknown edge or parameter", () => {
    expect(() =>
      applyVariant(base, { id: "bad", description: "test", removeEdges: ["E99"] }),
    ).toThrow(/variant bad: unknown edge E99/);
    expect(() => applyVariant(base, { id: "bad", description: "test", set: { nope: 1 } })).toThrow(
      /variant bad: unknown parameter nope/,
    );
  });
});

describe("modelHash", () => {
  it("changes with a variant", () => {
    const h = modelHash(base);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(modelHash(applyVariant(base, "no-oxytocin"))).not.toBe(h);
    expect(modelHash(applyVariant(base, "no-self-other"))).not.toBe(
      modelHash(applyVariant(base, "no-oxytocin")),
    );
  });

  it("is stable under key reordering and deep copies", () => {
    expect(modelHash(reverseKeys(base) as Model)).toBe(modelHash(base));
    expect(modelHash(structuredClone(base))).toBe(modelHash(base));
  });

  it("sees a single changed number", () => {
    const m = structuredClone(base);
    m.parameters.a0 = { ...m.parameters.a0, value: 2.21 };
    expect(modelHash(m)).not.toBe(modelHash(base));
  });
});
