import { describe, expect, it } from "vitest";
import { reliabilityNoiseSd } from "./reliabilityNoiseSd.js";

describe("reliabilityNoiseSd", () => {
  it("gives refSd²/(refSd² + sd²) = r", () => {
    for (const r of [0.1, 0.5, 0.8, 0.99]) {
      const sd = reliabilityNoiseSd(2, r);
      expect(4 / (4 + sd * sd)).toBeCloseTo(r, 12);
    }
    expect(reliabilityNoiseSd(2, 1)).toBe(0);
    expect(reliabilityNoiseSd(0.3, 0.5)).toBeCloseTo(0.3, 15);
  });

  it("rejects reliabilities outside (0, 1] and bad SDs", () => {
    expect(() => reliabilityNoiseSd(1, 0)).toThrow(/reliability/);
    expect(() => reliabilityNoiseSd(1, 1.1)).toThrow(/reliability/);
    expect(() => reliabilityNoiseSd(-1, 0.5)).toThrow(/refSd/);
  });
});
