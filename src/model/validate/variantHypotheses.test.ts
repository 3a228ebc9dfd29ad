import { describe, expect, it } from "vitest";
import { applyVariant } from "../applyVariant.js";
import { Issues, ValidationError } from "../issues.js";
import { defaultModel } from "../loadModel.js";
import type { Model } from "../types.js";
import { validateModel } from "../validateModel.js";
import { checkVariantHypotheses, checkVariantsHypotheses } from "./variantHypotheses.js";

const base = defaultModel();
const tagged = (m: Model, h: string): string[] =>
  m.edges.filter((e) => e.hypotheses?.includes(h)).map((e) => e.id);

describe("variants against their hypothesis tags", () => {
  it("the shipped variants validate; no-oxytocin cuts every H10 edge", () => {
    const issues = new Issues();
    checkVariantsHypotheses(issues, base);
    expect(issues.list).toEqual([]);
    const v = base.variants.find((x) => x.id === "no-oxytocin")!;
    expect(v.negates).toEqual(["H10"]);
    expect([...v.removeEdges!].sort()).toEqual(tagged(base, "H10").sort());
    const m = applyVariant(base, "no-oxytocin");
    expect(tagged(m, "H10")).toEqual([]);
    // Nothing but oxytocin's own dynamics reads oxytocin any more.
    for (const n of m.nodes)
      if (n.id !== "oxytocin")
        expect(`${n.equation ?? ""} ${JSON.stringify(n.dynamics ?? {})}`).not.toMatch(
          /\boxytocin\b/,
        );
  });

  it("reports every tagged edge a negation leaves intact, naming the variant and the edge", () => {
    const raw = JSON.parse(JSON.stringify(base));
    const v = raw.variants.find((x: { id: string }) => x.id === "no-oxytocin");
    v.removeEdges = v.removeEdges.filter((id: string) => id !== "E14g" && id !== "E14h"); // two left intact
    let err: unknown;
    try {
      validateModel(raw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const issues = (err as ValidationError).issues;
    expect(issues.map((i) => i.path)).toEqual(["variants[1].negates[0]", "variants[1].negates[0]"]);
    expect(issues[0].message).toMatch(
      /"no-oxytocin" negates H10 but leaves edge E14g \(oxytocinNow → personalDistress/,
    );
    expect(issues[0].message).toMatch(/add E14g to removeEdges or set its weight p9 to 0/);
    expect(issues[1].message).toMatch(/edge E14h/);
  });

  it("counts a weight set to 0 as a cut, and rejects unknown hypotheses", () => {
    const issues = new Issues();
    checkVariantHypotheses(
      issues,
      base,
      { id: "x", description: "no malleability", negates: ["H14", "H99"], set: { a7: 0 } },
      "v",
    );
    expect(issues.list).toEqual([{ path: "v.negates[1]", message: 'unknown hypothesis id "H99"' }]);
  });

  it("a description saying 'Negation of Hx' must declare negates: [Hx]", () => {
    const issues = new Issues();
    checkVariantHypotheses(
      issues,
      base,
      {
        id: "y",
        description: "Negation of H18: inflammation does not feed isolation",
        removeEdges: ["E15"],
      },
      "v",
    );
    expect(issues.list.map((i) => i.path)).toEqual(["v.description"]);
    expect(issues.list[0].message).toMatch(/negation of H18 but does not declare negates: \[H18\]/);
  });

  it("applyVariant checks a variant given as an object", () => {
    expect(() =>
      applyVariant(base, {
        id: "half",
        description: "half of H10",
        negates: ["H10"],
        removeEdges: ["E14"],
      }),
    ).toThrow(/variant half of model mascaro2015 is invalid .*\n.*leaves edge E14g/);
  });
});
