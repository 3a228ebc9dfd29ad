import { describe, expect, it } from "vitest";
import { hashName, RandomStream } from "../../numeric/random.js";
import { diaryMissProbability, measureDiary } from "./measureDiary.js";
import type { DiaryInstrument } from "./types.js";

const DIARY: DiaryInstrument = {
  kind: "diary",
  reliability: 0.7,
  refSd: 0.15,
  items: 2,
  points: 7,
  loading: 5,
  score: "mean",
  missing: 0.3,
};

const rng = (participant: number): RandomStream =>
  new RandomStream(9, participant, hashName("diary"));

describe("measureDiary", () => {
  it("marks missed prompts NaN and averages the answered days", () => {
    const series = Float64Array.from({ length: 56 }, (_, t) => 0.5 + 0.2 * Math.sin(t / 3));
    const out = measureDiary(DIARY, series, rng(0));
    expect(out.days.length).toBe(56);
    let sum = 0;
    let answered = 0;
    for (const x of out.days) {
      if (Number.isNaN(x)) continue;
      expect(Number.isInteger(2 * x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(1);
      expect(x).toBeLessThanOrEqual(7);
      sum += x;
      answered++;
    }
    expect(out.answered).toBe(answered);
    expect(out.mean).toBeCloseTo(sum / answered, 12);
    expect(measureDiary(DIARY, series, rng(0))).toEqual(out);
  });

  it("has mean NaN when every prompt is missed, and no NaN when none is", () => {
    const all = measureDiary(
      { ...DIARY, missing: 0.999999999 },
      new Float64Array(5).fill(0.5),
      rng(1),
    );
    expect(all.answered).toBe(0);
    expect(Number.isNaN(all.mean)).toBe(true);
    const none = measureDiary({ ...DIARY, missing: 0 }, new Float64Array(5).fill(0.5), rng(1));
    expect(none.answered).toBe(5);
    expect(none.days.every((x) => !Number.isNaN(x))).toBe(true);
  });

  it("misses prompts at the declared rate", () => {
    const series = new Float64Array(100).fill(0.5);
    let missed = 0;
    for (let p = 0; p < 200; p++) missed += 100 - measureDiary(DIARY, series, rng(p)).answered;
    // 20,000 prompts at 0.3: sd of the rate is 0.0032.
    expect(Math.abs(missed / 20000 - 0.3)).toBeLessThan(0.015);
  });

  it("misses low days more often when missingSlope < 0 (and high days when > 0)", () => {
    const rate = (slope: number, latent: number): number => {
      const instrument = { ...DIARY, missingSlope: slope };
      const series = new Float64Array(100).fill(latent);
      let missed = 0;
      for (let p = 0; p < 100; p++)
        missed += 100 - measureDiary(instrument, series, rng(p)).answered;
      return missed / 10000;
    };
    const lowDay = rate(-4, 0.2);
    const highDay = rate(-4, 0.8);
    expect(lowDay).toBeGreaterThan(highDay + 0.1);
    expect(
      Math.abs(lowDay - diaryMissProbability({ ...DIARY, missingSlope: -4 }, 0.2)),
    ).toBeLessThan(0.02);
    expect(rate(4, 0.2)).toBeLessThan(rate(4, 0.8));
    expect(diaryMissProbability({ ...DIARY, missingSlope: 4 }, 0.5)).toBeCloseTo(0.3, 12);
  });

  it("rejects a non-finite daily latent", () => {
    expect(() => measureDiary(DIARY, Float64Array.of(0.5, NaN), rng(0))).toThrow(/day 1/);
  });
});
