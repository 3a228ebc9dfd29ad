import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeId, formatIdDescription } from "./describeId.js";
import { describeModel, modelSummaryJson } from "./describeModel.js";
import { ValidationError, type ValidationIssue } from "./issues.js";
import { formatModelLint, lintModel } from "./lintModel.js";
import { parseDataText } from "./loadModel.js";
import { MAX_PARAMETER_DESCRIPTION, validateModel } from "./validateModel.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- fixture variants are built by poking raw data */
const text = readFileSync(new URL("./__fixtures__/lint-tiny.yaml", import.meta.url), "utf8");
const raw = parseDataText(text, "fixture") as any;
const ids = Object.keys(raw.parameters);

/** The fixture model, changed by `edit` on a copy of its raw data, validated. */
function tiny(edit: (m: any) => void = () => {}) {
  const m = structuredClone(raw);
  edit(m);
  return validateModel(m, "fixture");
}

/** Every fixture parameter described as "what <id> does". */
const describeAll = (m: any): void => {
  for (const id of ids) m.parameters[id].description = `what ${id} does`;
};

function issuesOf(edit: (m: any) => void): ValidationIssue[] {
  try {
    tiny(edit);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
  throw new Error("expected a ValidationError");
}

describe("parameter descriptions: validation", () => {
  it("reads an optional one-line description, and leaves it out when absent", () => {
    const m = tiny((m) => (m.parameters.a1.description = "gain of the suffering cue on attention"));
    expect(m.parameters.a1.description).toBe("gain of the suffering cue on attention");
    expect("description" in m.parameters.a0).toBe(false);
  });

  it.each([
    ["a number", 3, /expected a one-line description \(a non-empty string\), got 3/],
    ["an empty string", "", /expected a one-line description \(a non-empty string\), got ""/],
    ["blanks only", "   ", /non-empty string/],
    ["a list", ["a"], /non-empty string\), got a list of 1/],
    ["two lines", "first line\nsecond line", /got a string with a line break/],
    [
      "an over-long string",
      "x".repeat(MAX_PARAMETER_DESCRIPTION + 1),
      new RegExp(
        `at most ${MAX_PARAMETER_DESCRIPTION} characters, got ${MAX_PARAMETER_DESCRIPTION + 1}`,
      ),
    ],
  ])("refuses %s at parameters.<id>.description", (_, value, message) => {
    const issues = issuesOf((m) => (m.parameters.a1.description = value));
    expect(issues).toContainEqual({
      path: "parameters.a1.description",
      message: expect.stringMatching(message),
    });
  });

  it("accepts a description of exactly the maximum length", () => {
    const d = "x".repeat(MAX_PARAMETER_DESCRIPTION);
    expect(tiny((m) => (m.parameters.a1.description = d)).parameters.a1.description).toBe(d);
  });
});

describe("parameter descriptions: model show and id descriptions", () => {
  const m = tiny((m) => (m.parameters.a1.description = "gain of the suffering cue on attention"));

  it("prints the description under its parameter's row, and nothing for one without", () => {
    const lines = describeModel(m).split("\n");
    const row = lines.findIndex((l) => /^ {2}a1 +2 +normal/.test(l));
    expect(lines[row + 1]).toBe("      gain of the suffering cue on attention");
    const a0 = lines.findIndex((l) => /^ {2}a0 +1 +normal/.test(l));
    expect(lines[a0 + 1]).toMatch(/^ {2}a1 +2 /);
  });

  it("lists every parameter in the JSON summary, with its description when it has one", () => {
    const s = modelSummaryJson(m);
    expect(s.parameters.map((p) => p.id)).toEqual(ids);
    expect(s.parameters.find((p) => p.id === "a1")).toEqual({
      id: "a1",
      value: 2,
      unit: "logit",
      provenance: "assumption",
      description: "gain of the suffering cue on attention",
    });
    expect(s.parameters.find((p) => p.id === "a0")).not.toHaveProperty("description");
  });

  it("labels a parameter with its description, else with where it acts", () => {
    const d = describeId(m, "a1")!;
    expect(d).toMatchObject({ kind: "parameter", label: "gain of the suffering cue on attention" });
    expect(d.scale).toBe("logit (weight of edge E1, s → A)");
    expect(formatIdDescription(d)).toBe(
      "a1 (parameter): gain of the suffering cue on attention\n" +
        "  scale: logit (weight of edge E1, s → A)\n" +
        "  meaning: fixture\n",
    );
    expect(describeId(m, "a0")?.label).toBe("a parameter of A: Attention");
  });
});

describe("parameter descriptions: model lint", () => {
  it("lists the parameters without a description as one finding, with count and ids", () => {
    const lint = lintModel(tiny((m) => (m.parameters.a1.description = "described")));
    const missing = ids.filter((id) => id !== "a1");
    const found = lint.findings.filter((f) => f.check === "undescribed-parameters");
    expect(found).toEqual([
      {
        check: "undescribed-parameters",
        nodes: [],
        edges: [],
        parameters: missing,
        message: `${missing.length} parameters have no description: ${missing.join(", ")}`,
      },
    ]);
    const out = formatModelLint(lint);
    expect(out).toContain(
      `\nparameters without a description (${missing.length}):\n  ${missing.join(", ")}\n`,
    );
  });

  it("finds nothing when every parameter has a description", () => {
    const lint = lintModel(tiny(describeAll));
    expect(lint.findings.some((f) => f.check === "undescribed-parameters")).toBe(false);
    expect(formatModelLint(lint)).toContain("\nparameters without a description (0):\n");
  });

  it("says '1 parameter has' for a single one", () => {
    const lint = lintModel(
      tiny((m) => {
        describeAll(m);
        delete m.parameters.b2.description;
      }),
    );
    const f = lint.findings.find((f) => f.check === "undescribed-parameters");
    expect(f?.message).toBe("1 parameter has no description: b2");
  });
});
