import { describe, expect, it } from "vitest";
import { drawUniform, normalPair } from "./normalDeviates.js";

describe("normal deviates (Box–Muller)", () => {
  it("transforms known uniforms exactly", () => {
    // u1 = e^{-1/2}, u2 = 0 → radius 1, angle 0 → (1, 0)
    const seq = [Math.exp(-0.5), 0];
    let i = 0;
    const [z1, z2] = normalPair(() => seq[i++]);
    expect(z1).toBeCloseTo(1, 14);
    expect(z2).toBeCloseTo(0, 14);
  });

  it("skips u1 = 0 and produces standard normal moments", () => {
    const seq = [0, 0.5, 0.25];
    let i = 0;
    const [z1] = normalPair(() => seq[i++]);
    expect(Number.isFinite(z1)).toBe(true);
    // LCG (Numerical Recipes constants) as a simple deterministic uniform source.
    let s = 12345;
    const lcg = (): number => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
    let sum = 0;
    let sum2 = 0;
    const n = 20000;
    for (let k = 0; k < n / 2; k++) {
      for (const z of normalPair(lcg)) {
        sum += z;
        sum2 += z * z;
      }
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sum2 / n - 1)).toBeLessThan(0.04);
  });

  it("rejects sources outside [0, 1)", () => {
    expect(() => drawUniform(() => 1)).toThrow(/random: must return/);
    expect(() => drawUniform(() => NaN)).toThrow(/random/);
  });
});
