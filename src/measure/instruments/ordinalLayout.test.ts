import { describe, expect, it } from "vitest";
import { ordinalLayout, ordinalRange } from "./ordinalLayout.js";

describe("ordinalRange", () => {
  it("resolves points, min and max", () => {
    expect(ordinalRange({ points: 5 })).toEqual({ min: 1, points: 5 });
    expect(ordinalRange({ points: 5, min: 0 })).toEqual({ min: 0, points: 5 });
    expect(ordinalRange({ points: 7, max: 3 })).toEqual({ min: -3, points: 7 });
    expect(ordinalRange({ min: 0, max: 10 })).toEqual({ min: 0, points: 11 });
    expect(() => ordinalRange({ points: 5, min: 1, max: 4 })).toThrow(/disagree/);
    expect(() => ordinalRange({ min: 1 })).toThrow(/points/);
  });
});

describe("ordinalLayout", () => {
  it("spreads thresholds evenly and by default splits [0, 1] into equal categories", () => {
    const layout = ordinalLayout({ items: 3, points: 5, loading: 10 });
    // Default spread loading·(points − 2)/points = 6: thresholds −3, −1, 1, 3, i.e. latent
    // boundaries 0.2, 0.4, 0.6, 0.8 at difficulty 0.5.
    expect(Array.from(layout.thresholds)).toEqual([-3, -1, 1, 3]);
    expect(Array.from(layout.difficulties)).toEqual([0.5, 0.5, 0.5]);
    expect(layout.score).toBe("sum");
    expect(layout.refMean).toBe(0.5);
  });

  it("honours thresholdSpread and difficultySpread", () => {
    const layout = ordinalLayout({
      items: 3,
      points: 3,
      loading: 2,
      thresholdSpread: 4,
      difficulty: 0.4,
      difficultySpread: 0.2,
    });
    expect(Array.from(layout.thresholds)).toEqual([-2, 2]);
    const d = Array.from(layout.difficulties);
    expect(d[0]).toBeCloseTo(0.3, 12);
    expect(d[1]).toBeCloseTo(0.4, 12);
    expect(d[2]).toBeCloseTo(0.5, 12);
    expect(Array.from(ordinalLayout({ items: 2, points: 2, loading: 1 }).thresholds)).toEqual([0]);
  });
});
