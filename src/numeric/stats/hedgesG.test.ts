import { describe, expect, it } from "vitest";
import { cohensD } from "./cohensD.js";
import { hedgesCorrection, hedgesG } from "./hedgesG.js";

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

const x = [10.3, 10.79, 6.6, 8.77, 9.87, 7.13, 12.59, 11.43, 8.71, 10.72, 10.62, 9.21];
const y = [
  3.12, 6.83, 8.37, 3.6, 11.62, 7.71, 7.81, 8.32, 6.33, 4.39, 10.64, 5.75, 4.2, 1.81, 13.56,
];
const xs = [1.69, 0.39, 0.13, 1.69, 0.89];
const ys = [0.85, -2.17, 0.06, 0.34, 0.38, -0.96];

describe("hedgesCorrection", () => {
  it("matches the exact gamma-function J (scipy.special.gamma)", () => {
    // gamma(df/2) / (sqrt(df/2) * gamma((df-1)/2)), scipy 1.17.1
    const expected: Record<number, number> = {
      2: 0.5641895835477563,
      5: 0.8407486824596893,
      10: 0.9227456080530869,
      38: 0.9801104021309462,
      100: 0.9924780549814445,
    };
    for (const [df, J] of Object.entries(expected))
      expect(rel(hedgesCorrection(Number(df)), J)).toBeLessThan(1e-12);
    // Large df approaches the approximation 1 - 3/(4df - 1).
    expect(hedgesCorrection(1000)).toBeCloseTo(1 - 3 / 3999, 6);
    expect(() => hedgesCorrection(1)).toThrow(/df/);
  });
});

describe("hedgesG", () => {
  it("matches the numpy/scipy reference (see cohensD.test.ts for the recipe)", () => {
    // g = J*d; noncentral-t CI = J × (d bounds); normal CI g ± z*sqrt((n1+n2)/(n1 n2) + g²/(2(n1+n2)))
    const r = hedgesG(x, y);
    expect(rel(r.estimate, 0.9929978327166805)).toBeLessThan(1e-12);
    expect(rel(r.correction, 0.9696455796165088)).toBeLessThan(1e-12);
    expect(r.d).toBeCloseTo(cohensD(x, y).estimate, 14);
    expect(rel(r.ci[0], 0.19895234631984232)).toBeLessThan(1e-6);
    expect(rel(r.ci[1], 1.7696212333504953)).toBeLessThan(1e-6);
    const n = hedgesG(x, y, { ciMethod: "normal" });
    expect(rel(n.ci[0], 0.18903005026580022)).toBeLessThan(1e-10);
    expect(rel(n.ci[1], 1.7969656151675608)).toBeLessThan(1e-10);
    expect(rel(n.se, 0.41019518154031176)).toBeLessThan(1e-12);
  });

  it("90% intervals and small groups", () => {
    const r = hedgesG(x, y, { level: 0.9 });
    expect(rel(r.ci[0], 0.3247463218220346)).toBeLessThan(1e-6);
    expect(rel(r.ci[1], 1.6428951764006974)).toBeLessThan(1e-6);
    const s = hedgesG(xs, ys);
    expect(rel(s.estimate, 1.1477694070886395)).toBeLessThan(1e-12);
    expect(Math.abs(s.ci[0] - -0.08145326645883895)).toBeLessThan(1e-7);
    expect(rel(s.ci[1], 2.326241858367989)).toBeLessThan(1e-6);
    const sn = hedgesG(xs, ys, { ciMethod: "normal" });
    expect(rel(sn.ci[0], -0.13229465634920756)).toBeLessThan(1e-10);
    expect(rel(sn.ci[1], 2.427833470526487)).toBeLessThan(1e-10);
  });

  it("handles the smallest valid design (2 + 2) and rejects constant data", () => {
    const r = hedgesG([1, 2], [3, 5]);
    expect(r.df).toBe(2);
    expect(r.correction).toBeCloseTo(0.5641895835477563, 12);
    expect(() => hedgesG([1, 1], [1, 1])).toThrow(/pooled standard deviation is zero/);
  });
});
