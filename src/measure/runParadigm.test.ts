import { describe, expect, it } from "vitest";
import { compileModel } from "../engine/compileModel.js";
import { hashName, RandomStream } from "../numeric/random.js";
import { Issues } from "../model/issues.js";
import { defaultModel } from "../model/loadModel.js";
import { runEpisode, summaryOf, type Batch } from "../sim/episode.js";
import { resolvePopulation, samplePopulation } from "../sim/population.js";
import { measureDiary } from "./instruments/measure.js";
import type { DiaryInstrument } from "./instruments/types.js";
import { loadParadigms, readParadigm, type Paradigm } from "./paradigm.js";
import { runParadigm, type MeasureRow } from "./runParadigm.js";

const model = defaultModel();
const cm = compileModel(model);
const shipped = new Map(loadParadigms(cm).map((p) => [p.id, p]));
const P = 6;
const ids = Uint32Array.from({ length: P }, (_, i) => 100 + i);
const sample = samplePopulation(cm, resolvePopulation("healthy-adults", model), 7, ids);
const batch: Batch = {
  P,
  slow: sample.slow,
  traits: sample.traits,
  events: new Float64Array(P * cm.events.length),
};

/** Reads a paradigm object, failing the test on any issue. */
function paradigm(raw: unknown): Paradigm {
  const issues = new Issues();
  const p = readParadigm(issues, "paradigms[0]", raw, cm);
  expect(issues.list).toEqual([]);
  return p!;
}

const values = (rows: MeasureRow[], measure: string): number[] =>
  rows.filter((r) => r.measure === measure).map((r) => r.value);

describe("runParadigm", () => {
  it("is deterministic for the same seed, ids and occasion, and differs for another occasion", () => {
    const rmet = shipped.get("rmet")!;
    const a = runParadigm(cm, rmet, batch, { seed: 3, ids, occasion: "pre" });
    const b = runParadigm(cm, rmet, batch, { seed: 3, ids, occasion: "pre" });
    expect(b).toEqual(a);
    // One row per participant × measure, in measure-major order.
    expect(a).toHaveLength(P * rmet.measures.length);
    expect(a.map((r) => r.measure)).toEqual(rmet.measures.flatMap((m) => Array(P).fill(m.id)));
    expect(a.slice(0, P).map((r) => r.p)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(a.every((r) => r.time === null && Number.isFinite(r.value))).toBe(true);

    const c = runParadigm(cm, rmet, batch, { seed: 3, ids, occasion: "post" });
    expect(values(c, "ifg")).not.toEqual(values(a, "ifg"));
    expect(values(c, "dmpfc")).not.toEqual(values(a, "dmpfc"));
    const d = runParadigm(cm, rmet, batch, { seed: 4, ids, occasion: "pre" });
    expect(values(d, "ifg")).not.toEqual(values(a, "ifg"));
  });

  it("gives each participant the same values whatever the batch (keyed by id, not position)", () => {
    const rmet = shipped.get("rmet")!;
    const all = runParadigm(cm, rmet, batch, { seed: 3, ids, occasion: "pre" });
    // Participants 2 and 3 alone, in a batch of their own.
    const sub: Batch = {
      P: 2,
      slow: batch.slow.slice(2 * cm.slow.length, 4 * cm.slow.length),
      traits: batch.traits.slice(2 * cm.traits.length, 4 * cm.traits.length),
      events: new Float64Array(2 * cm.events.length),
    };
    const part = runParadigm(cm, rmet, sub, { seed: 3, ids: ids.slice(2, 4), occasion: "pre" });
    for (const m of rmet.measures) {
      const whole = values(all, m.id).slice(2, 4);
      const alone = values(part, m.id);
      expect(alone[0]).toBeCloseTo(whole[0], 12);
      expect(alone[1]).toBeCloseTo(whole[1], 12);
    }
  });

  it("computes a contrast measure as (condition − contrast) of the episode summaries", () => {
    const segs = (s: number): unknown[] => [{ from: 0, to: 10, inputs: { suffering: s } }];
    const p = paradigm({
      id: "contrast-test",
      label: "contrast",
      conditions: [
        { id: "pain", duration: 10, segments: segs(0.7) },
        { id: "neutral", duration: 10, segments: segs(0) },
      ],
      measures: [
        {
          id: "ai_contrast",
          label: "F, pain - neutral",
          source: {
            from: "episode",
            condition: "pain",
            contrast: "neutral",
            terms: { affectiveSharing: 1, compassion: 0.5 },
          },
          instrument: { kind: "roi", scale: 1, reliability: 1, refSd: 0.1 },
        },
        {
          id: "ai_pain_peak",
          label: "peak F in pain, with offset",
          source: {
            from: "episode",
            condition: "pain",
            stat: "peak",
            terms: { affectiveSharing: 2 },
            offset: 0.25,
          },
          instrument: { kind: "roi", scale: 3, offset: 1, reliability: 1, refSd: 0.1 },
        },
      ],
    });
    const rows = runParadigm(cm, p, batch, { seed: 1, ids, occasion: "x", noise: 0 });
    const ep = (s: number): Float64Array =>
      runEpisode(cm, { type: "pain", duration: 10, dt: 0.1, segments: segs(s) as never }, batch)
        .summaries;
    const pain = ep(0.7);
    const neutral = runEpisode(
      cm,
      { type: "neutral", duration: 10, dt: 0.1, segments: segs(0) as never },
      batch,
    ).summaries;
    const contrast = values(rows, "ai_contrast");
    const peak = values(rows, "ai_pain_peak");
    for (let q = 0; q < P; q++) {
      const want =
        summaryOf(cm, pain, q, "affectiveSharing") -
        summaryOf(cm, neutral, q, "affectiveSharing") +
        0.5 * (summaryOf(cm, pain, q, "compassion") - summaryOf(cm, neutral, q, "compassion"));
      expect(contrast[q]).toBeCloseTo(want, 10);
      expect(peak[q]).toBeCloseTo(
        1 + 3 * (2 * summaryOf(cm, pain, q, "affectiveSharing", "peak") + 0.25),
        10,
      );
    }
    // Others' pain engages affectiveSharing: the contrast is positive for everyone.
    expect(contrast.every((v) => v > 0)).toBe(true);
  });

  it("adds state noise (noise > 0) that changes the episode values", () => {
    const rmet = shipped.get("rmet")!;
    const quiet = runParadigm(cm, rmet, batch, { seed: 3, ids, occasion: "pre", noise: 0 });
    const noisy = runParadigm(cm, rmet, batch, { seed: 3, ids, occasion: "pre", noise: 0.5 });
    expect(values(noisy, "ifg")).not.toEqual(values(quiet, "ifg"));
  });

  it("produces one row per time of a time course, scaled by a gamma response over the baseline", () => {
    const tsst = shipped.get("tsst")!;
    const rows = runParadigm(cm, tsst, batch, { seed: 2, ids, occasion: "post" });
    for (const m of tsst.measures) {
      const mine = rows.filter((r) => r.measure === m.id);
      if (m.timecourse) {
        expect(mine).toHaveLength(P * m.timecourse.times.length);
        for (let q = 0; q < P; q++)
          expect(mine.filter((r) => r.p === q).map((r) => r.time)).toEqual(m.timecourse.times);
      } else {
        expect(mine).toHaveLength(P);
        expect(mine.every((r) => r.time === null)).toBe(true);
      }
    }
    // Noise-free: value = baseline + latent · (t/peak)·exp(1 − t/peak), 0 response at t <= 0.
    const p = paradigm({
      id: "tc-test",
      label: "time course",
      conditions: [
        {
          id: "stress",
          duration: 10,
          segments: [{ from: 0, to: 10, inputs: { socialThreat: 1 } }],
        },
      ],
      measures: [
        {
          id: "marker",
          label: "a marker",
          source: { from: "episode", condition: "stress", terms: { personalDistress: 1 } },
          timecourse: { times: [-5, 0, 10, 20, 40], peak: 20, baseline: { inflammation: 2 } },
          instrument: { kind: "physio", scale: 1, reliability: 1, refSd: 0.1 },
        },
      ],
    });
    const tc = runParadigm(cm, p, batch, { seed: 2, ids, occasion: "post", noise: 0 });
    expect(tc).toHaveLength(P * 5);
    const stress = runEpisode(
      cm,
      {
        type: "stress",
        duration: 10,
        dt: 0.1,
        segments: [{ from: 0, to: 10, inputs: { socialThreat: 1 } }],
      },
      batch,
    ).summaries;
    const iInfl = cm.index.slow.get("inflammation")!;
    for (let q = 0; q < P; q++) {
      const base = 2 * batch.slow[q * cm.slow.length + iInfl];
      const latent = summaryOf(cm, stress, q, "personalDistress");
      const at = (t: number): number => tc.find((r) => r.p === q && r.time === t)!.value;
      expect(at(-5)).toBeCloseTo(base, 10);
      expect(at(0)).toBeCloseTo(base, 10);
      expect(at(20)).toBeCloseTo(base + latent, 10);
      expect(at(10)).toBeCloseTo(base + latent * 0.5 * Math.exp(0.5), 10);
      expect(at(40)).toBeCloseTo(base + latent * 2 * Math.exp(-1), 10);
    }
  });

  it("reads a diary source from the given series, and needs one", () => {
    const es = shipped.get("experience-sampling")!;
    const calls: [number, string, number][] = [];
    const level = [0.05, 0.95, 0.05, 0.95, 0.05, 0.95];
    const series = (q: number, variable: string, days: number): Float64Array => {
      calls.push([q, variable, days]);
      return new Float64Array(days).fill(level[q]);
    };
    const rows = runParadigm(cm, es, batch, { seed: 5, ids, occasion: "post", series });
    expect(calls).toContainEqual([0, "pa_day", 14]);
    expect(calls).toContainEqual([5, "connection_day", 14]);
    expect(calls).toContainEqual([3, "help_day", 14]);
    expect(calls.filter((c) => c[1] === "pa_day").map((c) => c[0])).toEqual([0, 1, 2, 3, 4, 5]);
    const pa = values(rows, "daily_positive");
    for (let q = 0; q < P; q += 2) expect(pa[q + 1]).toBeGreaterThan(pa[q] + 1);
    // Exactly the instrument's reading of that series on the measure's stream.
    const m = es.measures.find((x) => x.id === "daily_positive")!;
    const stream = hashName(`measure/${es.id}/${m.id}/post`);
    for (let q = 0; q < P; q++) {
      const d = measureDiary(
        m.instrument as DiaryInstrument,
        new Float64Array(14).fill(level[q]),
        new RandomStream(5, ids[q], stream),
      );
      expect(pa[q]).toBe(d.mean);
    }
    // The slow measure of the same paradigm does not use the series.
    expect(values(rows, "resting_rsa")).toHaveLength(P);
    expect(() => runParadigm(cm, es, batch, { seed: 5, ids, occasion: "post" })).toThrow(
      /daily_positive: a diary needs the days before the occasion/,
    );
  });

  it("runs a coupling measure (finite, deterministic)", () => {
    const pain = shipped.get("empathy-for-pain")!;
    const a = runParadigm(cm, pain, batch, { seed: 9, ids, occasion: "scan" });
    const b = runParadigm(cm, pain, batch, { seed: 9, ids, occasion: "scan" });
    const c = values(a, "amygdala_ai_coupling");
    expect(c).toHaveLength(P);
    expect(c.every(Number.isFinite)).toBe(true);
    expect(values(b, "amygdala_ai_coupling")).toEqual(c);
  });
});

describe("readParadigm and runParadigm together", () => {
  // BUG (validation gap): readParadigm accepts a condition whose dt does not divide its
  // duration (here 10 s in steps of 0.3 s), so the paradigm loads but runParadigm then throws
  // a plain Error from episodeInputs ("not a whole number of steps") instead of the loader
  // reporting `paradigms[0].conditions[0].dt`. Marked `it.fails` until the loader checks it.
  it("readParadigm reports a dt that does not divide the duration (else runParadigm throws later)", () => {
    const raw = {
      id: "dt-test",
      label: "dt",
      conditions: [
        {
          id: "c",
          duration: 10,
          dt: 0.3,
          segments: [{ from: 0, to: 10, inputs: { suffering: 0.5 } }],
        },
      ],
      measures: [
        {
          id: "f",
          label: "affectiveSharing",
          source: { from: "episode", condition: "c", terms: { affectiveSharing: 1 } },
          instrument: { kind: "roi", scale: 2, reliability: 0.6, refSd: 0.1 },
        },
      ],
    };
    const issues = new Issues();
    const p = readParadigm(issues, "paradigms[0]", raw, cm)!;
    expect(() => runParadigm(cm, p, batch, { seed: 1, ids, occasion: "x" })).toThrow(
      /whole number of steps/,
    );
    expect(issues.list.map((i) => i.path)).toContain("paradigms[0].conditions[0].dt");
  });
});
