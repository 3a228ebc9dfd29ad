import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RandomStream } from "../numeric/random.js";
import { isSignificant, type AdjustedAnalysisResult } from "./analyses.js";
import {
  drawSample,
  parseNs,
  replicateDecisions,
  simulatePower,
  subPool,
  subPoolSize,
  smallestN,
  wilson,
} from "./power.js";
import { runTrial } from "./runTrial.js";
import { readStudy } from "./studySpec.js";
import type { TrialData } from "./trialData.js";

const dir = mkdtempSync(join(tmpdir(), "kindsim-power-"));
const paradigm = (rel: number): string => `
paradigms:
  - id: warmth-scale-${Math.round(rel * 10)}
    label: A warmth questionnaire of reliability ${rel}
    measures:
      - { id: warmth_score, label: warmth, source: { from: slow, terms: { warmth: 1 } }, instrument: { kind: roi, scale: 10, reliability: ${rel}, refSd: 0.1 } }
`;
writeFileSync(join(dir, "hi.yaml"), paradigm(0.9));
writeFileSync(join(dir, "lo.yaml"), paradigm(0.3));

function study(over: Record<string, unknown>) {
  return readStudy(
    {
      id: "power-test",
      title: "compassion training vs wait-list",
      seed: 3,
      arms: [
        { id: "ct", protocol: "compassion-training", n: 10 },
        { id: "wl", protocol: "waitlist", n: 10 },
      ],
      waves: [
        { id: "pre", day: 0 },
        { id: "post", day: 14 },
      ],
      paradigms: ["hi.yaml"],
      battery: ["warmth-scale-9"],
      analyses: [
        {
          id: "g",
          type: "compare",
          outcome: { measure: "warmth_score", change: ["pre", "post"] },
          arms: ["ct", "wl"],
        },
      ],
      ...over,
    },
    "test study",
    dir,
  );
}

const opts = { ns: [12], reps: 80, poolFactor: 3, minPool: 0, threads: 1 };

describe("power", () => {
  it("wilson(8, 10) matches the Wilson score interval", () => {
    const [lo, hi] = wilson(8, 10);
    // Wilson 95% interval for 8/10 (z = 1.96): [0.4902, 0.9433]
    expect(lo).toBeCloseTo(0.4902, 3);
    expect(hi).toBeCloseTo(0.9433, 3);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });

  it("parseNs reads ranges and lists and rejects nonsense", () => {
    expect(parseNs("20:60:20")).toEqual([20, 40, 60]);
    expect(parseNs("5, 10")).toEqual([5, 10]);
    expect(() => parseNs("1:5:0")).toThrow(/step/);
    expect(() => parseNs("abc")).toThrow(/whole numbers/);
  });

  it("drawSample draws n distinct participants per arm, deterministically", () => {
    const data: TrialData = {
      arms: ["a", "b"],
      waves: [],
      rows: [],
      participants: Array.from({ length: 20 }, (_, i) => ({
        id: i,
        arm: i < 10 ? "a" : "b",
        stratum: "",
        minutes: 0,
        practiceDays: 0,
        adherence: 1,
        dropoutDay: null,
        traits: {},
      })),
    };
    const s1 = drawSample(data, 4, new RandomStream(1, 0, 7));
    const s2 = drawSample(data, 4, new RandomStream(1, 0, 7));
    expect(s1.size).toBe(8);
    expect([...s1].filter((i) => i < 10)).toHaveLength(4);
    expect([...s1]).toEqual([...s2]);
    expect(() => drawSample(data, 11, new RandomStream(1, 0, 7))).toThrow(/only 10/);
  });

  it("smallestN picks the first N reaching the target", () => {
    const pts = [10, 20, 30].map((n, i) => ({
      analysis: "a",
      label: "",
      metric: "hedges_g",
      direction: "kbm − control",
      n,
      power: [0.5, 0.81, 0.9][i],
      lo: 0,
      hi: 1,
      reps: 10,
      errors: 0,
      meanEstimate: 0,
    }));
    expect(smallestN(pts, "a", 0.8)).toBe(20);
    expect(smallestN(pts, "a", 0.95)).toBeNull();
  });

  it("simulatePower: a less reliable measure has less power", async () => {
    const hi = await simulatePower(study({}), opts);
    const lo = await simulatePower(
      study({ paradigms: ["lo.yaml"], battery: ["warmth-scale-3"] }),
      opts,
    );
    expect(hi[0].power).toBeGreaterThan(lo[0].power + 0.1);
    expect(hi[0].meanEstimate).toBeGreaterThan(lo[0].meanEstimate);
  });

  it("simulatePower: dropout lowers power (fewer completers at the wave)", async () => {
    const none = await simulatePower(study({}), opts);
    const heavy = await simulatePower(study({ dropout: { perWeek: 0.3 } }), opts);
    expect(none[0].power).toBeGreaterThan(heavy[0].power + 0.05);
  });

  it("simulatePower is reproducible for a seed", async () => {
    const a = await simulatePower(study({}), { ...opts, reps: 20 });
    const b = await simulatePower(study({}), { ...opts, reps: 20 });
    expect(a).toEqual(b);
  });
});

/** Four analyses of one outcome: a family that Holm's correction must account for. */
const family = [
  {
    id: "g",
    type: "compare",
    outcome: { measure: "warmth_score", change: ["pre", "post"] },
    arms: ["ct", "wl"],
  },
  {
    id: "a",
    type: "ancova",
    measure: "warmth_score",
    pre: "pre",
    post: "post",
    arms: ["ct", "wl"],
  },
  { id: "w", type: "withinChange", measure: "warmth_score", change: ["pre", "post"], arm: "ct" },
  { id: "m", type: "mean", value: { measure: "warmth_score", change: ["pre", "post"] } },
];

describe("power applies the planned decision rule", () => {
  it("Holm across the family gives lower (or equal) power than no correction", async () => {
    const o = { ns: [6, 10], reps: 60, poolFactor: 3, minPool: 0, threads: 1 };
    const holm = await simulatePower(study({ analyses: family }), o);
    const none = await simulatePower(study({ analyses: family, adjust: "none" }), o);
    expect(holm.map((p) => [p.analysis, p.n])).toEqual(none.map((p) => [p.analysis, p.n]));
    holm.forEach((p, i) => expect(p.power).toBeLessThanOrEqual(none[i].power));
    const sum = (ps: typeof holm): number => ps.reduce((a, p) => a + p.power, 0);
    expect(sum(holm)).toBeLessThan(sum(none));
    // Same pool, same draws: the estimates do not depend on the correction.
    holm.forEach((p, i) => expect(p.meanEstimate).toBe(none[i].meanEstimate));
  });

  it("a replicate's decisions equal those runTrial makes on the same data", async () => {
    for (const adjust of ["holm", "none"]) {
      const spec = study({ analyses: family, adjust });
      const run = await runTrial(spec, { n: 8, threads: 1 });
      const out = replicateDecisions(spec.analyses, run.data, spec.seed, spec.adjust);
      expect(out.significant).toEqual(
        run.results.map((r) => isSignificant(r as AdjustedAnalysisResult)),
      );
      expect(out.estimates).toEqual(run.results.map((r) => r.estimate));
    }
  });
});

describe("power does not depend on the other Ns of the grid", () => {
  // Each N draws from the first max(poolFactor·N, minPool) participants of each arm, with its
  // own stream; participants are simulated per id, so a larger pool holds the same people.
  const grid = (ns: number[], minPool: number) =>
    simulatePower(study({}), { ns, reps: 40, poolFactor: 3, minPool, threads: 1 });

  it("the points at N = 8 are the same with or without N = 20 in the grid", async () => {
    const alone = await grid([8], 0);
    const wide = await grid([8, 20], 0);
    expect(wide.find((p) => p.n === 8)).toEqual(alone[0]);
  });

  it("small Ns share the minimum pool, whatever the largest N", async () => {
    const a = await grid([6, 10], 36);
    const b = await grid([10, 12], 36);
    expect(b.find((p) => p.n === 10)).toEqual(a.find((p) => p.n === 10));
  });

  it("sub-pools are the first participants of each arm, by id", () => {
    const data: TrialData = {
      arms: ["a", "b"],
      waves: [],
      rows: [],
      participants: Array.from({ length: 12 }, (_, i) => ({
        id: 11 - i,
        arm: i % 2 ? "a" : "b",
        stratum: "",
        minutes: 0,
        practiceDays: 0,
        adherence: 1,
        dropoutDay: null,
        traits: {},
      })),
    };
    const ids = subPool(data, 2).participants.map((p) => p.id);
    expect(ids.sort((x, y) => x - y)).toEqual([0, 1, 2, 3]);
    expect(subPoolSize(10, 5, 1000)).toBe(1000);
    expect(subPoolSize(300, 5, 1000)).toBe(1500);
  });
});
