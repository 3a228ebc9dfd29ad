import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { RandomStream } from "../numeric/random.js";
import {
  ANALYSIS_TYPES,
  type AnalysisResult,
  type AnalysisSpec,
  type KnownNames,
  adjustResults,
  describeAnalysis,
  runAnalysis,
  validateAnalyses,
  validateAnalysis,
} from "./analyses.js";
import { holm } from "../numeric/stats/index.js";
import type { TrialData, TrialParticipant, TrialRow } from "./trialData.js";

/**
 * Synthetic two-arm trial with known effects (arm "kbm" = treatment):
 * - compassion: SD 1 at each wave; treatment effect 0.25 at mid, 0.5 at post on average,
 *   growing with minutes practised: effect = 0.5 + 0.6·(minutes − 500)/400 (slope 0.0015/min);
 * - mindfulness: post = 0.5·pre + 0.8·T + noise (mediator a = 0.8);
 * - wellbeing (post): 0.5·mindfulness + 0.3·mindfulness·empathy + noise (b = 0.5, x·w = 0.3);
 * - stress: post = 0.5·stress_pre + 0.4·mindfulness_pre + noise (cross-lagged x→y 0.4, y→x 0);
 * - responder (post, 0/1): P = logistic(−1 + 1.2·T) (log-odds 1.2);
 * - flat: the constant 3 at every wave.
 * A fraction `dropout` of participants drop out on day 40 and miss the "post" wave.
 */
function makeTrial(nPerArm = 200, seed = 7, dropout = 0.1): TrialData {
  const participants: TrialParticipant[] = [];
  const rows: TrialRow[] = [];
  const waves = [
    { id: "pre", day: 0 },
    { id: "mid", day: 28 },
    { id: "post", day: 56 },
  ];
  for (let id = 0; id < 2 * nPerArm; id++) {
    const rs = new RandomStream(seed, id, 1);
    const arm = id % 2 === 0 ? "kbm" : "control";
    const T = arm === "kbm" ? 1 : 0;
    const minutes = T === 1 ? 100 + 800 * rs.uniform() : 0;
    const empathy = rs.normal();
    const dropsOut = rs.uniform() < dropout;
    participants.push({
      id,
      arm,
      stratum: "",
      minutes,
      practiceDays: Math.round(minutes / 20),
      adherence: rs.uniform(),
      dropoutDay: dropsOut ? 40 : null,
      traits: { empathy },
    });
    const effect = T * (0.5 + (0.6 * (minutes - 500)) / 400);
    const base = 0.8 * rs.normal();
    const mindPre = rs.normal();
    const mindPost = 0.5 * mindPre + 0.8 * T + 0.8 * rs.normal();
    const stressPre = rs.normal();
    const values: Record<string, Record<string, number>> = {
      pre: {
        compassion: base + 0.6 * rs.normal(),
        mindfulness: mindPre,
        stress: stressPre,
        flat: 3,
      },
      mid: { compassion: base + effect / 2 + 0.6 * rs.normal(), flat: 3 },
      post: {
        compassion: base + effect + 0.6 * rs.normal(),
        mindfulness: mindPost,
        stress: 0.5 * stressPre + 0.4 * mindPre + 0.7 * rs.normal(),
        wellbeing: 0.5 * mindPost + 0.3 * mindPost * empathy + rs.normal(),
        responder: rs.bernoulli(1 / (1 + Math.exp(-(-1 + 1.2 * T)))) ? 1 : 0,
        flat: 3,
      },
    };
    for (const w of waves) {
      if (dropsOut && w.day > 40) continue;
      for (const [measure, value] of Object.entries(values[w.id])) {
        rows.push({
          participant: id,
          arm,
          wave: w.id,
          day: w.day,
          paradigm: "synthetic",
          measure,
          time: null,
          value,
        });
      }
    }
  }
  return { participants, rows, waves, arms: ["kbm", "control"] };
}

const data = makeTrial();
const completers = data.participants.filter((p) => p.dropoutDay === null);
const completersIn = (arm: string): number => completers.filter((p) => p.arm === arm).length;

function ok(result: AnalysisResult): AnalysisResult {
  expect(result.error).toBeUndefined();
  expect(Number.isFinite(result.estimate)).toBe(true);
  expect(result.ci[0]).toBeLessThan(result.estimate);
  expect(result.ci[1]).toBeGreaterThan(result.estimate);
  return result;
}

describe("runAnalysis recovers known effects", () => {
  it("dropouts happened", () => {
    expect(completers.length).toBeLessThan(data.participants.length);
    expect(completers.length).toBeGreaterThan(300);
  });

  it("compare: Hedges' g ≈ 0.5 with n counting completers only", () => {
    const r = ok(
      runAnalysis(
        {
          id: "c",
          type: "compare",
          outcome: { measure: "compassion", wave: "post" },
          arms: ["kbm", "control"],
        },
        data,
        1,
      ),
    );
    expect(r.estimate).toBeGreaterThan(0.25);
    expect(r.estimate).toBeLessThan(0.75);
    expect(r.n).toBe(completers.length);
    expect(r.details.nTreatment).toBe(completersIn("kbm"));
    expect(r.p).toBeLessThan(0.001);
    expect(r.statistic?.name).toBe("t");
    expect(r.details.meanDifference as number).toBeGreaterThan(0.25);
    expect(r.label).toBe("compassion@post: kbm vs control");
  });

  it("compare: reversing the arms flips the sign", () => {
    const a = runAnalysis(
      {
        id: "c",
        type: "compare",
        outcome: { measure: "compassion", wave: "post" },
        arms: ["kbm", "control"],
      },
      data,
      1,
    );
    const b = runAnalysis(
      {
        id: "c",
        type: "compare",
        outcome: { measure: "compassion", wave: "post" },
        arms: ["control", "kbm"],
      },
      data,
      1,
    );
    expect(b.estimate).toBeCloseTo(-a.estimate, 10);
  });

  it("ancova: adjusted effect ≈ 0.5 raw units, standardized reported", () => {
    const r = ok(
      runAnalysis(
        {
          id: "a",
          type: "ancova",
          measure: "compassion",
          pre: "pre",
          post: "post",
          arms: ["kbm", "control"],
          covariates: ["empathy"],
        },
        data,
        1,
      ),
    );
    expect(r.estimate).toBeGreaterThan(0.3);
    expect(r.estimate).toBeLessThan(0.7);
    expect(r.n).toBe(completers.length);
    const std = r.details.standardized as number;
    expect(std).toBeCloseTo(r.estimate / (r.details.pooledSdPost as number), 10);
    expect(std).toBeGreaterThan(0.25);
    expect(r.p).toBeLessThan(0.001);
  });

  it("correlation: pre–post stability ≈ 0.64 (Pearson and Spearman)", () => {
    for (const method of ["pearson", "spearman"] as const) {
      const r = ok(
        runAnalysis(
          {
            id: "r",
            type: "correlation",
            x: { measure: "compassion", wave: "pre" },
            y: { measure: "compassion", wave: "post" },
            arms: ["control"],
            method,
          },
          data,
          1,
        ),
      );
      expect(r.estimate).toBeGreaterThan(0.5);
      expect(r.estimate).toBeLessThan(0.78);
      expect(r.n).toBe(completersIn("control"));
    }
  });

  it("logistic: log-odds of responding in the treatment arm ≈ 1.2", () => {
    const r = ok(
      runAnalysis(
        {
          id: "l",
          type: "logistic",
          outcome: { measure: "responder", wave: "post" },
          predictors: [{ arm: "kbm" }, { participant: "empathy" }],
        },
        data,
        1,
      ),
    );
    expect(r.estimate).toBeGreaterThan(0.4);
    expect(r.estimate).toBeLessThan(2);
    expect(r.details.oddsRatio).toBeCloseTo(Math.exp(r.estimate), 10);
    expect(r.n).toBe(completers.length);
    expect(r.statistic?.name).toBe("z");
  });

  it("mixed: arm×time ≈ 0.5, n = participants with any observation", () => {
    const r = ok(
      runAnalysis(
        {
          id: "m",
          type: "mixed",
          measure: "compassion",
          waves: ["pre", "mid", "post"],
          arms: ["kbm", "control"],
        },
        data,
        1,
      ),
    );
    expect(r.estimate).toBeGreaterThan(0.25);
    expect(r.estimate).toBeLessThan(0.75);
    expect(r.n).toBe(data.participants.length);
    expect(r.details.nObservations).toBe(2 * data.participants.length + completers.length);
    expect(r.details.timeCoding).toEqual({ pre: 0, mid: 0.5, post: 1 });
  });

  it("mediation: indirect ≈ 0.8 × 0.5 with bootstrap and Monte Carlo CIs, deterministic", () => {
    const spec: AnalysisSpec = {
      id: "med",
      type: "mediation",
      x: { arm: "kbm" },
      m: { measure: "mindfulness", wave: "post" },
      y: { measure: "wellbeing", wave: "post" },
      reps: 500,
    };
    const r = ok(runAnalysis(spec, data, 11));
    expect(r.estimate).toBeGreaterThan(0.2);
    expect(r.estimate).toBeLessThan(0.6);
    expect(r.ci[0]).toBeGreaterThan(0);
    const mc = r.details.monteCarlo as { ci: [number, number]; reps: number };
    expect(mc.reps).toBe(500);
    expect(mc.ci[0]).toBeGreaterThan(0);
    expect(r.n).toBe(completers.length);
    expect(runAnalysis(spec, data, 11)).toEqual(r);
    expect(runAnalysis(spec, data, 12).ci).not.toEqual(r.ci);
    // the random stream is named by the analysis id
    expect(runAnalysis({ ...spec, id: "other" }, data, 11).ci).not.toEqual(r.ci);
  });

  it("moderation: interaction ≈ 0.3 with simple slopes", () => {
    const r = ok(
      runAnalysis(
        {
          id: "mod",
          type: "moderation",
          y: { measure: "wellbeing", wave: "post" },
          x: { measure: "mindfulness", wave: "post" },
          w: { participant: "empathy" },
        },
        data,
        1,
      ),
    );
    expect(r.estimate).toBeGreaterThan(0.15);
    expect(r.estimate).toBeLessThan(0.45);
    const slopes = r.details.simpleSlopes as { label: string; estimate: number }[];
    expect(slopes.map((s) => s.label)).toEqual(["-1SD", "mean", "+1SD"]);
    expect(slopes[2].estimate).toBeGreaterThan(slopes[0].estimate);
  });

  it("doseResponse: positive r and slope ≈ 0.0015 per minute in the treatment arm", () => {
    const r = ok(
      runAnalysis(
        { id: "d", type: "doseResponse", change: ["compassion", "pre", "post"], arm: "kbm" },
        data,
        1,
      ),
    );
    expect(r.estimate).toBeGreaterThan(0.2);
    expect(r.estimate).toBeLessThan(0.6);
    const slope = (r.details.slope as { estimate: number }).estimate;
    expect(slope).toBeGreaterThan(0.0008);
    expect(slope).toBeLessThan(0.0022);
    const split = r.details.medianSplit as { meanDifference: number; nHigh: number; nLow: number };
    expect(split.meanDifference).toBeGreaterThan(0);
    expect(split.nHigh + split.nLow).toBe(completersIn("kbm"));
    expect(r.n).toBe(completersIn("kbm"));
  });

  it("doseResponse with practiceDays", () => {
    const r = ok(
      runAnalysis(
        {
          id: "d2",
          type: "doseResponse",
          change: ["compassion", "pre", "post"],
          arm: "kbm",
          dose: "practiceDays",
        },
        data,
        1,
      ),
    );
    expect(r.estimate).toBeGreaterThan(0.2);
  });

  it("crossLagged: mindfulness → stress ≈ 0.4, reverse ≈ 0", () => {
    const r = ok(
      runAnalysis(
        { id: "cl", type: "crossLagged", x: "mindfulness", y: "stress", waves: ["pre", "post"] },
        data,
        1,
      ),
    );
    expect(r.estimate).toBeGreaterThan(0.25);
    expect(r.estimate).toBeLessThan(0.6);
    const back = (r.details.yToX as { estimate: number }).estimate;
    expect(Math.abs(back)).toBeLessThan(0.15);
    expect(r.n).toBe(completers.length);
  });

  it("withinChange: mean change ≈ 0.5 in treatment, ≈ 0 in control; dz reported", () => {
    const t = ok(
      runAnalysis(
        {
          id: "w",
          type: "withinChange",
          measure: "compassion",
          change: ["pre", "post"],
          arm: "kbm",
        },
        data,
        1,
      ),
    );
    expect(t.estimate).toBeGreaterThan(0.3);
    expect(t.estimate).toBeLessThan(0.7);
    expect(t.details.dz as number).toBeCloseTo(
      (t.details.meanChange as number) / (t.details.sdChange as number),
      12,
    );
    expect(t.statistic?.df).toBe(completersIn("kbm") - 1);
    expect(t.n).toBe(completersIn("kbm"));
    const c = ok(
      runAnalysis(
        {
          id: "w",
          type: "withinChange",
          measure: "compassion",
          change: ["pre", "post"],
          arm: "control",
        },
        data,
        1,
      ),
    );
    expect(Math.abs(c.estimate)).toBeLessThan(0.2);
  });
});

describe("runAnalysis reports data problems without throwing", () => {
  const flat = { measure: "flat", wave: "post" } as const;
  const specs: AnalysisSpec[] = [
    { id: "e1", type: "compare", outcome: flat, arms: ["kbm", "control"] },
    {
      id: "e2",
      type: "ancova",
      measure: "flat",
      pre: "pre",
      post: "post",
      arms: ["kbm", "control"],
    },
    { id: "e3", type: "correlation", x: flat, y: { measure: "compassion", wave: "post" } },
    { id: "e4", type: "mixed", measure: "flat", waves: ["pre", "post"], arms: ["kbm", "control"] },
    {
      id: "e5",
      type: "mediation",
      x: { arm: "kbm" },
      m: flat,
      y: { measure: "wellbeing", wave: "post" },
      reps: 50,
    },
    {
      id: "e6",
      type: "moderation",
      y: { measure: "wellbeing", wave: "post" },
      x: flat,
      w: { participant: "empathy" },
    },
    { id: "e7", type: "doseResponse", change: ["flat", "pre", "post"], arm: "kbm" },
    { id: "e8", type: "crossLagged", x: "flat", y: "stress", waves: ["pre", "post"] },
    { id: "e9", type: "withinChange", measure: "flat", change: ["pre", "post"], arm: "kbm" },
    { id: "e10", type: "logistic", outcome: flat, predictors: [{ arm: "kbm" }] },
  ];
  for (const spec of specs) {
    it(`${spec.type} on a constant measure`, () => {
      const r = runAnalysis(spec, data, 1);
      expect(r.error).toEqual(expect.any(String));
      expect(r.estimate).toBeNaN();
      expect(r.ci).toEqual([NaN, NaN]);
      expect(r.p).toBeNaN();
      expect(r.id).toBe(spec.id);
      expect(r.label).toBe(describeAnalysis(spec));
    });
  }

  it("estimator errors name the estimator and the values behind its arguments", () => {
    const r = runAnalysis(
      { id: "e8", type: "crossLagged", x: "flat", y: "stress", waves: ["pre", "post"] },
      data,
      1,
    );
    expect(r.error).toMatch(/^crossLaggedPanel\(x1 = flat@pre, .*\): x1: .*zero variance/);
    expect(r.n).toBe(completers.length);
  });

  it("missing measure: error and n = 0", () => {
    const r = runAnalysis(
      {
        id: "x",
        type: "compare",
        outcome: { measure: "nope", wave: "post" },
        arms: ["kbm", "control"],
      },
      data,
      1,
    );
    expect(r.error).toMatch(/kbm/);
    expect(r.n).toBe(0);
  });

  it("too few complete cases", () => {
    const small = makeTrial(2, 3, 0);
    const r = runAnalysis(
      {
        id: "x",
        type: "correlation",
        x: { measure: "compassion", wave: "pre" },
        y: { measure: "compassion", wave: "post" },
      },
      small,
      1,
    );
    // four complete cases are enough for a correlation
    expect(r.error).toBeUndefined();
    expect(r.n).toBe(4);
    const r2 = runAnalysis(
      {
        id: "x",
        type: "correlation",
        x: { measure: "compassion", wave: "pre" },
        y: { measure: "compassion", wave: "post" },
        arms: ["kbm"],
      },
      small,
      1,
    );
    expect(r2.error).toMatch(/2 complete case\(s\), need at least 4/);
    expect(r2.n).toBe(2);
  });

  it("logistic separation", () => {
    const r = runAnalysis(
      {
        id: "sep",
        type: "logistic",
        outcome: { arm: "kbm" },
        predictors: [{ participant: "minutes" }],
      },
      data,
      1,
    );
    expect(r.error).toMatch(/separation/);
    expect(r.estimate).toBeNaN();
    expect(r.n).toBe(data.participants.length);
  });

  it("logistic with a non-binary outcome", () => {
    const r = runAnalysis(
      {
        id: "nb",
        type: "logistic",
        outcome: { measure: "compassion", wave: "post" },
        predictors: [{ arm: "kbm" }],
      },
      data,
      1,
    );
    expect(r.error).toMatch(/0 or 1/);
  });
});

describe("adjustResults", () => {
  const base = {
    type: "compare" as const,
    label: "",
    metric: "hedges_g",
    direction: "t − c",
    estimate: 0,
    ci: [0, 0] as [number, number],
    n: 10,
    details: {},
  };
  const results: AnalysisResult[] = [
    { ...base, id: "a", p: 0.01 },
    { ...base, id: "b", p: 0.04 },
    { ...base, id: "c", p: NaN, error: "boom" },
    { ...base, id: "d", p: null },
    { ...base, id: "e", p: 0.03 },
  ];

  it("holm over the finite p-values, keeping order", () => {
    const adj = adjustResults(results, "holm");
    const expected = holm([0.01, 0.04, 0.03]);
    expect(adj.map((r) => r.id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(adj.map((r) => r.pAdjusted)).toEqual([
      expected[0],
      expected[1],
      null,
      null,
      expected[2],
    ]);
    expect(adj[0].pAdjusted).toBeCloseTo(0.03, 12);
  });

  it("none copies p", () => {
    expect(adjustResults(results, "none").map((r) => r.pAdjusted)).toEqual([
      0.01,
      0.04,
      null,
      null,
      0.03,
    ]);
  });
});

describe("validateAnalysis", () => {
  const known: KnownNames = {
    arms: ["kbm", "control"],
    waves: ["pre", "mid", "post"],
    measures: ["compassion", "stress", "responder"],
    participantFields: ["minutes", "practiceDays", "adherence", "empathy"],
  };

  const valid = parse(`
- { id: c, type: compare, outcome: { measure: compassion, wave: post }, arms: [kbm, control] }
- { id: a, type: ancova, measure: compassion, pre: pre, post: post, arms: [kbm, control], covariates: [empathy] }
- { id: r, type: correlation, x: { participant: minutes }, y: { measure: compassion, change: [pre, post] }, method: spearman, arms: [kbm] }
- { id: l, type: logistic, outcome: { measure: responder, wave: post }, predictors: [{ arm: kbm }, { participant: empathy }] }
- { id: m, type: mixed, measure: compassion, waves: [pre, mid, post], arms: [kbm, control], label: Mixed }
- { id: med, type: mediation, x: { arm: kbm }, m: { measure: stress, wave: post, time: 30 }, y: { measure: compassion, wave: post }, reps: 1000 }
- { id: mod, type: moderation, y: { measure: compassion, wave: post }, x: { measure: stress, wave: post }, w: { participant: empathy } }
- { id: d, type: doseResponse, change: [compassion, pre, post], arm: kbm, dose: practiceDays }
- { id: cl, type: crossLagged, x: stress, y: compassion, waves: [pre, post] }
- { id: w, type: withinChange, measure: compassion, change: [pre, post], arm: kbm }
- { id: mu, type: mean, value: { measure: stress, wave: pre }, arms: [kbm] }
- { id: pd, type: pairedDifference, x: { measure: stress, wave: post }, y: { measure: stress, wave: pre } }
- { id: q, type: quadratic, measures: [compassion, stress, responder], levels: [0, 0.5, 1], wave: post }
`) as unknown[];

  it("accepts a valid spec of every type", () => {
    expect(new Set(valid.map((v) => (v as { type: string }).type))).toEqual(
      new Set(ANALYSIS_TYPES),
    );
    valid.forEach((v, i) => expect(validateAnalysis(v, `analyses[${i}]`, known)).toEqual([]));
    expect(validateAnalyses(valid, "analyses", known)).toEqual([]);
  });

  const check = (raw: unknown): string[] => validateAnalysis(raw, "analyses[0]", known);

  it("names unknown arms, waves, measures and participant fields with the expected options", () => {
    const errs = check({
      id: "c",
      type: "ancova",
      measure: "kindness",
      pre: "baseline",
      post: "post",
      arms: ["kbm", "placebo"],
      covariates: ["iq"],
    });
    expect(errs).toContain(
      'analyses[0].measure: unknown measure "kindness" (expected one of: compassion, stress, responder)',
    );
    expect(errs).toContain(
      'analyses[0].pre: unknown wave "baseline" (expected one of: pre, mid, post)',
    );
    expect(errs).toContain(
      'analyses[0].arms[1]: unknown arm "placebo" (expected one of: kbm, control)',
    );
    expect(
      errs.some((e) => e.startsWith('analyses[0].covariates[0]: unknown participant field "iq"')),
    ).toBe(true);
    expect(errs).toHaveLength(4);
  });

  it("reports missing fields", () => {
    expect(check({ id: "c", type: "compare", arms: ["kbm", "control"] })).toEqual([
      "analyses[0].outcome: missing required field",
    ]);
    expect(
      check({ type: "withinChange", measure: "compassion", change: ["pre", "post"], arm: "kbm" }),
    ).toEqual(["analyses[0].id: expected a non-empty string, got nothing"]);
    expect(check({ id: "x" })[0]).toMatch(
      /^analyses\[0\]\.type: missing required field \(expected one of: compare, ancova/,
    );
  });

  it("reports wrong types and shapes", () => {
    expect(check("compare")[0]).toMatch(/^analyses\[0\]: expected an analysis/);
    expect(check({ id: "x", type: "anova" })[0]).toMatch(
      /unknown analysis type "anova" \(expected one of:/,
    );
    expect(
      check({
        id: "c",
        type: "compare",
        outcome: { measure: "compassion", wave: "post" },
        arms: "kbm",
      }),
    ).toEqual(['analyses[0].arms: expected [treatment arm, control arm], got "kbm"']);
    expect(
      check({
        id: "c",
        type: "compare",
        outcome: { measure: "compassion", wave: "post" },
        arms: ["kbm"],
      }),
    ).toEqual(["analyses[0].arms: expected [treatment arm, control arm], got 1 entry"]);
    expect(
      check({
        id: "c",
        type: "compare",
        outcome: { measure: "compassion", wave: "post" },
        arms: ["kbm", "kbm"],
      }),
    ).toEqual(['analyses[0].arms: entries must differ (["kbm","kbm"])']);
    expect(
      check({ id: "c", type: "compare", outcome: "compassion", arms: ["kbm", "control"] })[0],
    ).toMatch(/^analyses\[0\]\.outcome: expected a value reference/);
    expect(
      check({
        id: "c",
        type: "compare",
        outcome: { measure: "compassion" },
        arms: ["kbm", "control"],
      })[0],
    ).toMatch(
      /^analyses\[0\]\.outcome: a measure reference needs exactly one of "wave" or "change"/,
    );
    expect(
      check({
        id: "c",
        type: "correlation",
        x: { arm: "kbm" },
        y: { participant: "minutes" },
        method: "kendall",
      }),
    ).toEqual(['analyses[0].method: expected one of "pearson", "spearman", got "kendall"']);
    expect(
      check({
        id: "m",
        type: "mediation",
        x: { arm: "kbm" },
        m: { arm: "kbm" },
        y: { arm: "kbm" },
        reps: 1.5,
      }),
    ).toEqual(["analyses[0].reps: expected an integer ≥ 2, got 1.5"]);
    expect(
      check({
        id: "m",
        type: "mixed",
        measure: "compassion",
        waves: ["pre"],
        arms: ["kbm", "control"],
      }),
    ).toEqual(["analyses[0].waves: expected a list of at least 2 waves, got 1 entry"]);
    expect(
      check({ id: "d", type: "doseResponse", change: ["compassion", "pre"], arm: "kbm" })[0],
    ).toMatch(/^analyses\[0\]\.change: expected \[measure, from wave, to wave\]/);
    expect(
      check({ id: "l", type: "logistic", outcome: { arm: "kbm" }, predictors: [] })[0],
    ).toMatch(/^analyses\[0\]\.predictors: expected a non-empty list/);
    expect(
      check({
        id: "w",
        type: "withinChange",
        measure: "compassion",
        change: ["pre", "post"],
        arm: "kbm",
        arms: ["kbm"],
      }),
    ).toEqual([
      "analyses[0].arms: unknown field (expected only: id, type, label, measure, change, arm)",
    ]);
    expect(
      check({
        id: "c",
        type: "compare",
        outcome: { measure: "compassion", wave: "post", time: "late" },
        arms: ["kbm", "control"],
      }),
    ).toEqual(['analyses[0].outcome.time: expected a number of minutes, got "late"']);
  });

  it("flags duplicate ids in a list", () => {
    expect(validateAnalyses([valid[0], valid[0]], "analyses", known)).toEqual([
      'analyses[1].id: duplicate id "c" (also analyses[0])',
    ]);
    expect(validateAnalyses({}, "analyses", known)).toEqual([
      "analyses: expected a list of analyses, got {}",
    ]);
  });
});

describe("every result names its metric and direction", () => {
  it("compare, ancova, correlation, withinChange", () => {
    const g = runAnalysis(
      {
        id: "g",
        type: "compare",
        outcome: { measure: "compassion", wave: "post" },
        arms: ["kbm", "control"],
      },
      data,
      1,
    );
    expect([g.metric, g.direction, g.units]).toEqual(["hedges_g", "kbm − control", undefined]);
    const a = runAnalysis(
      {
        id: "a",
        type: "ancova",
        measure: "compassion",
        pre: "pre",
        post: "post",
        arms: ["kbm", "control"],
      },
      data,
      1,
    );
    expect(a.metric).toBe("raw_difference");
    expect(a.direction).toBe("kbm − control at post, adjusted for pre");
    expect(a.units).toBe("compassion units");
    const r = runAnalysis(
      {
        id: "r",
        type: "correlation",
        x: { participant: "minutes" },
        y: { measure: "compassion", change: ["pre", "post"] },
        method: "spearman",
      },
      data,
      1,
    );
    expect([r.metric, r.direction]).toEqual(["spearman_rho", "minutes with compassion[pre→post]"]);
  });

  it("an analysis that fails on the data still names its metric", () => {
    const w = runAnalysis(
      {
        id: "w",
        type: "withinChange",
        measure: "compassion",
        change: ["pre", "post"],
        arm: "none",
      },
      data,
      1,
    );
    expect(w.error).toBeDefined();
    expect([w.metric, w.direction, w.units]).toEqual([
      "raw_difference",
      "post − pre in none",
      "compassion units",
    ]);
  });
});

describe("runAnalysis without intervals", () => {
  it("keeps estimates and p-values, skips the intervals", () => {
    const specs: AnalysisSpec[] = [
      {
        id: "med",
        type: "mediation",
        x: { arm: "kbm" },
        m: { measure: "mindfulness", wave: "post" },
        y: { measure: "wellbeing", wave: "post" },
        reps: 200,
      },
      {
        id: "g",
        type: "compare",
        outcome: { measure: "compassion", wave: "post" },
        arms: ["kbm", "control"],
      },
    ];
    for (const spec of specs) {
      const full = runAnalysis(spec, data, 5);
      const lean = runAnalysis(spec, data, 5, { intervals: false });
      expect(lean.estimate).toBe(full.estimate);
      expect(lean.p).toBe(full.p);
      expect(lean.statistic).toEqual(full.statistic);
      expect(lean.ci).toEqual([NaN, NaN]);
    }
  });
});
