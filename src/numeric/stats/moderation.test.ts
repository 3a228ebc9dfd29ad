import { describe, expect, it } from "vitest";
import { moderation } from "./moderation.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

// Simulated in R 4.2.2 (set.seed(20240501) stream):
// y = 1 + 0.4x + 0.2w + 0.15(x−5)(w−10) + 0.3z + e.
const y = [
  3.27, 4.21, 6.73, 1.55, 4.31, 4.9, 7.31, 4.75, 4.54, 4.5, 5.45, 5.58, 2.91, 10.35, 5.27, 4.39,
  5.87, 3.76, 2.99, 3.6, 3.28, 6.11, 5.54, 4.22, 8.56, 2.52, 0.09, 4.9, 3.74, 3.86, 0.91, 9.57, 5.7,
  4.01, 5.58, 5.41, 5.12, 6.31, 3.5, 7.46, 7.22, 5.58, 5.51, 5.19, 6.13, 3.91, 5.52, 1.48, 5.32,
  3.13,
];
const x = [
  3.98, 2.9, 5.86, -0.51, 3.63, 5.13, 8.25, 3.21, 5.59, 5.81, 6.98, 7.93, 4.86, 7.92, 6.49, 2.63,
  5.99, 4.29, 3.9, 2.92, 3.69, 4.86, 4.28, 4.85, 8.03, 1.1, 0.56, 8.8, 6.17, 5.92, 0.58, 6.39, 1.75,
  3.58, 4.64, 7.89, 6.91, 5.88, 5.5, 2.05, 5.68, 7.43, 5.87, 5.61, 5.32, 6.67, 9.37, 6.89, 5.24,
  7.78,
];
const w = [
  5.43, 9.53, 14.64, 12.1, 10.34, 8.36, 8.71, 6.73, 11.67, 11.4, 9.14, 10.6, 12.1, 16.04, 6.24,
  10.63, 9.93, 11.32, 8.21, 9.68, 2.49, 10.96, 11.61, 11.6, 12.34, 16.22, 15.09, 5.52, 7.09, 7.88,
  13.06, 16.46, 7.48, 6.01, 8.73, 8.42, 8.05, 11.46, 5.97, 8.27, 11.61, 12.41, 12.87, 9.34, 12.6,
  11.66, 8.85, 3, 11.07, 6.58,
];
const z = [
  1.6, 1.3, -0.97, 0.23, 0.98, 1.18, -0.02, 0.34, -1.28, 0.03, -0.41, 1.04, -1.81, -0.52, 1.1,
  -0.71, 0.68, 0.17, 0.03, 0.81, 0.89, -0.92, 0.8, -0.44, 0.06, -0.14, -0.05, 0.65, 2.29, -1.28,
  1.24, 1.66, 0.39, -1.17, -0.35, -1.15, -1.14, -1.38, -1.33, 0.8, 1.02, -1.8, -0.8, 0.05, 0.11,
  -0.92, -0.16, -1.44, -0.26, -0.03,
];

describe("moderation", () => {
  it("centred model matches R 4.2.2 lm(y ~ xc + wc + I(xc*wc) + z)", () => {
    const r = moderation(y, x, w, { z });
    const est = [
      4.97750074973576, 0.427127549851025, 0.24203916521842, 0.139190347074689, 0.368413428518841,
    ];
    const se = [
      0.159474052115587, 0.0759204448427323, 0.0516268255754209, 0.0214274167346172,
      0.167799666045879,
    ];
    const p = [
      3.92522481358511e-32, 1.11742292892607e-6, 2.57743520376991e-5, 5.71729885443242e-8,
      0.0333214990996972,
    ];
    expect(r.model.coefficients.map((c) => c.name)).toEqual(["(Intercept)", "x", "w", "x:w", "z"]);
    r.model.coefficients.forEach((c, j) => {
      expect(rel(c.estimate, est[j])).toBeLessThan(1e-10);
      expect(rel(c.se, se[j])).toBeLessThan(1e-10);
      // The intercept p (3.9e-32) is beyond jstat's incomplete-beta accuracy; check the others.
      if (j > 0) expect(rel(c.p, p[j])).toBeLessThan(1e-6);
    });
    expect(r.interaction.name).toBe("x:w");
    expect(r.centered).toBe(true);
  });

  it("simple slopes match R re-centring: lm(y ~ xc * I(w - w0) + z) at w0 = mean(w) + {-1, 0, 1}·sd(w)", () => {
    // The xc coefficient of the re-centred model is the simple slope at w0 (estimate, se, t, p).
    const expected = [
      [-0.0114042333344925, 0.112679291311498, -0.101209665074711, 0.919833640336569],
      [0.427127549851025, 0.0759204448427323, 5.62598850330515, 1.11742292892607e-6],
      [0.865659333036542, 0.0891411212190447, 9.71111111458172, 1.29214857219238e-12],
    ];
    const r = moderation(y, x, w, { z });
    expect(r.simpleSlopes.map((s) => s.label)).toEqual(["-1SD", "mean", "+1SD"]);
    r.simpleSlopes.forEach((s, k) => {
      const [e, se, t, p] = expected[k];
      expect(rel(s.estimate, e)).toBeLessThan(1e-9);
      expect(rel(s.se, se)).toBeLessThan(1e-10);
      expect(rel(s.t, t)).toBeLessThan(1e-9);
      expect(rel(s.p, p)).toBeLessThan(1e-6);
    });
  });

  it("uncentred model matches R lm(y ~ x*w + z) and gives the same simple slopes", () => {
    // R order (Intercept), x, w, z, x:w  → ours (Intercept), x, w, x:w, z
    const r = moderation(y, x, w, { z }, { center: false });
    const est = [
      7.49334518642259, -0.957816403542132, -0.473538409092558, 0.139190347074689,
      0.368413428518841,
    ];
    const se = [
      1.38826760231944, 0.242323518232249, 0.120598410589953, 0.0214274167346172, 0.167799666045879,
    ];
    r.model.coefficients.forEach((c, j) => {
      expect(rel(c.estimate, est[j])).toBeLessThan(1e-9);
      expect(rel(c.se, se[j])).toBeLessThan(1e-9);
    });
    const centred = moderation(y, x, w, { z });
    r.simpleSlopes.forEach((s, k) => {
      expect(s.estimate).toBeCloseTo(centred.simpleSlopes[k].estimate, 10);
      expect(s.se).toBeCloseTo(centred.simpleSlopes[k].se, 10);
    });
  });

  it("throws RangeErrors for bad input", () => {
    expect(() => moderation([1, 2, 3, 4, 5], [1, 1, 1, 1, 1], [1, 2, 3, 4, 5])).toThrow(
      /x: has zero variance/,
    );
    expect(() => moderation([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [2, 2, 2, 2, 2])).toThrow(
      /w: has zero variance/,
    );
    expect(() => moderation([1, 2, 3, 4], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5])).toThrow(/x: length/);
    expect(() => moderation([1, 2, 3, 4], [1, 3, 2, 4], [2, 1, 4, 3])).toThrow(/more observations/);
    expect(() => moderation(y, x, w, { "x:w": z })).toThrow(/reserved/);
    expect(() => moderation(y, x, w, { z: z.slice(1) })).toThrow(/covariates.z: length/);
  });
});
