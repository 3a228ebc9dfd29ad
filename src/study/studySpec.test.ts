import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ValidationError } from "../model/issues.js";
import { dataResolver } from "../model/dataResolver.js";
import { resolveModel } from "../model/loadModel.js";
import { checkStudySet, loadStudy, readStudy } from "./studySpec.js";

const dir = mkdtempSync(join(tmpdir(), "kindsim-study-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/* eslint-disable @typescript-eslint/no-explicit-any -- bad studies are built by poking raw data */

/** A small valid study. */
function valid(): any {
  return {
    id: "s",
    title: "A study",
    population: "healthy-adults",
    seed: 3,
    arms: [
      { id: "lkm", protocol: "lkm", n: 10 },
      { id: "waitlist", protocol: "waitlist", n: 10 },
    ],
    waves: [
      { id: "pre", day: 0 },
      { id: "post", day: 14 },
    ],
    battery: ["questionnaires"],
    analyses: [],
  };
}

/** The ValidationError that `readStudy` throws for a study changed by `edit`. */
function errorOf(edit: (s: any) => void): ValidationError {
  const s = valid();
  edit(s);
  try {
    readStudy(s, "study file bad.yaml");
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error("expected readStudy to throw");
}

function expectError(edit: (s: any) => void, path: string, message?: RegExp): void {
  const e = errorOf(edit);
  const issue = e.issues.find((i) => i.path === path);
  expect(issue, `issues: ${JSON.stringify(e.issues)}`).toBeDefined();
  if (message) expect(issue!.message).toMatch(message);
  expect(e.message).toContain(`study file bad.yaml is invalid`);
  expect(e.message).toContain(`  ${path}: `);
}

describe("readStudy", () => {
  it("parses a valid study with defaults", () => {
    const s = readStudy(valid(), "study", "/base");
    expect(s.id).toBe("s");
    expect(s.arms).toEqual([
      { id: "lkm", protocol: "lkm", n: 10, population: undefined },
      { id: "waitlist", protocol: "waitlist", n: 10, population: undefined },
    ]);
    expect(s.waves).toEqual([
      { id: "pre", day: 0 },
      { id: "post", day: 14 },
    ]);
    expect(s.randomisation).toEqual({ method: "blocked", blockSize: 4, strata: [] });
    expect(s.adjust).toBe("holm");
    expect(s.events).toEqual([]);
    expect(s.paradigms).toEqual([]);
    expect(s.dropout).toBeUndefined();
    expect(s.baseDir).toBe("/base");
  });

  it("parses a battery given as a list: every wave, every arm", () => {
    const s = readStudy(valid(), "study");
    expect(s.battery).toEqual({
      pre: { "*": ["questionnaires"] },
      post: { "*": ["questionnaires"] },
    });
  });

  it("parses a battery given as wave → list", () => {
    const s = readStudy(
      { ...valid(), battery: { pre: ["questionnaires"], post: ["questionnaires", "rmet"] } },
      "study",
    );
    expect(s.battery).toEqual({
      pre: { "*": ["questionnaires"] },
      post: { "*": ["questionnaires", "rmet"] },
    });
  });

  it("parses a battery given as wave → arm → list (with '*')", () => {
    const s = readStudy(
      {
        ...valid(),
        battery: { pre: { "*": ["questionnaires"] }, post: { lkm: ["rmet"], waitlist: ["tsst"] } },
      },
      "study",
    );
    expect(s.battery).toEqual({
      pre: { "*": ["questionnaires"] },
      post: { lkm: ["rmet"], waitlist: ["tsst"] },
    });
  });

  it("resolves file references against the study's folder and keeps ids as they are", () => {
    const s = readStudy(
      {
        ...valid(),
        population: "pops/mine.yaml",
        arms: [
          { id: "a", protocol: "protocols/x.yaml", n: 5, population: "p.json" },
          { id: "b", protocol: "waitlist", n: 5 },
        ],
        paradigms: ["extra.yaml"],
      },
      "study",
      "/base/dir",
    );
    expect(s.population).toBe(resolve("/base/dir", "pops/mine.yaml"));
    expect(s.arms[0].protocol).toBe(resolve("/base/dir", "protocols/x.yaml"));
    expect(s.arms[0].population).toBe(resolve("/base/dir", "p.json"));
    expect(s.arms[1].protocol).toBe("waitlist");
    expect(s.paradigms).toEqual([resolve("/base/dir", "extra.yaml")]);
  });

  it("parses dropout, events, randomisation and adjust", () => {
    const s = readStudy(
      {
        ...valid(),
        randomisation: { method: "stratified", strata: ["warmth0"], blockSize: 4 },
        dropout: { perWeek: 0.1, dependsOn: "depression", slope: 2 },
        events: [
          { event: "exclusion", from: 3, to: 5, value: 0.5, arms: ["lkm"] },
          { event: "otAdmin", from: 7 },
        ],
        adjust: "none",
      },
      "study",
    );
    expect(s.randomisation).toEqual({ method: "stratified", blockSize: 4, strata: ["warmth0"] });
    expect(s.dropout).toEqual({ perWeek: 0.1, dependsOn: "depression", slope: 2 });
    expect(s.events).toEqual([
      { event: "exclusion", from: 3, to: 5, value: 0.5, arms: ["lkm"] },
      { event: "otAdmin", from: 7, to: 7, value: 1, arms: undefined },
    ]);
    expect(s.adjust).toBe("none");
  });

  it("reports an unknown arm in events", () => {
    expectError(
      (s) => (s.events = [{ event: "exclusion", from: 1, to: 2, arms: ["lkm", "control"] }]),
      "events[0].arms",
      /unknown arm "control"/,
    );
  });

  it("reports an event whose to comes before from", () => {
    expectError((s) => (s.events = [{ event: "exclusion", from: 5, to: 2 }]), "events[0].to");
  });

  it("reports waves out of time order", () => {
    expectError(
      (s) =>
        (s.waves = [
          { id: "pre", day: 0 },
          { id: "post", day: 28 },
          { id: "follow", day: 14 },
        ]),
      "waves[2].day",
      /time order/,
    );
  });

  it("reports stratified randomisation without strata", () => {
    expectError(
      (s) => (s.randomisation = { method: "stratified" }),
      "randomisation.strata",
      /at least one trait/,
    );
  });

  it("reports an unknown randomisation method and an unknown randomisation field", () => {
    expectError(
      (s) => (s.randomisation = { method: "minimisation" }),
      "randomisation.method",
      /expected one of simple, blocked, stratified/,
    );
    expectError((s) => (s.randomisation = { method: "blocked", block: 4 }), "randomisation.block");
    expectError((s) => (s.randomisation = { blockSize: 0 }), "randomisation.blockSize");
  });

  it("reports a battery for an unknown wave, and for an unknown arm", () => {
    expectError(
      (s) => (s.battery = { pre: ["questionnaires"], followup: ["questionnaires"] }),
      "battery.followup",
      /expected a wave id \(pre, post\)/,
    );
    expectError(
      (s) => (s.battery = { pre: { control: ["questionnaires"] } }),
      "battery.pre.control",
      /expected an arm id or "\*"/,
    );
    expectError((s) => (s.battery = ["questionnaires", 3]), "battery[1]");
  });

  it("reports a negative n and a fractional n", () => {
    expectError((s) => (s.arms[1].n = -4), "arms[1].n", /integer >= 1/);
    expectError((s) => (s.arms[0].n = 2.5), "arms[0].n");
  });

  it("reports an unknown top-level field and an unknown arm field", () => {
    expectError((s) => (s.wave = []), "(study).wave", /unknown field/);
    expectError((s) => (s.arms[0].size = 3), "arms[0].size", /unknown field/);
  });

  it("reports dropout perWeek above 1 and unknown dropout fields", () => {
    expectError((s) => (s.dropout = { perWeek: 1.5 }), "dropout.perWeek", /<= 1/);
    expectError((s) => (s.dropout = { perWeek: 0.1, slop: 2 }), "dropout.slop");
  });

  it("reports missing arms, empty arms, duplicate arm ids and missing ids", () => {
    expectError((s) => delete s.arms, "arms", /expected a list/);
    expectError((s) => (s.arms = []), "arms", /at least one arm/);
    expectError(
      (s) => (s.arms[1].id = "lkm"),
      "arms[1].id",
      /duplicate arm id "lkm" \(also arms\[0\].id\)/,
    );
    expectError((s) => delete s.id, "id");
    expectError((s) => (s.waves = []), "waves", /at least one wave/);
  });

  it("reports a negative wave day, a bad seed and a bad adjust", () => {
    expectError((s) => (s.waves[0].day = -1), "waves[0].day");
    expectError((s) => (s.seed = -2), "seed");
    expectError((s) => (s.adjust = "bonferroni"), "adjust");
  });

  it("reports every problem at once", () => {
    const e = errorOf((s) => {
      s.arms[0].n = 0;
      s.dropout = { perWeek: 2 };
      s.colour = "red";
    });
    expect(e.issues.map((i) => i.path).sort()).toEqual(
      ["(study).colour", "arms[0].n", "dropout.perWeek"].sort(),
    );
  });
});

describe("readStudy: analyses, duplicates and one pass", () => {
  it("types and validates the analyses when the study is read", () => {
    const s = valid();
    s.analyses = [
      {
        id: "g",
        type: "compare",
        outcome: { measure: "warmth", change: ["pre", "post"] },
        arms: ["lkm", "waitlist"],
      },
    ];
    const spec = readStudy(s, "study");
    expect(spec.analyses[0].type).toBe("compare");
    expectError(
      (x) => (x.analyses = [{ id: "g", type: "compare", outcome: { measure: "m", wave: "mid" } }]),
      "analyses[0].outcome.wave",
      /unknown wave "mid" \(expected one of: pre, post\)/,
    );
    expectError(
      (x) => (x.analyses = [{ id: "g", type: "comapre" }]),
      "analyses[0].type",
      /unknown analysis type "comapre"/,
    );
  });

  it("names an unknown set: key and what was expected", () => {
    const spec = readStudy({ ...valid(), set: { warmthh: 0.5 } }, "study");
    let err: unknown;
    try {
      checkStudySet(spec, resolveModel());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const issue = (err as ValidationError).issues[0];
    expect(issue.path).toBe("set.warmthh");
    expect(issue.message).toMatch(/unknown parameter "warmthh": expected a model parameter id/);
    expect(() =>
      checkStudySet(readStudy({ ...valid(), set: {} }, "study"), resolveModel()),
    ).not.toThrow();
  });

  it("names a duplicated wave id", () => {
    expectError(
      (s) => (s.waves[1].id = "pre"),
      "waves[1].id",
      /duplicate wave id "pre" \(also waves\[0\].id\)/,
    );
  });

  it("reports every problem of a study in one error", () => {
    const e = errorOf((s) => {
      s.seed = -1;
      s.arms[1].id = "lkm";
      s.waves[1].id = "pre";
      s.adjust = "bonferroni";
      s.analyses = [{ id: "a", type: "mean", value: { measure: "m", wave: "post" } }];
    });
    expect(e.issues.map((i) => i.path).sort()).toEqual(
      ["adjust", "analyses[0].value.wave", "arms[1].id", "seed", "waves[1].id"].sort(),
    );
  });
});

describe("loadStudy", () => {
  it("loads every shipped example study", () => {
    const ex = join(dataResolver().root, "examples");
    const files = readdirSync(ex).filter((f) => f.endsWith(".yaml"));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const s = loadStudy(join(ex, f));
      expect(s.baseDir).toBe(resolve(ex));
      expect(s.arms.length).toBeGreaterThan(0);
      expect(s.waves.length).toBeGreaterThan(0);
    }
    const kok = loadStudy(join(ex, "kok2013-upward-spiral.yaml"));
    expect(kok.battery).toEqual({
      pre: { "*": ["experience-sampling"] },
      post: { "*": ["experience-sampling"] },
    });
    const klimecki = loadStudy(join(ex, "klimecki2014-empathy-then-compassion.yaml"));
    expect(klimecki.arms[0].protocol).toBe(resolve(ex, "protocols/empathy-then-compassion.yaml"));
  });

  it("names the file and the field of a bad study file", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ ...valid(), dropout: { perWeek: 3 } }));
    expect(() => loadStudy(file)).toThrow(ValidationError);
    expect(() => loadStudy(file)).toThrow(`study file ${file} is invalid`);
    expect(() => loadStudy(file)).toThrow(/dropout\.perWeek/);
  });
});
