import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "./nodeData.js";

const SCRIPT = join(PACKAGE_ROOT, "scripts/rename-node-ids.mjs");
const dir = mkdtempSync(join(tmpdir(), "kindsim-rename-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the script on one file with the given text; returns the new text and the exit code. */
function rename(name: string, text: string, check = false): { text: string; code: number } {
  const file = join(dir, name);
  writeFileSync(file, text);
  let code = 0;
  try {
    execFileSync(process.execPath, [SCRIPT, ...(check ? ["--check"] : []), file], {
      encoding: "utf8",
    });
  } catch (e) {
    code = (e as { status: number }).status;
  }
  return { text: readFileSync(file, "utf8"), code };
}

const MODEL = `# a model fragment: A stays in comments
nodes:
  - { id: s, label: "A's suffering", kind: input, level: input, range: [0, 1], unit: u, meaning: "s", default: 0 }
  - id: F
    kind: process
    equation: "sigmoid(f1*s*A + 2e-3*F2 + Fx - f0)"
  - { id: perspective, kind: outcome, level: readout, equation: "Z*(1 - F)" }
edges:
  - { id: E1, from: s, to: F, effect: drive, signAt: { esc: 0 } }
content:
  perspective: { label: Perspective-taking, trains: { mentalizing: 1 }, inputs: { s: 0.3, kind: 0.1 } }
coupling:
  summaries:
    - { id: stress_day, node: P, otherwise: "0" }
parameters:
  s: { value: 1 }
`;

describe("scripts/rename-node-ids.mjs", () => {
  it("renames node ids in node positions and formulas by whole identifier, nowhere else", () => {
    const { text } = rename("model.yaml", MODEL);
    expect(text).toContain("# a model fragment: A stays in comments");
    expect(text).toContain('{ id: suffering, label: "A\'s suffering", kind: input');
    expect(text).toContain('meaning: "s"');
    expect(text).toContain("  - id: affectiveSharing\n    kind: process");
    expect(text).toContain('equation: "sigmoid(f1*suffering*attendOther + 2e-3*F2 + Fx - f0)"');
    expect(text).toContain("{ id: perspectiveOnly, kind: outcome");
    expect(text).toContain('equation: "perspectiveTaking*(1 - affectiveSharing)"');
    expect(text).toContain(
      "from: suffering, to: affectiveSharing, effect: drive, signAt: { escapeEase: 0 }",
    );
    // Content keys are content primitives, not nodes; their inputs are nodes.
    expect(text).toContain("  perspective: { label: Perspective-taking");
    expect(text).toContain("inputs: { suffering: 0.3, kindnessCue: 0.1 }");
    expect(text).toContain("node: personalDistress");
    expect(text).toContain("  s: { value: 1 }"); // a parameter, not a node
  });

  it("is idempotent, and --check lists what is left (exit 1) or nothing (exit 0)", () => {
    expect(rename("before.yaml", MODEL, true)).toMatchObject({ code: 1, text: MODEL });
    const once = rename("twice.yaml", MODEL).text;
    expect(rename("twice.yaml", once).text).toBe(once);
    expect(rename("twice.yaml", once, true).code).toBe(0);
  });

  it("renames paradigm terms, inputs and coupling nodes but not condition ids", () => {
    const paradigm = `paradigms:
  - id: p
    conditions:
      - { id: nonsocial, duration: 10, segments: [ { from: 0, to: 10, inputs: { nonsocial: 0.5, s: 1 } } ] }
    measures:
      - { id: m, source: { from: episode, condition: nonsocial, terms: { Y: 1, perspective: 1 } }, instrument: { kind: roi } }
      - { id: c, source: { from: coupling, condition: nonsocial, nodes: [ R, W ] }, instrument: { kind: roi } }
`;
    const { text } = rename("paradigm.yaml", paradigm);
    expect(text).toContain("{ id: nonsocial, duration: 10");
    expect(text).toContain("inputs: { aversiveCue: 0.5, suffering: 1 }");
    expect(text).toContain("condition: nonsocial, terms: { salience: 1, perspectiveOnly: 1 }");
    expect(text).toContain("nodes: [ regulation, reward ]");
    expect(text).toContain("instrument: { kind: roi }");
  });

  it("lists old ids in unknown positions without renaming them", () => {
    const file = join(dir, "extra.yaml");
    const text = 'extra:\n  newThing: "sigmoid(2*P + s)"\n  label: "P and s"\n';
    writeFileSync(file, text);
    const out = execFileSync(process.execPath, [SCRIPT, file], { encoding: "utf8" });
    expect(out).toMatch(
      /extra\.yaml:2:13: not renamed \(unknown position\), check by hand: extra\.newThing/,
    );
    expect(out).not.toMatch(/label/);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("leaves the shipped data without old node ids", () => {
    expect(() =>
      execFileSync(process.execPath, [SCRIPT, "--check"], { cwd: PACKAGE_ROOT, encoding: "utf8" }),
    ).not.toThrow();
  });
});
