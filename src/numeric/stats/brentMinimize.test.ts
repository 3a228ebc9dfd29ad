import { describe, expect, it } from "vitest";
import { brentMinimize } from "./brentMinimize.js";

describe("brentMinimize", () => {
  it("finds an interior minimum", () => {
    const m = brentMinimize((x) => (x - 1.234) ** 2 + 3, -10, 10);
    expect(m.x).toBeCloseTo(1.234, 7);
    expect(m.fx).toBeCloseTo(3, 12);
    expect(m.evaluations).toBeGreaterThan(2);
  });

  it("converges to a boundary minimum and validates the interval", () => {
    expect(brentMinimize((x) => x, 0, 1).x).toBeLessThan(1e-8);
    expect(() => brentMinimize((x) => x, 1, 0)).toThrow(/b: upper bound/);
  });
});
