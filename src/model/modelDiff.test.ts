import { describe, expect, it } from "vitest";
import { applyVariant } from "./applyVariant.js";
import { defaultModel } from "./loadModel.js";
import { diffModels, formatModelDiff } from "./modelDiff.js";
import type { Model } from "./types.js";

const base = defaultModel();
/** a0 as shipped (calibrated, so it moves when the model is refitted). */
const a0 = String(base.parameters.a0.value);

/** A copy of the default with one parameter, one equation and one edge changed. */
function edited(): Model {
  const m = structuredClone(base);
  m.parameters.a0.value = 2.5;
  const M = m.nodes.find((n) => n.id === "motorSimulation")!;
  M.equation = "sigmoid(m1*mirroring*suffering*attendOther - m0 - 0.5)";
  m.edges.find((e) => e.id === "E6")!.evidence = ["paper"];
  return m;
}

describe("diffModels", () => {
  it("finds no difference between a model and its copy", () => {
    const d = diffModels(base, structuredClone(base));
    expect(d.identical).toBe(true);
    expect(d.nodes).toEqual({ added: [], removed: [], changed: [] });
    expect(d.other).toEqual([]);
    expect(formatModelDiff(d)).toMatch(/no differences/);
  });

  it("lists one changed parameter, equation and edge with before and after", () => {
    const d = diffModels(base, edited());
    expect(d.identical).toBe(false);
    expect(d.parameters).toEqual({
      added: [],
      removed: [],
      changed: [{ id: "a0", fields: [{ field: "value", before: a0, after: "2.5" }] }],
    });
    expect(d.nodes.changed).toEqual([
      {
        id: "motorSimulation",
        fields: [
          {
            field: "equation",
            before: "sigmoid(m1 * mirroring * suffering * attendOther - m0)",
            after: "sigmoid(m1 * mirroring * suffering * attendOther - m0 - 0.5)",
          },
        ],
      },
    ]);
    expect(d.edges.changed).toEqual([
      { id: "E6", fields: [{ field: "evidence", before: "[paper, F2]", after: "[paper]" }] },
    ]);
    expect([
      d.nodes.added,
      d.nodes.removed,
      d.edges.added,
      d.edges.removed,
      d.variants.added,
    ]).toEqual([[], [], [], [], []]);
    expect(d.other).toEqual([]);
  });

  it("ignores formatting-only changes to equations", () => {
    const m = structuredClone(base);
    m.nodes.find((n) => n.id === "motorSimulation")!.equation =
      "sigmoid( (m1*mirroring)*suffering*attendOther-m0 )";
    expect(diffModels(base, m).nodes.changed).toEqual([]);
  });

  it("reports nodes, edges and variants added and removed, and changed priors and provenance", () => {
    const m = structuredClone(base);
    m.nodes = m.nodes.filter((n) => n.id !== "psychopathy");
    m.edges.push({
      id: "E99",
      from: "personalDistress",
      to: "affectiveSharing",
      effect: "drive",
      evidence: ["paper"],
    });
    m.variants = m.variants.filter((v) => v.id !== "no-cycle");
    m.variants.push({ id: "mine", description: "mine" });
    m.parameters.a1.prior = { dist: "normal", mean: 3, sd: 1, min: 0 };
    m.parameters.a1.provenance = { kind: "assumption", reason: "changed" };
    m.title = "Mine";
    const d = diffModels(base, m);
    expect(d.nodes.removed).toEqual(["psychopathy"]);
    expect(d.edges.added).toEqual(["E99"]);
    expect(d.variants).toMatchObject({ added: ["mine"], removed: ["no-cycle"] });
    const fields = d.parameters.changed[0].fields;
    expect(fields.map((f) => f.field).sort()).toEqual(["prior", "provenance"]);
    expect(fields).toContainEqual({
      field: "prior",
      before: `{dist: normal, mean: 3, min: 0, sd: ${(base.parameters.a1.prior as { sd: number }).sd}}`,
      after: "{dist: normal, mean: 3, min: 0, sd: 1}",
    });
    expect(fields).toContainEqual({
      field: "provenance",
      before:
        "{kind: assumption, reason: Attention skill is the main source of sustained attention}",
      after: "{kind: assumption, reason: changed}",
    });
    expect(d.other).toEqual(["title"]);
  });

  it("shows a variant's edits as a diff of the equations", () => {
    const d = diffModels(base, applyVariant(base, "no-malleability"));
    expect(d.edges.removed).toEqual(["H14a"]);
    const A = d.nodes.changed.find((c) => c.id === "attendOther")!;
    expect(A.fields[0].before).toMatch(/a7 \* malleability/);
    expect(A.fields[0].after).toMatch(/a7 \* 0/);
    expect(d.variants.removed.length).toBe(base.variants.length);
  });
});

describe("formatModelDiff", () => {
  it("prints each change for people", () => {
    const text = formatModelDiff(diffModels(base, edited()));
    expect(text).toContain("mascaro2015 (");
    expect(text).toContain("parameters: 0 added, 0 removed, 1 changed");
    expect(text).toMatch(new RegExp(`~ a0\\n\\s+value: ${a0.replace(".", "\\.")}\\n\\s+-> 2\\.5`));
    expect(text).toMatch(
      /~ motorSimulation\n\s+equation: sigmoid\(m1 \* mirroring \* suffering \* attendOther - m0\)\n\s+-> sigmoid\(m1 \* mirroring \* suffering \* attendOther - m0 - 0\.5\)/,
    );
    expect(text).toMatch(/~ E6\n\s+evidence: \[paper, F2\]\n\s+-> \[paper\]/);
    expect(text).not.toMatch(/^variants/m);
  });
});
