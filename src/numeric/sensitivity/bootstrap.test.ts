import { describe, expect, it } from "vitest";
import { percentileInterval, resampleIndices, sortedQuantile } from "./bootstrap.js";
import { seededRandom } from "./seededRandom.js";

describe("bootstrap helpers", () => {
  it("computes type-7 quantiles like NumPy", () => {
    // numpy.quantile([1, 2, 3, 4, 10], [0.025, 0.5, 0.975]) -> [1.1, 3.0, 9.4]
    const sorted = Float64Array.from([1, 2, 3, 4, 10]);
    expect(sortedQuantile(sorted, 0.025)).toBeCloseTo(1.1, 12);
    expect(sortedQuantile(sorted, 0.5)).toBe(3);
    expect(sortedQuantile(sorted, 0.975)).toBeCloseTo(9.4, 12);
  });

  it("gives percentile intervals, ignoring NaN replicates", () => {
    expect(percentileInterval(Float64Array.from([10, 4, NaN, 1, 3, 2]), 0.95)).toEqual([
      sortedQuantile(Float64Array.from([1, 2, 3, 4, 10]), 0.025),
      sortedQuantile(Float64Array.from([1, 2, 3, 4, 10]), 0.975),
    ]);
    expect(percentileInterval(Float64Array.from([NaN]), 0.9)).toEqual([NaN, NaN]);
  });

  it("resamples indices uniformly in range", () => {
    const idx = new Uint32Array(20000);
    resampleIndices(seededRandom(1), 10, idx);
    const counts = new Array<number>(10).fill(0);
    idx.forEach((i) => counts[i]++);
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
    resampleIndices(() => 1 - 2 ** -53, 7, idx);
    expect(idx[0]).toBe(6);
  });
});

describe("seededRandom", () => {
  it("is reproducible, in (0, 1) and roughly uniform", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    let sum = 0;
    let min = 1;
    let max = 0;
    let same = true;
    let differs = false;
    for (let i = 0; i < 100000; i++) {
      const x = a();
      if (x !== b()) same = false;
      if (x !== c()) differs = true;
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(same).toBe(true);
    expect(differs).toBe(true);
    expect(sum / 100000).toBeCloseTo(0.5, 2);
  });
});
