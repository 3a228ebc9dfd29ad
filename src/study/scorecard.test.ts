import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ValidationError } from "../model/issues.js";
import { dataResolver, shippedPath } from "../model/dataResolver.js";
import type { AnalysisResult } from "./analyses.js";
import {
  FINDINGS_DATA,
  loadFindings,
  meets,
  runScorecard,
  selectFindings,
  studyOf,
  type FindingCheck,
} from "./scorecard.js";
import { loadStudy } from "./studySpec.js";

const dir = mkdtempSync(join(tmpdir(), "kindsim-scorecard-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const all = loadFindings();
const byId = (id: string): FindingCheck => all.find((f) => f.id === id)!;

/** An analysis result with the given estimate and CI. */
const result = (
  estimate: number,
  ci: [number, number],
  extra: Partial<AnalysisResult> = {},
): AnalysisResult => ({
  id: "a",
  type: "compare",
  label: "a",
  metric: "hedges_g",
  direction: "t − c",
  estimate,
  ci,
  p: 0.01,
  n: 40,
  details: {},
  ...extra,
});

describe("loadFindings", () => {
  it("loads the shipped findings file", () => {
    expect(shippedPath(FINDINGS_DATA).replace(/\\/g, "/")).toMatch(/data\/findings\.yaml$/);
    expect(all.length).toBeGreaterThanOrEqual(40);
    const ids = all.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ["F1a", "F3a", "F3b", "F10", "F19", "H19", "H19b"]) expect(ids).toContain(id);
    for (const f of all) {
      expect(f.claim.length).toBeGreaterThan(0);
      expect(f.analysis.length).toBeGreaterThan(0);
      expect([f.study, f.design, f.sameAs].filter((x) => x !== undefined)).toHaveLength(1);
      expect(f.expect.direction !== undefined || f.expect.window !== undefined).toBe(true);
    }
    expect(byId("F19")).toMatchObject({
      sameAs: "F10",
      analysis: "pain_ai",
      expect: { direction: "positive" },
      covers: ["F19"],
    });
    expect(byId("F1a").study).toBe("examples/mascaro2013-rmet.yaml");
  });

  it("reports bad findings with the path of the field", () => {
    const file = join(dir, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({
        findings: [
          { id: "A", claim: "c", citation: "x", analysis: "a", expect: {}, study: "s.yaml" },
          {
            id: "B",
            claim: "c",
            citation: "x",
            analysis: "a",
            expect: { direction: "up" },
            sameAs: "Z",
          },
          {
            id: "A",
            claim: "c",
            citation: "x",
            analysis: "a",
            expect: { window: [2, 1] },
            study: "s.yaml",
            design: {},
          },
        ],
      }),
    );
    let err: ValidationError | undefined;
    try {
      loadFindings(file);
    } catch (e) {
      err = e as ValidationError;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const paths = err!.issues.map((i) => i.path);
    expect(paths).toContain("findings[0].expect");
    expect(paths).toContain("findings[1].expect.direction");
    expect(paths).toContain("findings[1].sameAs");
    expect(paths).toContain("findings[2].expect.window");
    expect(paths).toContain("findings[2]");
    expect(paths).toContain("findings[2].id");
    expect(err!.message).toContain(`findings file ${file} is invalid`);
  });
});

describe("meets", () => {
  it("checks the direction and, by default, significance", () => {
    expect(meets(result(0.5, [0.1, 0.9]), { direction: "positive" })).toEqual({
      ok: true,
      reason: "",
    });
    expect(meets(result(-0.5, [-0.9, -0.1]), { direction: "negative" }).ok).toBe(true);
    expect(meets(result(-0.5, [-0.9, -0.1]), { direction: "positive" })).toEqual({
      ok: false,
      reason: "estimate has the wrong sign (expected positive)",
    });
    expect(meets(result(0, [-0.1, 0.1]), { direction: "positive" }).ok).toBe(false);
    expect(meets(result(0.5, [-0.1, 0.9]), { direction: "positive" })).toEqual({
      ok: false,
      reason: "95% CI includes 0",
    });
    expect(meets(result(-0.5, [-0.9, 0.1]), { direction: "negative" }).reason).toBe(
      "95% CI includes 0",
    );
  });

  it("skips the CI test when significant is false", () => {
    expect(meets(result(0.5, [-0.1, 0.9]), { direction: "positive", significant: false }).ok).toBe(
      true,
    );
    expect(meets(result(-0.5, [-0.9, 0.1]), { direction: "positive", significant: false }).ok).toBe(
      false,
    );
    expect(meets(result(0.5, [-0.1, 0.9]), { direction: "positive", significant: true }).ok).toBe(
      false,
    );
  });

  it("checks the window (inclusive), alone or with a direction", () => {
    expect(meets(result(0.3, [0.1, 0.5]), { window: [0.2, 0.6] }).ok).toBe(true);
    expect(meets(result(0.2, [-1, 1]), { window: [0.2, 0.6] }).ok).toBe(true);
    expect(meets(result(0.6, [-1, 1]), { window: [0.2, 0.6] }).ok).toBe(true);
    expect(meets(result(0.7, [0.5, 0.9]), { window: [0.2, 0.6] })).toEqual({
      ok: false,
      reason: "estimate outside [0.2, 0.6]",
    });
    expect(meets(result(0.7, [0.5, 0.9]), { direction: "positive", window: [0.2, 0.6] }).ok).toBe(
      false,
    );
    expect(meets(result(0.4, [0.1, 0.9]), { direction: "positive", window: [0.2, 0.6] }).ok).toBe(
      true,
    );
    // The window is tested on the estimate only, even when the CI is wide.
    expect(meets(result(0.4, [-5, 5]), { window: [0.2, 0.6] }).ok).toBe(true);
  });

  it("fails on an analysis error or a non-finite estimate", () => {
    expect(
      meets(result(NaN, [NaN, NaN], { error: "too few participants" }), { direction: "positive" }),
    ).toEqual({
      ok: false,
      reason: "too few participants",
    });
    expect(meets(result(NaN, [NaN, NaN]), { window: [0, 1] })).toEqual({
      ok: false,
      reason: "no estimate",
    });
    expect(meets(result(Infinity, [1, Infinity]), { direction: "positive" }).ok).toBe(false);
    expect(meets(result(0.5, [0.1, 0.9], { error: "warning" }), { direction: "positive" }).ok).toBe(
      false,
    );
  });
});

describe("selectFindings", () => {
  const ids = (only?: string[]): string[] => selectFindings(all, only).map((f) => f.id);

  it("returns every check without a selection", () => {
    expect(ids()).toEqual(all.map((f) => f.id));
    expect(ids([])).toEqual(all.map((f) => f.id));
  });

  it("selects by exact id, and by prefix only for a single trailing letter", () => {
    expect(ids(["F3"])).toEqual(["F3a", "F3b"]);
    expect(ids(["F1"])).toEqual(["F1a", "F1b", "F1c"]);
    expect(ids(["F1"])).not.toContain("F10");
    expect(ids(["F10"])).toEqual(["F10"]);
    expect(ids(["F19"])).toEqual(["F19"]);
    expect(ids(["H19"])).toEqual(["H19", "H19b"]);
    expect(ids(["F3a"])).toEqual(["F3a"]);
    expect(ids(["F3", "F19"])).toEqual(["F3a", "F3b", "F19"]);
    // Case matters; a partial id without the trailing letter rule does not match.
    expect(() => ids(["f3"])).toThrow();
    expect(() => ids(["F"])).toThrow();
  });

  it("throws naming the selection and the known ids when nothing matches", () => {
    expect(() => ids(["NOPE"])).toThrow(/no finding matches NOPE \(known: F7a, .*F19/);
  });
});

describe("studyOf", () => {
  it("loads a study file relative to the package root", () => {
    const s = studyOf(byId("F1a"), all);
    expect(s).toEqual(loadStudy(resolve(dataResolver().root, "examples/mascaro2013-rmet.yaml")));
    expect(s.id).toBe("mascaro2013-rmet");
  });

  it("builds an inline design with the finding's id and claim", () => {
    const f10 = byId("F10");
    const s = studyOf(f10, all);
    expect(s.id).toBe("F10");
    expect(s.title).toBe(f10.claim);
    expect(s.seed).toBe(10);
    expect(s.arms).toEqual([{ id: "all", protocol: "waitlist", n: 400, population: undefined }]);
    expect(s.waves).toEqual([{ id: "scan", day: 14 }]);
    expect(s.battery).toEqual({ scan: { "*": ["empathy-for-pain", "experience-sampling"] } });
    expect((s.analyses as { id: string }[]).map((a) => a.id)).toContain("pain_ai");
    expect(s.baseDir).toBe(dataResolver().root);
  });

  it("follows sameAs to the root check's study", () => {
    expect(studyOf(byId("F19"), all)).toEqual(studyOf(byId("F10"), all));
    expect(studyOf(byId("H19b"), all).id).toBe("H19");
  });

  it("reports a bad inline design as a ValidationError naming the design", () => {
    const bad: FindingCheck = {
      ...byId("F10"),
      id: "X",
      design: { ...byId("F10").design, arms: [{ id: "all", protocol: "waitlist", n: -1 }] },
    };
    expect(() => studyOf(bad, all)).toThrow(ValidationError);
    expect(() => studyOf(bad, all)).toThrow(/design of finding X is invalid[\s\S]*arms\[0\]\.n/);
  });
});

describe("runScorecard", () => {
  it("runs F19 (sharing its study with F10) end to end, with verdicts for one trial", async () => {
    const f19 = byId("F19");
    // Extra checks on the same study run in the same trial (same root and n): they exercise
    // the verdicts without simulating again.
    const wrong: FindingCheck = { ...f19, id: "X-fail", expect: { direction: "negative" } };
    const expectedFailure: FindingCheck = { ...wrong, id: "X-expected", expectedFailure: "known" };
    const unexpectedPass: FindingCheck = { ...f19, id: "X-unexpected", expectedFailure: "known" };
    const progress: number[] = [];
    const card = await runScorecard([f19, wrong, expectedFailure, unexpectedPass], all, {
      threads: 1,
      onProgress: (f) => progress.push(f),
    });
    expect(progress).toEqual([1]); // one group, one trial
    expect(card.total).toBe(4);
    const [r, fail, expFail, unexp] = card.findings;
    expect(r).toMatchObject({
      id: "F19",
      passed: true,
      verdict: "pass",
      reason: "",
      analysis: "pain_ai",
      claim: f19.claim,
      covers: ["F19"],
    });
    expect(Number.isFinite(r.estimate)).toBe(true);
    expect(r.estimate).toBeGreaterThan(0);
    expect(r.ci[0]).toBeGreaterThan(0);
    expect(r.ci[1]).toBeGreaterThanOrEqual(r.estimate);
    expect(r.n).toBeGreaterThan(300);
    expect(r.n).toBeLessThanOrEqual(400);
    expect(r.design).toBe("healthy-adults; all 400; 14 d; empathy-for-pain+experience-sampling");

    expect(fail).toMatchObject({
      passed: false,
      verdict: "fail",
      reason: "estimate has the wrong sign (expected negative)",
    });
    expect(fail.estimate).toBe(r.estimate);
    expect(expFail).toMatchObject({
      passed: false,
      verdict: "expected failure",
      expectedFailure: "known",
    });
    expect(unexp).toMatchObject({ passed: true, verdict: "unexpected pass" });
    expect(card.passed).toBe(2);
    expect(card.unexpectedFailures).toBe(1);
    expect(card.seconds).toBeGreaterThan(0);
  });
});
