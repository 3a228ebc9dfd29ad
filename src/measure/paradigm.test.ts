import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileModel } from "../engine/compileModel.js";
import { Issues, ValidationError } from "../model/issues.js";
import { defaultModel } from "../model/loadModel.js";
import { shippedPath } from "../model/dataResolver.js";
import { loadParadigms, PARADIGMS_DATA, readParadigm } from "./paradigm.js";

const cm = compileModel(defaultModel());
const dir = mkdtempSync(join(tmpdir(), "kindsim-paradigm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/* eslint-disable @typescript-eslint/no-explicit-any -- bad paradigms are built by poking raw data */

/** A small valid paradigm: two conditions, an fMRI contrast, a slow measure, a diary measure. */
function valid(): any {
  return {
    id: "test",
    label: "Test paradigm",
    conditions: [
      { id: "pain", duration: 10, segments: [{ from: 0, to: 10, inputs: { suffering: 0.7 } }] },
      { id: "neutral", duration: 10, segments: [{ from: 0, to: 10, inputs: {} }] },
    ],
    measures: [
      {
        id: "ai",
        label: "AI pain > neutral",
        source: {
          from: "episode",
          condition: "pain",
          contrast: "neutral",
          terms: { affectiveSharing: 1 },
        },
        instrument: { kind: "roi", scale: 2, reliability: 0.6, refSd: 0.1 },
      },
      {
        id: "ec",
        label: "Empathic concern",
        source: { from: "slow", terms: { warmth: 1 } },
        instrument: {
          kind: "likert",
          items: 7,
          points: 5,
          loading: 6,
          reliability: 0.8,
          refSd: 0.1,
        },
      },
      {
        id: "pa",
        label: "Daily positive affect",
        source: { from: "diary", variable: "pa_day", days: 7 },
        instrument: {
          kind: "diary",
          items: 1,
          points: 5,
          loading: 8,
          reliability: 0.6,
          refSd: 0.1,
        },
      },
    ],
  };
}

/** Reads a (possibly edited) paradigm and returns the issues and the result. */
function read(edit: (p: any) => void = () => {}): {
  issues: Issues;
  paths: string[];
  out: unknown;
} {
  const p = valid();
  edit(p);
  const issues = new Issues();
  const out = readParadigm(issues, "paradigms[0]", p, cm);
  return { issues, paths: issues.list.map((i) => i.path), out };
}

/** Paths must name the field; throwIfAny must then give a ValidationError carrying them. */
function expectError(edit: (p: any) => void, path: string, message?: RegExp): void {
  const { issues, paths } = read(edit);
  expect(paths).toContain(path);
  if (message) expect(issues.list.find((i) => i.path === path)!.message).toMatch(message);
  let err: unknown;
  try {
    issues.throwIfAny("paradigm file x.yaml");
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ValidationError);
  expect((err as ValidationError).issues.map((i) => i.path)).toContain(path);
  expect((err as ValidationError).message).toContain(path);
}

describe("loadParadigms", () => {
  it("loads every shipped paradigm against the compiled default model", () => {
    const ps = loadParadigms(cm);
    expect(ps.length).toBeGreaterThanOrEqual(15);
    const ids = ps.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ["rmet", "empathy-for-pain", "tsst", "experience-sampling", "questionnaires"])
      expect(ids).toContain(id);
    for (const p of ps) {
      expect(p.measures.length).toBeGreaterThan(0);
      for (const m of p.measures) {
        expect(m.source).toBeDefined();
        expect(m.instrument).toBeDefined();
        if (m.source.from === "episode" || m.source.from === "coupling")
          expect(p.conditions.map((c) => c.id)).toContain(m.source.condition);
      }
    }
    const tsst = ps.find((p) => p.id === "tsst")!;
    expect(tsst.measures.find((m) => m.id === "cortisol")!.timecourse!.times).toEqual([
      -10, 0, 15, 30, 60, 90,
    ]);
  });

  it("loadParadigms(cm, file) throws a ValidationError naming the bad field of a file", () => {
    const p = valid();
    p.conditions[0].segments[0].inputs = { nope: 0.5 };
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ paradigms: [p] }));
    expect(() => loadParadigms(cm, file)).toThrow(ValidationError);
    expect(() => loadParadigms(cm, file)).toThrow(
      /paradigms\[0\]\.conditions\[0\]\.segments\[0\]\.inputs\.nope/,
    );
  });

  it("loadParadigms(cm, file) rejects two paradigms with the same id", () => {
    const file = join(dir, "dup.json");
    writeFileSync(file, JSON.stringify({ paradigms: [valid(), valid()] }));
    expect(() => loadParadigms(cm, file)).toThrow(/paradigms\[1\]\.id: duplicate paradigm id/);
  });

  it("the shipped paradigms are data/paradigms.yaml", () => {
    expect(shippedPath(PARADIGMS_DATA).replace(/\\/g, "/")).toMatch(/data\/paradigms\.yaml$/);
  });
});

describe("readParadigm", () => {
  it("accepts a valid paradigm without issues and keeps its fields", () => {
    const { issues, out } = read();
    expect(issues.list).toEqual([]);
    const p = out as ReturnType<typeof readParadigm> & object;
    expect(p.id).toBe("test");
    expect(p.conditions.map((c) => c.id)).toEqual(["pain", "neutral"]);
    expect(p.measures.map((m) => m.id)).toEqual(["ai", "ec", "pa"]);
    expect(p.measures[0].source).toMatchObject({ from: "episode", contrast: "neutral" });
  });

  it("reports an unknown input node at the segment's inputs path", () => {
    expectError(
      (p) => (p.conditions[0].segments[0].inputs = { sufferingg: 0.5 }),
      "paradigms[0].conditions[0].segments[0].inputs.sufferingg",
      /expected an input node of the model/,
    );
  });

  it("reports an input value outside the input's range", () => {
    expectError(
      (p) => (p.conditions[0].segments[0].inputs = { suffering: 1.5 }),
      "paradigms[0].conditions[0].segments[0].inputs.suffering",
      /within \[0, 1\], got 1\.5/,
    );
  });

  it("reports a segment whose to <= from", () => {
    expectError(
      (p) => (p.conditions[0].segments[0] = { from: 5, to: 5, inputs: { suffering: 0.5 } }),
      "paradigms[0].conditions[0].segments[0].to",
      /expected to > from/,
    );
  });

  it("reports a source condition that is not a condition of the paradigm", () => {
    expectError(
      (p) => (p.measures[0].source.condition = "pian"),
      "paradigms[0].measures[0].source.condition",
      /expected a condition of this paradigm/,
    );
  });

  it("reports a contrast naming an unknown condition", () => {
    expectError(
      (p) => (p.measures[0].source.contrast = "baseline"),
      "paradigms[0].measures[0].source.contrast",
      /"baseline"/,
    );
  });

  it("reports an unknown node in episode terms and in slow terms", () => {
    expectError(
      (p) => (p.measures[0].source.terms = { affectiveSharing: 1, Q: 0.5 }),
      "paradigms[0].measures[0].source.terms.Q",
      /fast node or readout/,
    );
    // A fast node is not a slow node.
    expectError(
      (p) => (p.measures[1].source.terms = { affectiveSharing: 1 }),
      "paradigms[0].measures[1].source.terms.affectiveSharing",
      /slow node or trait/,
    );
  });

  it("reports empty terms", () => {
    expectError(
      (p) => (p.measures[1].source.terms = {}),
      "paradigms[0].measures[1].source.terms",
      /at least one term/,
    );
  });

  it("reports a diary source with a non-diary instrument, and the reverse", () => {
    expectError(
      (p) =>
        (p.measures[2].instrument = {
          kind: "likert",
          items: 1,
          points: 5,
          loading: 8,
          reliability: 0.6,
          refSd: 0.1,
        }),
      "paradigms[0].measures[2].instrument.kind",
      /diary source needs a diary instrument/,
    );
    expectError(
      (p) => (p.measures[1].instrument = { ...valid().measures[2].instrument }),
      "paradigms[0].measures[1].instrument.kind",
      /diary instrument needs a diary source/,
    );
  });

  it("reports a diary variable that is neither a day summary nor a slow node", () => {
    expectError(
      (p) => (p.measures[2].source.variable = "affectiveSharing"),
      "paradigms[0].measures[2].source.variable",
    );
  });

  it("reports bad instrument fields at the instrument's field path", () => {
    expectError(
      (p) => (p.measures[1].instrument.items = 0),
      "paradigms[0].measures[1].instrument.items",
      /whole number >= 1/,
    );
    expectError(
      (p) => (p.measures[0].instrument.reliability = 1.2),
      "paradigms[0].measures[0].instrument.reliability",
    );
  });

  it("reports a duplicate measure id on the second measure", () => {
    expectError(
      (p) => (p.measures[1].id = "ai"),
      "paradigms[0].measures[1].id",
      /duplicate measure id "ai"/,
    );
  });

  it("reports a window outside the condition's duration", () => {
    expectError(
      (p) => (p.conditions[0].window = [2, 12]),
      "paradigms[0].conditions[0].window",
      /0 <= from < to <= 10/,
    );
    expectError((p) => (p.conditions[0].window = [6, 4]), "paradigms[0].conditions[0].window");
    const ok = read((p) => (p.conditions[0].window = [2, 10]));
    expect(ok.issues.list).toEqual([]);
  });

  it("reports an unknown source kind and unknown fields", () => {
    expectError(
      (p) => (p.measures[0].source.from = "fmri"),
      "paradigms[0].measures[0].source.from",
      /expected one of episode, coupling, slow, diary/,
    );
    expectError((p) => (p.conditions[0].durration = 10), "paradigms[0].conditions[0].durration");
    expectError((p) => (p.measures[0].unit = "%"), "paradigms[0].measures[0].unit");
  });

  it("reports a coupling source whose nodes are not two fast nodes", () => {
    expectError(
      (p) =>
        (p.measures[0].source = {
          from: "coupling",
          condition: "pain",
          nodes: ["salience", "warmth"],
        }),
      "paradigms[0].measures[0].source.nodes",
    );
  });

  it("reports episode measures without any condition", () => {
    expectError((p) => (p.conditions = []), "paradigms[0].conditions", /at least one condition/);
  });

  it("reports a non-positive duration and a bad timecourse", () => {
    expectError((p) => (p.conditions[1].duration = 0), "paradigms[0].conditions[1].duration");
    expectError(
      (p) => (p.measures[0].timecourse = { times: [0, "x"], peak: -1 }),
      "paradigms[0].measures[0].timecourse.times[1]",
    );
    expectError(
      (p) => (p.measures[0].timecourse = { times: [0, 10], peak: -1 }),
      "paradigms[0].measures[0].timecourse.peak",
    );
  });

  it("returns undefined when id or label is missing", () => {
    const { out, paths } = read((p) => delete p.label);
    expect(out).toBeUndefined();
    expect(paths).toContain("paradigms[0].label");
  });
});
