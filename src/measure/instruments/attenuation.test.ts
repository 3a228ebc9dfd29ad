import { describe, expect, it } from "vitest";
import { hashName, RandomStream } from "../../numeric/random.js";
import { correlationCoefficient } from "../../numeric/stats/pearson.js";
import { expectedAttenuation } from "./attenuation.js";
import { measure } from "./measure.js";
import type { Instrument } from "./types.js";

describe("expectedAttenuation", () => {
  it("is sqrt(rx·ry)", () => {
    expect(expectedAttenuation(1, 1)).toBe(1);
    expect(expectedAttenuation(0.8, 1)).toBeCloseTo(Math.sqrt(0.8), 15);
    expect(expectedAttenuation(0.5, 0.8)).toBeCloseTo(Math.sqrt(0.4), 15);
    expect(() => expectedAttenuation(1.2, 1)).toThrow(/rx/);
    expect(() => expectedAttenuation(0.5, NaN)).toThrow(/ry/);
  });
});

/**
 * 20,000 people whose latent (mean 0.5, SD 0.15) correlates 0.6 with a criterion measured
 * perfectly; returns the observed correlation of the instrument's reading with the criterion.
 */
function observedValidity(instrument: Instrument): number {
  const n = 20000;
  const people = new RandomStream(7, 0, hashName("people"));
  const noise = new RandomStream(7, 0, hashName("measurement"));
  const readings: number[] = [];
  const criterion: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = people.normal();
    criterion.push(0.6 * z + 0.8 * people.normal());
    readings.push(measure(instrument, 0.5 + 0.15 * z, noise));
  }
  return correlationCoefficient(readings, criterion);
}

describe("reliability attenuates validity as Spearman predicts", () => {
  const kinds: Record<string, (r: number) => Instrument> = {
    // refSd is the true-score SD in latent units (0.15), as for every instrument.
    roi: (r) => ({ kind: "roi", reliability: r, refSd: 0.15, scale: 2, offset: 0.1 }),
    physio: (r) => ({ kind: "physio", reliability: r, refSd: 0.15, scale: 3, offset: 6 }),
    // likert calibrates on the latent reference population N(0.5, 0.15²).
    likert: (r) => ({
      kind: "likert",
      reliability: r,
      refSd: 0.15,
      items: 10,
      points: 5,
      loading: 4,
    }),
  };
  for (const [kind, make] of Object.entries(kinds)) {
    for (const r of [0.5, 0.8]) {
      it(`${kind} at reliability ${r}: observed r ≈ 0.6·sqrt(${r})`, () => {
        const expected = 0.6 * expectedAttenuation(r, 1);
        expect(Math.abs(observedValidity(make(r)) - expected)).toBeLessThan(0.02);
      });
    }
  }
});
