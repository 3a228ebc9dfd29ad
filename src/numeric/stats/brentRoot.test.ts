import { describe, expect, it } from "vitest";
import { brentRoot } from "./brentRoot.js";

describe("brentRoot", () => {
  it("finds sqrt(2) and the cos fixed point", () => {
    expect(brentRoot((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 12);
    // Dottie number (cos x = x) = 0.7390851332151607
    expect(brentRoot((x) => Math.cos(x) - x, 0, 1)).toBeCloseTo(0.7390851332151607, 12);
  });

  it("returns an endpoint root and rejects non-bracketing intervals", () => {
    expect(brentRoot((x) => x, 0, 1)).toBe(0);
    expect(() => brentRoot((x) => x * x + 1, -1, 1)).toThrow(/does not bracket/);
  });
});
