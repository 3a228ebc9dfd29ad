import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lintModel } from "../model/lintModel.js";
import { loadModel, shippedModelPath } from "../model/loadModel.js";
import { PACKAGE_ROOT } from "./nodeData.js";

const SCRIPT = join(PACKAGE_ROOT, "scripts/add-parameter-descriptions.mjs");
const JSON_PATH = join(PACKAGE_ROOT, "scripts/parameter-descriptions.json");
const descriptions = JSON.parse(readFileSync(JSON_PATH, "utf8")) as Record<string, string>;
const shippedText = readFileSync(shippedModelPath(), "utf8");
const dir = mkdtempSync(join(tmpdir(), "kindsim-describe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the script; returns its exit code and standard output. */
function run(...args: string[]): { code: number; out: string } {
  try {
    return {
      code: 0,
      out: execFileSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8", stdio: "pipe" }),
    };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

/** Writes `text` to a fresh file in the temp folder and returns its path. */
let files = 0;
function file(text: string, ext = "yaml"): string {
  const path = join(dir, `f${files++}.${ext}`);
  writeFileSync(path, text);
  return path;
}

/** The lines of the `parameters:` section. */
const parameterLines = (text: string): string[] => {
  const lines = text.split("\n");
  const start = lines.indexOf("parameters:");
  const end = lines.findIndex((l, i) => i > start && /^\S/.test(l) && !l.startsWith("#"));
  return lines.slice(start, end);
};

describe("scripts/parameter-descriptions.json", () => {
  it("holds one plain line of at most 120 characters per id", () => {
    for (const [id, d] of Object.entries(descriptions)) {
      expect(d.length, id).toBeLessThanOrEqual(120);
      expect(d, id).toMatch(/^[^\n\r]+$/);
      expect(d.trim(), id).toBe(d);
    }
  });
});

describe("scripts/add-parameter-descriptions.mjs", () => {
  it("describes every parameter of a copy of the shipped model, which still validates", () => {
    // the shipped model carries the descriptions already: start from a copy without them
    const bareText = shippedText
      .split("\n")
      .map((l) =>
        /^ {2}\w+: \{ value: /.test(l) ? l.replace(/ description: "(?:[^"\\]|\\.)*",/, "") : l,
      )
      .join("\n");
    const path = file(bareText);
    const r = run(path);
    expect(r.code).toBe(0);
    expect(r.out).toContain("model parameters not in the JSON, left untouched (0)\n");
    expect(r.out).toContain("JSON ids not in the model (0)\n");
    const text = readFileSync(path, "utf8");
    const model = loadModel(path);
    for (const [id, p] of Object.entries(model.parameters))
      expect(p.description, id).toBe(descriptions[id]);
    expect(lintModel(model).findings.some((f) => f.check === "undescribed-parameters")).toBe(false);
    // Everything but the inserted items is unchanged, and each sits after value and unit.
    const strip = (t: string): string => t.replace(/ description: "(?:[^"\\]|\\.)*",/g, "");
    const before = parameterLines(bareText);
    const after = parameterLines(text);
    expect(after.map(strip)).toEqual(before);
    expect(text.replace(after.join("\n"), before.join("\n"))).toBe(bareText);
    expect(text).toBe(shippedText); // the shipped model is in step with the JSON
    expect(after.find((l) => l.startsWith("  y1:"))).toMatch(
      /^ {2}y1: \{ value: [^,]+, unit: logit, description: "Gain of another's suffering and social threat on amygdala salience", prior: /,
    );
  });

  it("is idempotent, replaces an existing description and leaves ids missing from the JSON alone", () => {
    const path = file(shippedText);
    run(path);
    const once = readFileSync(path, "utf8");
    const again = run(path, "--check");
    expect(again.code).toBe(0);
    expect(again.out).toContain("file unchanged");
    expect(readFileSync(path, "utf8")).toBe(once);

    const { y1: _y1, ...rest } = descriptions;
    const json = file(
      JSON.stringify({ ...rest, a0: "a new text for a0", nosuch: "not a parameter" }),
      "json",
    );
    const r = run(path, json);
    expect(r.code).toBe(0);
    expect(r.out).toContain("model parameters not in the JSON, left untouched (1): y1\n");
    expect(r.out).toContain("JSON ids not in the model (1): nosuch\n");
    const model = loadModel(path);
    expect(model.parameters.a0.description).toBe("a new text for a0");
    expect(model.parameters.y1.description).toBe(descriptions.y1); // untouched
    const a0 = readFileSync(path, "utf8")
      .split("\n")
      .find((l) => l.startsWith("  a0:"))!;
    expect(a0.match(/description:/g)).toHaveLength(1);
    expect(run(path, json, "--strict").code).toBe(1);
  });

  it("describes an entry without value and unit first, and one holding a description anywhere", () => {
    const tiny = [
      "parameters:",
      "  # a comment",
      '  p1: { unit: "1/day", value: 2, prior: { dist: fixed, value: 2 }, provenance: { kind: assumption, reason: "x" } }',
      '  p2: { value: 1, unit: logit, prior: { dist: fixed, value: 1 }, provenance: { kind: assumption, reason: "x" }, description: old }',
      "  p3:",
      "    value: 1",
      "nodes: []",
      "",
    ].join("\n");
    const path = file(tiny);
    const json = file(JSON.stringify({ p1: "one", p2: 'two, "quoted"', p3: "three" }), "json");
    const r = run(path, json);
    expect(r.code).toBe(0);
    expect(r.out).toContain("entries not edited (not a one-line flow mapping) (1): p3");
    const lines = readFileSync(path, "utf8").split("\n");
    expect(lines[2]).toMatch(/^ {2}p1: \{ description: "one", unit: "1\/day", value: 2, /);
    expect(lines[3]).toBe(
      '  p2: { value: 1, unit: logit, description: "two, \\"quoted\\"", prior: { dist: fixed, value: 1 }, provenance: { kind: assumption, reason: "x" } }',
    );
    expect(lines.slice(4)).toEqual(tiny.split("\n").slice(4));
  });

  it("refuses a bad descriptions file or a missing model with exit code 2", () => {
    const path = file(shippedText);
    expect(run(path, file(JSON.stringify({ a0: "" }), "json")).code).toBe(2);
    expect(run(path, file(JSON.stringify({ a0: "x".repeat(161) }), "json")).code).toBe(2);
    expect(run(path, file("[1]", "json")).code).toBe(2);
    const missing = run(join(dir, "nope.yaml"));
    expect(missing.code).toBe(2);
    expect(missing.out).toContain("cannot read model");
    expect(readFileSync(path, "utf8")).toBe(shippedText);
  });
});
