import { describe, expect, it } from "vitest";
import { formatTick, linearScale, niceTicks } from "./scale.js";

/** Is `step` 1, 2 or 5 times a power of ten? */
function isNiceStep(step: number): boolean {
  const m = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
  return [1, 2, 5, 10].some((k) => Math.abs(m - k) < 1e-9);
}

describe("linearScale", () => {
  it("maps domain ends to range ends and interpolates", () => {
    const s = linearScale([0, 10], [100, 0]);
    expect([s(0), s(5), s(10)]).toEqual([100, 50, 0]);
  });

  it("maps a zero-width domain to the range midpoint", () => {
    expect(linearScale([3, 3], [0, 10])(3)).toBe(5);
  });
});

describe("niceTicks", () => {
  it.each([
    [0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 10, 5, [0, 2, 4, 6, 8, 10]],
    [-0.37, 0.83, 5, [-0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 56, 6, [0, 10, 20, 30, 40, 50, 60]],
    [20, 200, 5, [0, 50, 100, 150, 200]],
    [0.0012, 0.0047, 4, [0.001, 0.002, 0.003, 0.004, 0.005]],
    [3, 3, 5, [2.7, 2.8, 2.9, 3, 3.1, 3.2, 3.3]],
  ])("(%s, %s, %s) gives clean 1-2-5 ticks", (min, max, count, expected) => {
    expect(niceTicks(min, max, count)).toEqual(expected);
  });

  it.each([
    [-1234, 98765],
    [1e-7, 3e-7],
    [0.1, 0.30000000000000004],
    [-5, -4.2],
    [17, 1e6],
  ])("covers [%s, %s] with a nice step and no float noise", (min, max) => {
    const t = niceTicks(min, max, 5);
    const step = t[1] - t[0];
    // Float noise (0.30000000000000004) must not add a tick.
    expect(t[0]).toBeLessThanOrEqual(min + step * 1e-6);
    expect(t[t.length - 1]).toBeGreaterThanOrEqual(max - step * 1e-6);
    expect(isNiceStep(step)).toBe(true);
    for (const v of t) expect(String(v).length).toBeLessThan(12);
    expect(t.length).toBeGreaterThanOrEqual(3);
    expect(t.length).toBeLessThanOrEqual(12);
  });

  it("swaps reversed bounds and returns [] for non-finite input", () => {
    expect(niceTicks(10, 0, 5)).toEqual(niceTicks(0, 10, 5));
    expect(niceTicks(NaN, 1)).toEqual([]);
    expect(niceTicks(0, Infinity)).toEqual([]);
  });
});

describe("formatTick", () => {
  it("uses the decimals the step needs and a minus sign", () => {
    expect(formatTick(0.4, 0.2)).toBe("0.4");
    expect(formatTick(-0.4, 0.2)).toBe("\u22120.4");
    expect(formatTick(150, 50)).toBe("150");
    expect(formatTick(0.0015, 0.0005)).toBe("0.0015");
    expect(formatTick(-0, 1)).toBe("0");
  });
});
