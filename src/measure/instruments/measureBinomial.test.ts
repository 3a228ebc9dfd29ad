import { describe, expect, it } from "vitest";
import { hashName, RandomStream } from "../../numeric/random.js";
import { binomialAccuracy, measureBinomial } from "./measureBinomial.js";
import type { BinomialInstrument } from "./types.js";

const EYES: BinomialInstrument = {
  kind: "binomial",
  reliability: 1,
  refSd: 0.15,
  items: 36,
  chance: 0.25,
  slope: 8,
  center: 0.4,
};

describe("binomialAccuracy", () => {
  it("runs from the guessing floor to 1, halfway at the center", () => {
    expect(binomialAccuracy(EYES, 0.4)).toBeCloseTo(0.625, 12);
    expect(binomialAccuracy(EYES, -10)).toBeCloseTo(0.25, 12);
    expect(binomialAccuracy(EYES, 10)).toBeCloseTo(1, 12);
    expect(binomialAccuracy({ ...EYES, chance: undefined }, 0.4)).toBeCloseTo(0.5, 12);
  });
});

describe("measureBinomial", () => {
  it("mean count correct matches items·p for several latent values", () => {
    const rng = new RandomStream(3, 0, hashName("eyes"));
    const n = 5000;
    for (const latent of [0, 0.25, 0.5, 0.75, 1]) {
      const p = binomialAccuracy(EYES, latent);
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < n; i++) {
        const x = measureBinomial(EYES, latent, rng);
        sum += x;
        sumSq += x * x;
      }
      const mean = sum / n;
      const variance = sumSq / n - mean * mean;
      // Binomial: sd of the mean is sqrt(36 p (1 − p) / n) ≤ 0.043; allow 5 sd.
      expect(Math.abs(mean - 36 * p)).toBeLessThan(0.22);
      expect(variance).toBeGreaterThan(0.85 * 36 * p * (1 - p));
      expect(variance).toBeLessThan(1.15 * 36 * p * (1 - p) + 0.01);
    }
  });

  it("adds person-level noise when reliability < 1 (overdispersion)", () => {
    const rng = new RandomStream(3, 1, hashName("eyes"));
    const noisy = { ...EYES, reliability: 0.5 };
    const p = binomialAccuracy(EYES, 0.4);
    let sum = 0;
    let sumSq = 0;
    const n = 5000;
    for (let i = 0; i < n; i++) {
      const x = measureBinomial(noisy, 0.4, rng);
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    expect(sumSq / n - mean * mean).toBeGreaterThan(1.5 * 36 * p * (1 - p));
  });
});
