import { describe, expect, it } from "vitest";
import { mediation } from "./mediation.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

/** mulberry32 PRNG: uniform in [0, 1), deterministic for a given seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Simulated in R 4.2.2 (set.seed(20240501) stream): m = 0.5x + e, y = 0.4m + 0.2x + e.
const x = [
  -0.07, 1.02, 1.37, -1.02, 0.47, 0.52, -0.61, 2.25, -0.18, 0.01, -0.93, -0.03, 1.11, -1.62, 0.41,
  0.14, -0.05, 0.46, 0.05, -0.82, 0.63, 0.89, -0.98, 0.18, 1.52, -0.84, -1.13, -1.57, -1.07, -1.87,
  1.24, -0.25, 0.31, -0.43, 0.49, 0.67, 0.32, -2.19, -0.12, 1.62,
];
const m = [
  0.55, 0.64, 0.8, -0.34, -0.81, -0.1, 1.06, 1.49, -0.06, -0.65, -0.63, 0, 0.27, -0.24, 0.59, -0.05,
  0.96, 0.89, 0.52, -0.39, 0.91, 0.11, 1.15, 0.39, -1.21, 1.83, -0.78, -0.84, 0.24, -1.38, 3.46,
  -1.6, 0.33, -0.78, 1.7, -0.38, 1.37, -1.38, -1.64, 3.2,
];
const y = [
  2.3, 1.92, 0.84, 0.44, 0.64, -1.33, -0.53, 2.36, 1.66, -1.48, 1.48, 0.51, 0.9, 0.15, 0.96, 0.51,
  0.82, -0.41, 0.13, -2.34, 1.66, -1.57, 0.43, -1.65, -0.87, 0.42, -0.79, -0.27, 0.69, -1.46, 3.08,
  0.57, -0.44, -0.59, -0.18, 1.44, 0.26, -2.39, 0.47, -0.03,
];

describe("mediation", () => {
  it("paths match R 4.2.2 lm() and the Sobel SE matches the hand formula", () => {
    // a, se_a: summary(lm(m ~ x)); b, se_b, c': summary(lm(y ~ x + m)); c: lm(y ~ x).
    // Sobel SE by hand: sqrt(b^2*se_a^2 + a^2*se_b^2) = 0.114044352009216.
    const r = mediation(x, m, y, { random: mulberry32(1), reps: 200 });
    expect(rel(r.a.estimate, 0.555310966782589)).toBeLessThan(1e-10);
    expect(rel(r.a.se, 0.163530965180268)).toBeLessThan(1e-10);
    expect(rel(r.b.estimate, 0.324564415206528)).toBeLessThan(1e-10);
    expect(rel(r.b.se, 0.181773218619676)).toBeLessThan(1e-10);
    expect(rel(r.direct.estimate, 0.312561800361098)).toBeLessThan(1e-10);
    expect(rel(r.total.estimate, 0.492795979552661)).toBeLessThan(1e-10);
    expect(rel(r.indirect, 0.555310966782589 * 0.324564415206528)).toBeLessThan(1e-10);
    // OLS identity c = c' + a·b.
    expect(r.total.estimate).toBeCloseTo(r.direct.estimate + r.indirect, 12);
    expect(rel(r.sobel.se, 0.114044352009216)).toBeLessThan(1e-10);
    expect(r.sobel.z).toBeCloseTo(r.indirect / r.sobel.se, 12);
    expect(r.sobel.ci[0]).toBeCloseTo(r.indirect - 1.959963984540054 * r.sobel.se, 10);
  });

  it("Monte Carlo interval approximates the product-of-normals quantiles", () => {
    // numpy 2.4.6: rng = default_rng(1); 2e7 draws of (a + se_a Z1)(b + se_b Z2);
    // np.quantile(prod, [.025, .975]) = [-0.016284442294669254, 0.4437092785090473], sd 0.11786157504820584.
    const r = mediation(x, m, y, { random: mulberry32(7), reps: 100_000, method: "monteCarlo" });
    expect(r.bootstrap).toBeUndefined();
    expect(Math.abs(r.monteCarlo!.ci[0] - -0.016284442294669254)).toBeLessThan(0.005);
    expect(Math.abs(r.monteCarlo!.ci[1] - 0.4437092785090473)).toBeLessThan(0.01);
    expect(Math.abs(r.monteCarlo!.se - 0.11786157504820584)).toBeLessThan(0.003);
  });

  it("bootstrap of the identity resample reproduces the OLS indirect effect", () => {
    // A source that returns (i + 0.5)/n in turn draws every case exactly once.
    let i = 0;
    const n = x.length;
    const identity = (): number => ((i++ % n) + 0.5) / n;
    const r = mediation(x, m, y, { random: identity, reps: 3, method: "bootstrap" });
    expect(r.bootstrap!.ci[0]).toBeCloseTo(r.indirect, 12);
    expect(r.bootstrap!.ci[1]).toBeCloseTo(r.indirect, 12);
    expect(r.monteCarlo).toBeUndefined();
  });

  it("is deterministic for the same random source", () => {
    const a = mediation(x, m, y, { random: mulberry32(42), reps: 500 });
    const b = mediation(x, m, y, { random: mulberry32(42), reps: 500 });
    const c = mediation(x, m, y, { random: mulberry32(43), reps: 500 });
    expect(a).toEqual(b);
    expect(c.bootstrap!.ci).not.toEqual(a.bootstrap!.ci);
  });

  it("bootstrap and Monte Carlo CIs cover the true a·b in simulated studies", () => {
    // 40 studies, n = 100, a = 0.5, b = 0.4 (a·b = 0.2), c' = 0.1, unit-variance normal errors.
    const rnd = mulberry32(2024);
    const normal = (): number => {
      const u1 = 1 - rnd();
      const u2 = rnd();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    };
    let coverBoot = 0;
    let coverMc = 0;
    const studies = 40;
    for (let s = 0; s < studies; s++) {
      const xs = Array.from({ length: 100 }, normal);
      const ms = xs.map((v) => 0.5 * v + normal());
      const ys = xs.map((v, i) => 0.1 * v + 0.4 * ms[i] + normal());
      const r = mediation(xs, ms, ys, { random: rnd, reps: 400 });
      if (r.bootstrap!.ci[0] <= 0.2 && 0.2 <= r.bootstrap!.ci[1]) coverBoot++;
      if (r.monteCarlo!.ci[0] <= 0.2 && 0.2 <= r.monteCarlo!.ci[1]) coverMc++;
    }
    // Nominal 95%: expect about 38 of 40; require ≥ 34 (P(X ≤ 33) = 0.0034 under Binomial(40, 0.95)).
    expect(coverBoot).toBeGreaterThanOrEqual(34);
    expect(coverMc).toBeGreaterThanOrEqual(34);
  });

  it("throws RangeErrors for bad input", () => {
    const random = mulberry32(1);
    expect(() => mediation([1, 2, 3], [1, 2, 3], [1, 2, 3], { random })).toThrow(
      /x: needs at least 4/,
    );
    expect(() => mediation(x, m.slice(1), y, { random })).toThrow(/m: length/);
    expect(() => mediation([1, 1, 1, 1], [1, 2, 3, 4], [2, 1, 4, 3], { random })).toThrow(
      /x: has zero variance/,
    );
    expect(() => mediation([1, 2, 3, 4], [5, 5, 5, 5], [2, 1, 4, 3], { random })).toThrow(
      /m: has zero variance/,
    );
    expect(() => mediation(x, m, y, { random, reps: 1 })).toThrow(/reps/);
    expect(() => mediation(x, m, y, { random: () => 1.5, reps: 10 })).toThrow(
      /random: must return/,
    );
    // @ts-expect-error missing random on purpose
    expect(() => mediation(x, m, y, {})).toThrow(/random/);
    // @ts-expect-error invalid method on purpose
    expect(() => mediation(x, m, y, { random, method: "sobel" })).toThrow(/method/);
  });
});
