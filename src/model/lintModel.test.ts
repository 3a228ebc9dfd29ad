import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultModel, parseDataText } from "./loadModel.js";
import { formatModelLint, lintModel } from "./lintModel.js";
import { validateModel } from "./validateModel.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- fixture variants are built by poking raw data */
const text = readFileSync(new URL("./__fixtures__/lint-tiny.yaml", import.meta.url), "utf8");
const raw = parseDataText(text, "lint fixture") as any;

/** The fixture model, changed by `edit` on a copy of its raw data, validated. */
function tiny(edit: (m: any) => void = () => {}) {
  const m = structuredClone(raw);
  edit(m);
  return validateModel(m, "lint fixture");
}
const node = (m: any, id: string) => m.nodes.find((n: any) => n.id === id);

describe("lintModel: single-edge readouts", () => {
  it("flags a readout that reads an input directly, naming the readout, the input and the edge", () => {
    const lint = lintModel(tiny());
    const readouts = lint.findings.filter((f) => f.check === "single-edge-readout");
    expect(readouts).toEqual([
      {
        check: "single-edge-readout",
        nodes: ["alarm", "threat"],
        edges: ["E9"],
        parameters: [],
        message:
          "readout alarm reads the manipulated input threat directly (edge E9), not through a fast process",
      },
    ]);
    expect(lint.justified).toEqual([]);
  });

  it("does not flag a readout that reads only fast processes", () => {
    const lint = lintModel(tiny());
    expect(lint.findings.some((f) => f.nodes.includes("R"))).toBe(false);
  });

  it("flags a readout that reads a trained skill directly", () => {
    const m = tiny((m) => {
      node(m, "R").equation = "A - B^2 + 0.1*warmth";
      m.edges.push({ id: "E11", from: "warmth", to: "R", effect: "drive", evidence: ["fx"] });
    });
    const f = lintModel(m).findings.find((f) => f.nodes[0] === "R");
    expect(f?.nodes).toEqual(["R", "warmth"]);
    expect(f?.message).toContain("trained skill warmth");
  });

  it.each([
    ["the readout", (m: any) => (node(m, "alarm").lintJustification = "an alarm is the cue")],
    ["the input", (m: any) => (node(m, "threat").lintJustification = "an alarm is the cue")],
    [
      "the edge",
      (m: any) =>
        (m.edges.find((e: any) => e.id === "E9").lintJustification = "an alarm is the cue"),
    ],
  ])("lists it as justified when %s carries a lintJustification", (_, edit) => {
    const lint = lintModel(tiny(edit));
    expect(lint.findings.filter((f) => f.check === "single-edge-readout")).toEqual([]);
    expect(lint.justified).toHaveLength(1);
    expect(lint.justified[0]).toMatchObject({
      nodes: ["alarm", "threat"],
      justification: "an alarm is the cue",
    });
    expect(formatModelLint(lint)).toContain("; justified: an alarm is the cue");
  });

  it("rejects a lintJustification that is not a string", () => {
    expect(() => tiny((m) => (node(m, "alarm").lintJustification = 3))).toThrow(
      /nodes\[\d+\]\.lintJustification/,
    );
  });
});

describe("lintModel: narrow assumption priors", () => {
  const narrow = (m = tiny()) =>
    lintModel(m)
      .findings.filter((f) => f.check === "narrow-assumption-prior")
      .map((f) => f.parameters[0]);

  it("flags a narrow assumed prior and not a wide one", () => {
    const ids = narrow();
    expect(ids).toContain("a0"); // N(1, 0.2): 95% in [0.61, 1.39], not [0.5, 2]
    expect(ids).not.toContain("a1"); // N(2, 2): 95% in [-1.9, 5.9] ⊃ [1, 4]
  });

  it("mirrors the interval for a negative value", () => {
    expect(narrow()).toContain("b0"); // N(-0.5, 0.2)
    const wide = tiny((m) => (m.parameters.b0.prior.sd = 1)); // [-2.46, 1.46] ⊃ [-1, -0.25]
    expect(narrow(wide)).not.toContain("b0");
  });

  it("counts a fixed prior as not covering, and ignores other provenances", () => {
    const m = tiny((m) => {
      m.parameters.a1.prior = { dist: "fixed", value: 2 };
      m.parameters.a0.provenance = { kind: "literature", citation: "fixture" };
    });
    const ids = narrow(m);
    expect(ids).toContain("a1");
    expect(ids).not.toContain("a0");
  });

  it("notes a zero value whose prior does not reach ±1, and passes one that does", () => {
    const m = tiny((m) => {
      m.parameters.b3.value = 0;
      m.parameters.b3.prior = { dist: "normal", mean: 0, sd: 0.2 };
    });
    const lint = lintModel(m);
    expect(narrow(m)).not.toContain("b3");
    expect(lint.notes.map((f) => [f.check, f.parameters[0]])).toEqual([["zero-value-prior", "b3"]]);
    expect(lint.notes[0].message).toContain("zero value: cannot judge a factor of two");
    const wide = tiny((m) => {
      m.parameters.b3.value = 0;
      m.parameters.b3.prior = { dist: "normal", mean: 0, sd: 1 };
    });
    expect(lintModel(wide).notes).toEqual([]);
  });
});

describe("lintModel: summary", () => {
  it("counts parameters by provenance and edges by evidence", () => {
    const m = tiny((m) => (m.parameters.a0.provenance = { kind: "calibrated", against: ["fx"] }));
    const { summary } = lintModel(m);
    const n = Object.keys(raw.parameters).length;
    expect(summary.parameters).toEqual({
      total: n,
      byProvenance: { literature: 0, calibrated: 1, assumption: n - 1 },
    });
    expect(summary.edges).toEqual({
      total: raw.edges.length,
      withEvidence: raw.edges.length,
      withoutEvidence: 0,
    });
  });

  it("runs on the shipped model, with provenance counts that add up to its parameters", () => {
    const model = defaultModel();
    const lint = lintModel(model);
    const { total, byProvenance } = lint.summary.parameters;
    expect(total).toBe(Object.keys(model.parameters).length);
    expect(Object.values(byProvenance).reduce((a, b) => a + b, 0)).toBe(total);
    expect(lint.summary.edges.withEvidence + lint.summary.edges.withoutEvidence).toBe(
      model.edges.length,
    );
    expect(formatModelLint(lint)).toMatch(/^model lint: mascaro2015 /);
  });
});
