import { describe, expect, it } from "vitest";
import { hashName, RandomStream } from "../../numeric/random.js";
import { correlationCoefficient } from "../../numeric/stats/pearson.js";
import { likertItemNoiseSd } from "./likertItemNoiseSd.js";
import { measureLikert } from "./measureLikert.js";
import { ordinalLayout } from "./ordinalLayout.js";
import { ordinalScoreReliability } from "./ordinalScoreReliability.js";
import type { LikertInstrument } from "./types.js";

/** Test–retest correlation of two administrations to 10,000 people from N(refMean, refSd²). */
function retest(instrument: LikertInstrument): number {
  const people = new RandomStream(11, 0, hashName("people"));
  const noise = new RandomStream(11, 0, hashName("items"));
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 10000; i++) {
    const latent = (instrument.refMean ?? 0.5) + instrument.refSd * people.normal();
    a.push(measureLikert(instrument, latent, noise));
    b.push(measureLikert(instrument, latent, noise));
  }
  return correlationCoefficient(a, b);
}

const SETTINGS: Omit<LikertInstrument, "reliability">[] = [
  { kind: "likert", refSd: 0.15, items: 10, points: 5, loading: 4 },
  { kind: "likert", refSd: 0.15, items: 4, points: 7, loading: 6, score: "mean" },
  { kind: "likert", refSd: 0.1, items: 20, min: 0, max: 4, loading: 3, difficultySpread: 0.4 },
  { kind: "likert", refSd: 0.2, items: 1, points: 5, loading: 4 },
  { kind: "likert", refSd: 0.15, items: 8, points: 5, loading: 4, refMean: 0.8 },
];

describe("likertItemNoiseSd", () => {
  for (const setting of SETTINGS) {
    for (const reliability of [0.5, 0.8]) {
      const instrument = { ...setting, reliability } as LikertInstrument;
      it(`gives test–retest ≈ ${reliability} for ${JSON.stringify(setting)}`, () => {
        const sigma = likertItemNoiseSd(instrument);
        expect(sigma).toBeGreaterThan(0);
        const exact = ordinalScoreReliability(ordinalLayout(instrument), sigma, setting.refSd);
        expect(exact).toBeCloseTo(reliability, 5);
        expect(Math.abs(retest(instrument) - reliability)).toBeLessThan(0.05);
      });
    }
  }

  it("is 0 at reliability 1 and grows as reliability falls", () => {
    const base = SETTINGS[0];
    expect(likertItemNoiseSd({ ...base, reliability: 1 } as LikertInstrument)).toBe(0);
    const sigmas = [0.95, 0.8, 0.6, 0.3].map((reliability) =>
      likertItemNoiseSd({ ...base, reliability } as LikertInstrument),
    );
    for (let i = 1; i < sigmas.length; i++) expect(sigmas[i]).toBeGreaterThan(sigmas[i - 1]);
  });

  it("is a pure function of the declared fields", () => {
    const a = likertItemNoiseSd({ ...SETTINGS[1], reliability: 0.7 } as LikertInstrument);
    const b = likertItemNoiseSd({ ...SETTINGS[1], reliability: 0.7 } as LikertInstrument);
    expect(b).toBe(a);
  });
});

describe("ordinalScoreReliability", () => {
  it("is 1 without item noise and falls with noise", () => {
    const layout = ordinalLayout({ items: 5, points: 5, loading: 4 });
    expect(ordinalScoreReliability(layout, 0, 0.15)).toBe(1);
    expect(ordinalScoreReliability(layout, 0.5, 0.15)).toBeLessThan(1);
    expect(ordinalScoreReliability(layout, 2, 0.15)).toBeLessThan(
      ordinalScoreReliability(layout, 0.5, 0.15),
    );
  });
});
