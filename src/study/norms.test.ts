import { describe, expect, it } from "vitest";
import { defaultModel } from "../model/loadModel.js";
import { ValidationError } from "../model/issues.js";
import { checkNorms, compareNorms, loadNorms, readNorms, type Norm } from "./norms.js";

const model = defaultModel();
const verified = {
  id: "a",
  paradigm: "questionnaires",
  measure: "bdi",
  population: "depressed-outpatients",
  mean: 28,
  sd: 11,
  n: 260,
  citation: "Someone 2001",
  source: "abstract",
};

/** The paths of the problems `readNorms` reports for `raw`. */
function problems(raw: unknown): string[] {
  try {
    readNorms(raw, "norms file x");
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

describe("readNorms", () => {
  it("reads the shipped norms file, each with a citation and a source", () => {
    const norms = loadNorms();
    expect(norms.length).toBeGreaterThan(0);
    for (const n of norms) {
      expect(n.citation.length).toBeGreaterThan(0);
      if (n.source === "not verified") expect(n.mean).toBeUndefined();
      else expect(n.sd).toBeGreaterThan(0);
    }
    expect(() => checkNorms(model, norms)).not.toThrow();
  });

  it("names the field of every problem", () => {
    expect(problems({ norms: [{ ...verified, sd: 0 }] })).toEqual([
      expect.stringMatching(/^norms\[0\]\.sd: expected a finite number > 0/),
    ]);
    expect(problems({ norms: [{ ...verified, source: "memory" }] })).toEqual([
      expect.stringMatching(/^norms\[0\]\.source: expected one of abstract, table/),
    ]);
    expect(problems({ norms: [{ ...verified, source: "not verified" }] })).toEqual([
      'norms[0].mean: a norm whose source is "not verified" gives no mean',
      'norms[0].sd: a norm whose source is "not verified" gives no sd',
    ]);
    expect(problems({ norms: [verified, verified] })).toEqual([
      'norms[1].id: duplicate norm id "a"',
    ]);
    expect(problems({ norms: [{ ...verified, extra: 1 }] })[0]).toMatch(/^norms\[0\]\.extra/);
    expect(problems({ norms: [{ ...verified, mean: undefined }] })[0]).toMatch(/^norms\[0\]\.mean/);
    expect(problems(null)[0]).toMatch(/^\(document\)/);
  });

  it("checks norms against the model's paradigms and the shipped populations", () => {
    const bad: Norm[] = [
      { ...(verified as Norm), measure: "nope" },
      { ...(verified as Norm), paradigm: "nope" },
      { ...(verified as Norm), population: "nope" },
    ];
    try {
      checkNorms(model, bad);
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.path)).toEqual([
        "norms[0].measure",
        "norms[1].paradigm",
        "norms[2].population",
      ]);
    }
  });
});

describe("compareNorms", () => {
  it("measures each norm's instrument at a baseline wave and judges |z| against the tolerance", async () => {
    const norms = readNorms({ norms: [verified, { ...verified, id: "b", mean: 0, sd: 1e6 }] }, "x");
    const [a, b] = await compareNorms(model, norms, { n: 10, seed: 2 });
    expect(a.n).toBe(10);
    expect(a.mean).toBe(b.mean); // one baseline, measured once
    expect(a.z).toBeCloseTo((a.mean - 28) / 11, 12);
    expect(a.sdRatio).toBeCloseTo(a.sd / 11, 12);
    expect(a.verdict).toBe(Math.abs(a.z!) <= 0.5 ? "match" : "mismatch");
    expect(b.verdict).toBe("match");
    const loose = await compareNorms(model, norms, { n: 10, seed: 2, tolerance: 1e9 });
    expect(loose[0].verdict).toBe("match");
  });

  it("lists a not-verified norm without a verdict and reads a time course at its first point", async () => {
    const norms = readNorms(
      {
        norms: [
          {
            id: "hrv",
            paradigm: "tsst",
            measure: "hf_hrv",
            population: "healthy-adults",
            citation: "x",
            source: "not verified",
          },
        ],
      },
      "x",
    );
    const [c] = await compareNorms(model, norms, { n: 6 });
    expect(c).toMatchObject({ n: 6, verdict: "no norm", z: undefined });
    expect(Number.isFinite(c.mean)).toBe(true);
  });
});

describe("the shipped model against the shipped norms", () => {
  // Not yet met: the magnitudes are for the fit (issue 9). Second edition, measured with
  // `kindsim model norms --n 300` (seed 1, 2026-12-02): 2 of 4 verified norms match -- resting
  // RSA 4.97 (0.86) vs 4.81 (1.12), UCLA in lonely older adults 48.3 (22.3) vs 49.3 (8.1) --
  // and 2 do not: BDI-II in depressed outpatients 35.5 (24.2) vs 28.0 (11.0), z = 0.69; the
  // Self-Compassion Scale in healthy adults 2.66 (0.87) vs 2.99 (0.61), z = -0.54. Simulated
  // SDs are too wide where the milieu spreads people over its range. (First model: 1 of 4.)
  it.skip("matches every verified norm within half a norm SD", { timeout: 600_000 }, async () => {
    const rows = await compareNorms(model, loadNorms(), { n: 500, seed: 1 });
    const off = rows
      .filter((r) => r.verdict === "mismatch")
      .map((r) => `${r.norm.id}: ${r.mean.toFixed(2)} vs ${r.norm.mean} (z ${r.z!.toFixed(2)})`);
    expect(off).toEqual([]);
  });
});
