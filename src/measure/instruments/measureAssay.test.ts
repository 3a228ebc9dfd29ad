import { describe, expect, it } from "vitest";
import { hashName, RandomStream } from "../../numeric/random.js";
import { assayLogSd, measureAssay } from "./measureAssay.js";
import type { AssayInstrument } from "./types.js";

const IL6: AssayInstrument = {
  kind: "assay",
  reliability: 1,
  refSd: 0.5,
  base: 0.8,
  gain: 1.5,
  cv: 0.2,
};

/** Mean and SD of `xs`. */
function meanSd(xs: number[]): [number, number] {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
  return [m, Math.sqrt(v)];
}

describe("measureAssay", () => {
  it("has log-normal error with the declared CV and mean equal to the true value", () => {
    const rng = new RandomStream(5, 0, hashName("il6"));
    const truth = 0.8 * Math.exp(1.5 * 0.6);
    for (const cv of [0.05, 0.2, 0.5]) {
      const xs = Array.from({ length: 20000 }, () => measureAssay({ ...IL6, cv }, 0.6, rng));
      const [logMean, logSd] = meanSd(xs.map(Math.log));
      const [mean, sd] = meanSd(xs);
      expect(logSd / assayLogSd(cv)).toBeGreaterThan(0.97);
      expect(logSd / assayLogSd(cv)).toBeLessThan(1.03);
      expect(logMean).toBeCloseTo(Math.log(truth) - assayLogSd(cv) ** 2 / 2, 2);
      expect(mean / truth).toBeCloseTo(1, 1.5);
      expect(sd / mean / cv).toBeGreaterThan(0.94);
      expect(sd / mean / cv).toBeLessThan(1.06);
    }
  });

  it("adds person-level noise in latent units (gain times it on the log scale) from reliability", () => {
    const rng = new RandomStream(5, 1, hashName("il6"));
    const instrument = { ...IL6, cv: 0, reliability: 0.8 };
    const xs = Array.from({ length: 20000 }, () => measureAssay(instrument, 0.6, rng));
    const [, logSd] = meanSd(xs.map(Math.log));
    expect(logSd).toBeCloseTo(IL6.gain * IL6.refSd * Math.sqrt(0.2 / 0.8), 2);
  });

  it("is exactly base·exp(gain·latent) with no error, and reports below-LOD values as lod/2", () => {
    const rng = new RandomStream(5, 2, hashName("il6"));
    const exact = { ...IL6, cv: 0 };
    expect(measureAssay(exact, 0.5, rng)).toBeCloseTo(0.8 * Math.exp(0.75), 12);
    expect(measureAssay({ ...exact, lod: 2 }, 0.5, rng)).toBe(1);
    expect(measureAssay({ ...exact, lod: 1 }, 0.5, rng)).toBeCloseTo(0.8 * Math.exp(0.75), 12);
  });
});
