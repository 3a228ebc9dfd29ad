import { describe, expect, it } from "vitest";
import { hashName, RandomStream } from "../../numeric/random.js";
import { measure, measureDiary } from "./measure.js";
import type { DiaryInstrument, Instrument } from "./types.js";

const stream = (participant = 0, name = "measure"): RandomStream =>
  new RandomStream(42, participant, hashName(name));

const DIARY: DiaryInstrument = {
  kind: "diary",
  reliability: 0.7,
  refSd: 0.15,
  items: 3,
  min: 0,
  max: 6,
  loading: 5,
  missing: 0.2,
};

const EXAMPLES: Instrument[] = [
  { kind: "roi", reliability: 0.7, refSd: 0.3, scale: 2, offset: -0.5 },
  { kind: "likert", reliability: 0.8, refSd: 0.15, items: 10, points: 5, loading: 4 },
  { kind: "binomial", reliability: 0.9, refSd: 0.15, items: 36, chance: 0.25, slope: 6 },
  { kind: "choice", reliability: 1, refSd: 0.1, temperature: 0.5 },
  { kind: "amount", reliability: 0.6, refSd: 2, max: 10, step: 0.5 },
  { kind: "assay", reliability: 0.7, refSd: 0.4, base: 1, gain: 2, cv: 0.15, lod: 0.9 },
  { kind: "physio", reliability: 0.8, refSd: 0.6, scale: 3, offset: 5 },
  DIARY,
];

/** Readings of `instrument` for a grid of latent values, one stream per latent. */
function readings(instrument: Instrument, n = 400): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(measure(instrument, i / (n - 1), stream(i)));
  return out;
}

describe("measure", () => {
  it("is deterministic for the same stream and differs across streams", () => {
    for (const instrument of EXAMPLES) {
      const a = Array.from({ length: 20 }, (_, i) => measure(instrument, i / 19, stream(i)));
      const b = Array.from({ length: 20 }, (_, i) => measure(instrument, i / 19, stream(i)));
      const c = Array.from({ length: 20 }, (_, i) =>
        measure(instrument, i / 19, stream(i, "other")),
      );
      expect(b).toEqual(a);
      expect(c).not.toEqual(a);
    }
  });

  it("advances the stream identically whatever the reliability", () => {
    const lo: Instrument = { kind: "roi", reliability: 0.3, refSd: 1, scale: 1 };
    const hi: Instrument = { kind: "roi", reliability: 1, refSd: 1, scale: 1 };
    const r1 = stream();
    const r2 = stream();
    measure(lo, 0.5, r1);
    measure(hi, 0.5, r2);
    expect(r1.uniform()).toBe(r2.uniform());
  });

  it("roi and physio are offset + scale·latent without noise at r = 1", () => {
    const roi: Instrument = { kind: "roi", reliability: 1, refSd: 0.3, scale: 2, offset: -0.5 };
    const physio: Instrument = { kind: "physio", reliability: 1, refSd: 1, scale: 3, offset: 5 };
    expect(measure(roi, 0.25, stream())).toBeCloseTo(0, 12);
    expect(measure(physio, 0.5, stream())).toBeCloseTo(6.5, 12);
    const noisy = readings({ ...roi, reliability: 0.5 });
    expect(noisy.some((x) => x < -0.5 || x > 1.5)).toBe(true);
  });

  it("likert scores are whole sums within [items·min, items·max]; mean scores lie in [min, max]", () => {
    const sum = readings(EXAMPLES[1]);
    for (const x of sum) {
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(10);
      expect(x).toBeLessThanOrEqual(50);
    }
    expect(Math.min(...sum)).toBeLessThan(20);
    expect(Math.max(...sum)).toBeGreaterThan(40);
    const mean = readings({ ...EXAMPLES[1], score: "mean", min: 0, points: 7 } as Instrument);
    for (const x of mean) {
      expect(Number.isInteger(x * 10)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(6);
    }
  });

  it("likert shows floors and ceilings from the finite scale", () => {
    const scale: Instrument = {
      kind: "likert",
      reliability: 0.95,
      refSd: 0.15,
      items: 5,
      points: 5,
      loading: 6,
    };
    expect(measure(scale, -2, stream())).toBe(5);
    expect(measure(scale, 3, stream())).toBe(25);
  });

  it("binomial counts are whole numbers in [0, items]; proportions in [0, 1]", () => {
    for (const x of readings(EXAMPLES[2])) {
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(36);
    }
    const prop = readings({ ...EXAMPLES[2], score: "proportion" } as Instrument);
    for (const x of prop) {
      expect(Math.abs(x * 36 - Math.round(x * 36))).toBeLessThan(1e-9);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }
  });

  it("choice records 0 or 1, with P(yes) following the latent", () => {
    const choice: Instrument = { kind: "choice", reliability: 1, refSd: 0.1 };
    const n = 20000;
    const rng = stream();
    let yes = 0;
    for (let i = 0; i < n; i++) {
      const x = measure(choice, 0.3, rng);
      if (x !== 0 && x !== 1) throw new Error(`choice recorded ${x}`);
      yes += x;
    }
    expect(Math.abs(yes / n - 0.3)).toBeLessThan(0.01);
    const sharp: Instrument = { kind: "choice", reliability: 1, refSd: 0.1, temperature: 0.1 };
    let sharpYes = 0;
    for (let i = 0; i < 2000; i++) sharpYes += measure(sharp, 0.4, stream(i));
    expect(sharpYes / 2000).toBeLessThan(0.05);
    expect(measure(choice, 0, stream())).toBe(0);
    expect(measure(choice, 1, stream())).toBe(1);
  });

  it("amounts lie in [0, max], are multiples of step, and pile up at 0 and max", () => {
    const xs = readings(EXAMPLES[4], 2000);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(10);
      expect(Number.isInteger(x * 2)).toBe(true);
    }
    expect(xs.filter((x) => x === 0).length).toBeGreaterThan(20);
    expect(xs.filter((x) => x === 10).length).toBeGreaterThan(20);
    const noStep = measure({ kind: "amount", reliability: 0.9, refSd: 1, max: 10 }, 0.5, stream());
    expect(Number.isInteger(noStep * 2)).toBe(false);
  });

  it("assays are positive and report values below the LOD as lod/2", () => {
    const xs = readings(EXAMPLES[5]);
    for (const x of xs) {
      expect(x).toBeGreaterThan(0);
      if (x < 0.9) expect(x).toBe(0.45);
    }
    expect(xs.filter((x) => x === 0.45).length).toBeGreaterThan(10);
  });

  it("a diary via measure() is one day's report, NaN when missed", () => {
    const xs = readings(EXAMPLES[7], 2000);
    const missed = xs.filter((x) => Number.isNaN(x)).length;
    expect(missed / 2000).toBeGreaterThan(0.15);
    expect(missed / 2000).toBeLessThan(0.25);
    for (const x of xs.filter((v) => !Number.isNaN(v))) {
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(18);
    }
    const one = measure(EXAMPLES[7], 0.4, stream(3));
    const series = measureDiary(DIARY, Float64Array.of(0.4), stream(3));
    expect(Object.is(one, series.days[0])).toBe(true);
  });

  it("rejects a non-finite latent value", () => {
    expect(() => measure(EXAMPLES[0], NaN, stream())).toThrow(/finite/);
  });
});
