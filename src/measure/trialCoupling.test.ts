import { describe, expect, it } from "vitest";
import { compileModel } from "../engine/compileModel.js";
import { Issues } from "../model/issues.js";
import { defaultModel } from "../model/loadModel.js";
import type { Batch } from "../sim/episode.js";
import { resolvePopulation, samplePopulation } from "../sim/population.js";
import { readParadigm, type Paradigm } from "./paradigm.js";
import { runParadigm } from "./runParadigm.js";

const model = defaultModel();
const cm = compileModel(model);
const P = 8;
const ids = Uint32Array.from({ length: P }, (_, i) => 40 + i);
const sample = samplePopulation(cm, resolvePopulation("healthy-adults", model), 5, ids);
const batch: Batch = {
  P,
  slow: sample.slow,
  traits: sample.traits,
  events: new Float64Array(P * cm.events.length),
};

const raw = (source: Record<string, unknown>): unknown => ({
  id: "coupling-test",
  label: "coupling test",
  conditions: [
    { id: "pain", duration: 10, segments: [{ from: 0, to: 10, inputs: { suffering: 0.7 } }] },
  ],
  measures: [
    {
      id: "c",
      label: "coupling",
      source: {
        from: "coupling",
        condition: "pain",
        nodes: ["salience", "affectiveSharing"],
        ...source,
      },
      instrument: { kind: "roi", scale: 1, reliability: 1, refSd: 0.2 },
    },
  ],
});

function read(source: Record<string, unknown>): [Paradigm | undefined, string[]] {
  const issues = new Issues();
  const p = readParadigm(issues, "paradigms[0]", raw(source), cm);
  return [p, issues.list.map((i) => `${i.path}: ${i.message}`)];
}

describe("trial-level (beta-series) coupling", () => {
  it("validates trials and trialNoise at their fields", () => {
    expect(read({ trials: 2 })[1].join("\n")).toMatch(/measures\[0\]\.source\.trials/);
    expect(read({ trials: 4.5 })[1].join("\n")).toMatch(/measures\[0\]\.source\.trials/);
    expect(read({ trialNoise: 0.1 })[1].join("\n")).toMatch(/trialNoise needs trials/);
    expect(read({ trials: 10, trialNoise: -1 })[1].join("\n")).toMatch(/source\.trialNoise/);
    expect(read({ trials: 10, trialNoise: 0.05 })[1]).toEqual([]);
  });

  it("is a Fisher-z correlation across noisy trials: finite, bounded, deterministic, and weaker with more trial noise", () => {
    const [quiet] = read({ trials: 30, trialNoise: 0 });
    const [noisy] = read({ trials: 30, trialNoise: 0.5 });
    const ctx = { seed: 2, ids, occasion: "lab" };
    const a = runParadigm(cm, quiet!, batch, ctx).map((r) => r.value);
    expect(runParadigm(cm, quiet!, batch, ctx).map((r) => r.value)).toEqual(a);
    expect(a.every((v) => Number.isFinite(v) && Math.abs(v) < 8)).toBe(true);
    const b = runParadigm(cm, noisy!, batch, ctx).map((r) => r.value);
    const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
    // salience drives affective sharing, so trial noise in one shows in the other
    expect(mean(a)).toBeGreaterThan(0.1);
    expect(Math.abs(mean(b))).toBeLessThan(mean(a));
  });

  it("gives a participant the same coupling whatever the batch", () => {
    const [p] = read({ trials: 12, trialNoise: 0.05 });
    const all = runParadigm(cm, p!, batch, { seed: 2, ids, occasion: "lab" });
    const NS = cm.slow.length;
    const NT = cm.traits.length;
    const one: Batch = {
      P: 1,
      slow: batch.slow.slice(3 * NS, 4 * NS),
      traits: batch.traits.slice(3 * NT, 4 * NT),
      events: new Float64Array(cm.events.length),
    };
    const alone = runParadigm(cm, p!, one, { seed: 2, ids: ids.subarray(3, 4), occasion: "lab" });
    expect(alone[0].value).toBe(all[3].value);
  });
});

describe("measure sources", () => {
  it("report an unknown field by its path (a typo such as trial: for trials)", () => {
    const issues = read({ trial: 24 })[1].join("\n");
    expect(issues).toMatch(/measures\[0\]\.source/);
    expect(issues).toMatch(/trial/);
  });
});
