import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ValidationError, type ValidationIssue } from "./issues.js";
import { parseDataText, parseModel, shippedModelPath } from "./loadModel.js";
import { validateModel } from "./validateModel.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- bad models are built by poking raw data */
const shipped = parseDataText(readFileSync(shippedModelPath(), "utf8"), "default model") as any;

const nodeAt = (m: any, id: string): number => m.nodes.findIndex((n: any) => n.id === id);
const edgeAt = (m: any, id: string): number => m.edges.findIndex((e: any) => e.id === id);

/** Validates a copy of the default model broken by `breakIt` and returns the issues. */
function issuesOf(breakIt: (m: any) => void): ValidationIssue[] {
  const m = structuredClone(shipped);
  breakIt(m);
  try {
    validateModel(m);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
  throw new Error("expected a ValidationError");
}

/** Expects an issue at exactly `path` whose message matches `message`. */
function expectIssue(issues: ValidationIssue[], path: string, message: RegExp): void {
  expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
}

describe("validateModel", () => {
  it("accepts the shipped default model", () => {
    const m = validateModel(structuredClone(shipped));
    expect(m.id).toBe("mascaro2015");
    expect(m.nodes.length).toBeGreaterThan(40);
  });

  const M = nodeAt(shipped, "motorSimulation");
  const F = nodeAt(shipped, "affectiveSharing");
  const E6 = edgeAt(shipped, "E6");

  const cases: [name: string, breakIt: (m: any) => void, path: string, message: RegExp][] = [
    [
      "an unknown node referenced in an equation",
      (m) => (m.nodes[M].equation = "sigmoid(m1*mirroring*suffering*attendOther*ghost - m0)"),
      `nodes[${M}].equation`,
      /unknown identifier "ghost" \(not a node, parameter/,
    ],
    [
      "an edge from an unknown node",
      (m) => (m.edges[0].from = "nowhere"),
      "edges[0].from",
      /unknown node "nowhere"/,
    ],
    [
      "an edge whose declared effect contradicts the equation",
      (m) => (m.edges[E6].effect = "drive"),
      `edges[${E6}].effect`,
      /declared drive, but affectiveSharing decreases with regulation/,
    ],
    [
      "a missing parameter used as an edge weight",
      (m) => delete m.parameters.f5,
      `edges[${E6}].weight`,
      /unknown parameter "f5"/,
    ],
    [
      "a parameter of the wrong type",
      (m) => (m.parameters.a0.value = "2.2"),
      "parameters.a0.value",
      /expected a finite number, got "2.2"/,
    ],
    [
      "a prior with a negative sd",
      (m) => (m.parameters.a0.prior.sd = -0.3),
      "parameters.a0.prior.sd",
      /expected a positive number, got -0.3/,
    ],
    [
      "a typo in a node field",
      (m) => {
        m.nodes[M].equaton = m.nodes[M].equation;
        delete m.nodes[M].equation;
      },
      `nodes[${M}].equaton`,
      /unknown field \(expected one of .*equation/,
    ],
    [
      "a node with a bad level",
      (m) => (m.nodes[M].level = "medium"),
      `nodes[${M}].level`,
      /expected one of input, fast, readout, slow, trait, got "medium"/,
    ],
    [
      "a node symbol longer than four characters",
      (m) => (m.nodes[M].symbol = "Motor"),
      `nodes[${M}].symbol`,
      /expected a short symbol \(1 to 4 characters, no surrounding spaces\), got "Motor"/,
    ],
    [
      "two nodes with one symbol",
      (m) => (m.nodes[F].symbol = "M"),
      `nodes[${F}].symbol`,
      /duplicate symbol "M" \(already used at nodes\[\d+\]\.symbol\)/,
    ],
    [
      "a duplicate node id",
      (m) => m.nodes.push({ ...m.nodes[0] }),
      `nodes[${shipped.nodes.length}].id`,
      /duplicate identifier "suffering" \(already used at nodes\[0\]\.id\)/,
    ],
    [
      "readouts that read each other (a cycle where none is allowed)",
      (m) => {
        m.nodes[nodeAt(m, "empathy")].equation = "affectiveSharing*perspectiveTaking*contagion";
        m.nodes[nodeAt(m, "contagion")].equation =
          "affectiveSharing*(1 - perspectiveTaking)*empathy";
        m.edges.push(
          { id: "C1", from: "contagion", to: "empathy", effect: "drive", evidence: ["paper"] },
          { id: "C2", from: "empathy", to: "contagion", effect: "drive", evidence: ["paper"] },
        );
      },
      `nodes[${nodeAt(shipped, "empathy")}].equation`,
      /readouts form a cycle: empathy -> contagion -> empathy/,
    ],
    [
      "a formula syntax error",
      (m) => (m.nodes[M].equation = "sigmoid(m1*mirroring*s*A - )"),
      `nodes[${M}].equation`,
      /bad formula at column 28: expected an expression/,
    ],
    [
      "a fast node without tau",
      (m) => delete m.nodes[M].tau,
      `nodes[${M}].tau`,
      /expected a time constant in seconds/,
    ],
    [
      "a slow node reading a fast node",
      (m) => {
        m.nodes[nodeAt(m, "connectedness")].dynamics.target = "connection_day*personalDistress";
        m.edges.push({
          id: "Q1",
          from: "personalDistress",
          to: "connectedness",
          effect: "drive",
          evidence: ["paper"],
        });
      },
      `nodes[${nodeAt(shipped, "connectedness")}].dynamics.target`,
      /"personalDistress" is a fast identifier, which a slow formula cannot read \(allowed: slow, trait/,
    ],
    [
      "a variant removing an unknown edge",
      (m) => (m.variants[1].removeEdges = ["E99"]),
      "variants[1].removeEdges[0]",
      /unknown edge "E99"/,
    ],
    [
      "a content primitive training a non-skill",
      (m) => (m.content.insight.trains.inflammation = 0.5),
      "content.insight.trains.inflammation",
      /expected a trained skill \(slow node with form: train\)/,
    ],
    [
      "a node read by an equation without a declaring edge",
      (m) => m.edges.splice(E6, 1),
      `nodes[${F}].equation`,
      /affectiveSharing reads regulation, but no edge regulation -> affectiveSharing declares it \(expected an edge/,
    ],
    [
      "an unused parameter",
      (m) => (m.parameters.zz = structuredClone(m.parameters.a0)),
      "parameters.zz",
      /expected to be used by an equation or edge weight/,
    ],
    [
      "an edge weight absent from the target's equation",
      (m) => (m.edges[E6].weight = "a0"),
      `edges[${E6}].weight`,
      /parameter a0 does not appear in the equation of affectiveSharing/,
    ],
    [
      "a parameter value outside its prior's bounds",
      (m) => (m.parameters.a1.value = -1),
      "parameters.a1.value",
      /value -1 lies outside its prior's bounds \[0, Infinity\]/,
    ],
    [
      "a typo in a provenance",
      (m) => (m.parameters.a1.provenance.reson = "x"),
      "parameters.a1.provenance.reson",
      /unknown field \(expected one of kind, reason\)/,
    ],
  ];

  it.each(cases)("reports %s at the field's path", (_name, breakIt, path, message) => {
    expectIssue(issuesOf(breakIt), path, message);
  });

  it("reports only the syntax error when a formula does not parse (no follow-on noise)", () => {
    expect(issuesOf((m) => (m.nodes[M].equation = "sigmoid(m1*"))).toHaveLength(1);
  });

  it("does not complain about level-specific fields when the level itself is bad", () => {
    expect(issuesOf((m) => (m.nodes[M].level = "medium"))).toHaveLength(1);
  });

  it("names the line and column of a YAML syntax error", () => {
    const text = readFileSync(shippedModelPath(), "utf8").replace(
      "id: mascaro2015",
      "id: [mascaro2015",
    );
    const line = text.slice(0, text.indexOf("id: [mascaro2015")).split("\n").length;
    try {
      parseModel(text, "broken.yaml");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const issue = (e as ValidationError).issues[0];
      expect(issue.path).toMatch(/^line \d+, column \d+$/);
      const reported = Number(/line (\d+)/.exec(issue.path)![1]);
      expect(reported === line || reported === line + 1).toBe(true); // the parser notices at the next line
      expect((e as Error).message).toMatch(/^broken\.yaml is invalid/);
    }
  });

  it("reports a duplicate YAML key with its line", () => {
    expect(() => parseDataText("a: 1\na: 2\n", "x")).toThrow(
      /line 2, column 1: Map keys must be unique/,
    );
  });
});

describe("validateModel: the everyday: section", () => {
  it("reads every entry with its value, unit and provenance", () => {
    const m = validateModel(structuredClone(shipped));
    expect(m.everyday?.stressorRate).toEqual({
      value: 0.15,
      unit: "probability per day",
      provenance: { kind: "assumption", reason: "about one everyday stressor a week" },
    });
  });

  it("is optional", () => {
    const m = structuredClone(shipped);
    delete m.everyday;
    expect(validateModel(m).everyday).toBeUndefined();
  });

  it("refuses a bad entry with its path", () => {
    expectIssue(
      issuesOf((m) => (m.everyday.stressorRate.value = "often")),
      "everyday.stressorRate.value",
      /finite number/,
    );
    expectIssue(
      issuesOf((m) => (m.everyday.stressorRate.value = Infinity)),
      "everyday.stressorRate.value",
      /finite number/,
    );
    expectIssue(
      issuesOf((m) => delete m.everyday.stateNoise.unit),
      "everyday.stateNoise.unit",
      /string/,
    );
    expectIssue(
      issuesOf((m) => (m.everyday.minutesPerLoad.provenance = { kind: "hunch" })),
      "everyday.minutesPerLoad.provenance.kind",
      /literature/,
    );
    expectIssue(
      issuesOf((m) => (m.everyday.minutesPerLoad.provenance = { kind: "assumption" })),
      "everyday.minutesPerLoad.provenance.reason",
      /string/,
    );
    expectIssue(
      issuesOf((m) => (m.everyday.stressorRate.prior = { dist: "fixed", value: 1 })),
      "everyday.stressorRate.prior",
      /unknown field/,
    );
    expectIssue(
      issuesOf((m) => (m.everyday.classWarmth = m.everyday.classTroubles)),
      "everyday.classWarmth",
      /unknown field \(expected one of stressorRate, /,
    );
    expectIssue(
      issuesOf((m) => (m.everyday = [1])),
      "everyday",
      /object/,
    );
  });
});
