import { describe, expect, it } from "vitest";
import { type Prior, priorMean, priorQuantile, priorSupport, validatePrior } from "./priors.js";

const U = [1e-6, 0.025, 0.1, 0.3, 0.5, 0.7, 0.9, 0.975, 1 - 1e-6];

/**
 * Reference quantiles at U and means, computed offline with SciPy 1.17.1:
 *   d.ppf(U).tolist(), float(d.mean())
 * with d = stats.norm(loc=2, scale=0.5); stats.truncnorm((lo-mean)/sd, (hi-mean)/sd, loc=mean, scale=sd);
 * stats.lognorm(s=sdlog, scale=exp(meanlog)); stats.beta(a, b, loc=min, scale=max-min);
 * stats.uniform(loc=min, scale=max-min).
 */
const SCIPY: { prior: Prior; q: number[]; mean: number; tol: number }[] = [
  {
    prior: { dist: "normal", mean: 2, sd: 0.5 },
    q: [
      -0.37671215441144934, 1.0200180077299728, 1.3592242172276998, 1.7377997436459796, 2.0,
      2.2622002563540202, 2.6407757827723, 2.979981992270027, 4.376712154408544,
    ],
    mean: 2.0,
    tol: 1e-12,
  },
  {
    prior: { dist: "normal", mean: 1, sd: 2, min: 0, max: 3 },
    q: [
      3.0267508055459302e-6, 0.07497945605383727, 0.2927942485691857, 0.8413129862054776,
      1.3779364644115497, 1.943809346455864, 2.5994437730807007, 2.892775433091415,
      2.999995596106744,
    ],
    mean: 1.4132624361230661,
    tol: 1e-12,
  },
  {
    prior: { dist: "normal", mean: 0, sd: 1, min: 0 },
    q: [
      1.2533141372127224e-6, 0.03133798202142648, 0.12566134685507402, 0.3853204664075676,
      0.6744897501960817, 1.0364333894937898, 1.6448536269514729, 2.241402727604945,
      4.8916384756929325,
    ],
    mean: 0.7978845608028654,
    tol: 1e-10,
  },
  {
    // Interval in the far upper tail: exercised through the reflected computation.
    prior: { dist: "normal", mean: 0, sd: 1, min: 3, max: 5 },
    q: [
      3.000000304525758, 3.0077015037749057, 3.031940147748348, 3.1069897943185394,
      3.2050938082099796, 3.349238484785686, 3.642030914652575, 3.9829891203825563,
      4.99909427574053,
    ],
    mean: 3.282694379942302,
    tol: 1e-10,
  },
  {
    prior: { dist: "normal", mean: 10, sd: 3, max: 4 },
    q: [
      -6.404162746535249, 0.23768823719044363, 1.4881720586306315, 2.6009728760347963,
      3.1671854835716218, 3.5611426345641988, 3.8678994911365105, 3.968059039985187,
      3.9999987358917792,
    ],
    mean: 2.8803534015314796,
    tol: 1e-10,
  },
  {
    prior: { dist: "lognormal", meanlog: -1, sdlog: 0.7 },
    q: [
      0.013201867050450296, 0.09329630370923012, 0.150005083436835, 0.25484994477412765,
      0.36787944117144233, 0.5310390918725124, 0.9022046462418754, 1.4505964101043318,
      10.251223006479686,
    ],
    mean: 0.47001061473053796,
    tol: 1e-10,
  },
  {
    prior: { dist: "beta", a: 2, b: 5 },
    q: [
      0.00025828782935406356, 0.043271868292741676, 0.09259525891312873, 0.18180347131894917,
      0.26444998329566005, 0.36035769038002013, 0.5103163065514917, 0.6412345789976748,
      0.9555730480299243,
    ],
    mean: 0.2857142857142857,
    tol: 1e-8, // jStat's incomplete beta limits accuracy to ~1e-8
  },
  {
    prior: { dist: "beta", a: 0.5, b: 0.5, min: -1, max: 3 },
    q: [
      -0.9999999999901305, -0.9938346674662559, -0.9021130325903072, -0.17557050458494639,
      0.9999999999999996, 2.175570504584946, 2.9021130325903073, 2.9938346674662557,
      2.9999999999901306,
    ],
    mean: 1.0,
    tol: 4e-7,
  },
  {
    prior: { dist: "uniform", min: -2, max: 6 },
    q: [-1.999992, -1.8, -1.2, 0.3999999999999999, 2.0, 3.5999999999999996, 5.2, 5.8, 5.999992],
    mean: 2.0,
    tol: 1e-14,
  },
];

describe("priorQuantile", () => {
  it.each(SCIPY)("matches SciPy quantiles for $prior.dist %#", ({ prior, q, tol }) => {
    U.forEach((u, i) => {
      expect(Math.abs(priorQuantile(prior, u) - q[i])).toBeLessThanOrEqual(
        tol * Math.max(1, Math.abs(q[i])),
      );
    });
  });

  it("returns support ends at u = 0 and u = 1", () => {
    expect(priorQuantile({ dist: "normal", mean: 0, sd: 1 }, 0)).toBe(-Infinity);
    expect(priorQuantile({ dist: "normal", mean: 0, sd: 1 }, 1)).toBe(Infinity);
    expect(priorQuantile({ dist: "normal", mean: 0, sd: 1, min: -1, max: 2 }, 0)).toBe(-1);
    expect(priorQuantile({ dist: "normal", mean: 0, sd: 1, min: -1, max: 2 }, 1)).toBe(2);
    expect(priorQuantile({ dist: "lognormal", meanlog: 0, sdlog: 1 }, 0)).toBe(0);
    expect(priorQuantile({ dist: "lognormal", meanlog: 0, sdlog: 1 }, 1)).toBe(Infinity);
    expect(priorQuantile({ dist: "beta", a: 2, b: 3, min: 1, max: 4 }, 0)).toBe(1);
    expect(priorQuantile({ dist: "beta", a: 2, b: 3, min: 1, max: 4 }, 1)).toBe(4);
    expect(priorQuantile({ dist: "uniform", min: 1, max: 4 }, 1)).toBe(4);
    expect(priorQuantile({ dist: "fixed", value: 7 }, 0.3)).toBe(7);
  });

  it("is monotone and stays within truncation bounds", () => {
    const prior: Prior = { dist: "normal", mean: 0.2, sd: 0.1, min: 0, max: 1 };
    let prev = -Infinity;
    for (let i = 0; i <= 1000; i++) {
      const x = priorQuantile(prior, i / 1000);
      expect(x).toBeGreaterThanOrEqual(prev);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
      prev = x;
    }
  });

  it("rejects probabilities outside [0, 1]", () => {
    expect(() => priorQuantile({ dist: "uniform", min: 0, max: 1 }, 1.5)).toThrow(RangeError);
    expect(() => priorQuantile({ dist: "uniform", min: 0, max: 1 }, NaN)).toThrow(RangeError);
  });
});

describe("priorMean", () => {
  it.each(SCIPY)("matches SciPy means for $prior.dist %#", ({ prior, mean }) => {
    expect(priorMean(prior)).toBeCloseTo(mean, 10);
  });

  it("returns the value of a fixed prior", () => {
    expect(priorMean({ dist: "fixed", value: -3 })).toBe(-3);
  });
});

describe("priorSupport", () => {
  it("reports finite and infinite ends", () => {
    expect(priorSupport({ dist: "normal", mean: 0, sd: 1, min: 0 })).toEqual([0, Infinity]);
    expect(priorSupport({ dist: "lognormal", meanlog: 0, sdlog: 1 })).toEqual([0, Infinity]);
    expect(priorSupport({ dist: "beta", a: 1, b: 1 })).toEqual([0, 1]);
  });
});

describe("validatePrior", () => {
  const path = "parameters.f1.prior";

  it("accepts well-formed priors of every kind", () => {
    for (const { prior } of SCIPY) expect(validatePrior(prior, path)).toEqual([]);
    expect(validatePrior({ dist: "fixed", value: 0 }, path)).toEqual([]);
    expect(validatePrior({ dist: "beta", a: 1, b: 2, min: -1 }, path)).toEqual([]);
  });

  it("names the path and the expectation", () => {
    expect(validatePrior({ dist: "normal", mean: 0, sd: -1 }, path)).toEqual([
      "parameters.f1.prior.sd: expected a positive number, got -1",
    ]);
    expect(validatePrior({ dist: "uniform", min: 2, max: 1 }, path)).toEqual([
      "parameters.f1.prior.max: expected a number greater than min (2), got 1",
    ]);
    expect(validatePrior({ dist: "lognormal", meanlog: "0", sdlog: 0 }, path)).toEqual([
      'parameters.f1.prior.meanlog: expected a finite number, got "0"',
      "parameters.f1.prior.sdlog: expected a positive number, got 0",
    ]);
    expect(validatePrior({ dist: "beta", a: 2 }, path)).toEqual([
      "parameters.f1.prior.b: expected a positive number, got nothing (field is missing)",
    ]);
    expect(validatePrior({ dist: "fixed", value: Infinity }, path)).toEqual([
      "parameters.f1.prior.value: expected a finite number, got Infinity",
    ]);
  });

  it("rejects unknown distributions, non-objects and unexpected fields", () => {
    expect(validatePrior({ dist: "gamma", shape: 1 }, path)).toEqual([
      'parameters.f1.prior.dist: expected one of "uniform", "normal", "lognormal", "beta", "fixed", got "gamma"',
    ]);
    expect(validatePrior(3, path)).toEqual([
      'parameters.f1.prior: expected a prior object with a "dist" field, got 3',
    ]);
    expect(validatePrior(null, path)).toHaveLength(1);
    expect(validatePrior({ dist: "normal", mean: 0, std: 1 }, path)).toEqual([
      "parameters.f1.prior.std: unexpected field for a normal prior (allowed: dist, mean, sd, min, max)",
      "parameters.f1.prior.sd: expected a positive number, got nothing (field is missing)",
    ]);
  });

  it("rejects truncation intervals without probability mass", () => {
    expect(validatePrior({ dist: "normal", mean: 0, sd: 1, min: 3, max: 2 }, path)).toEqual([
      "parameters.f1.prior.max: expected a number greater than min (3), got 2",
    ]);
    const far = validatePrior({ dist: "normal", mean: 0, sd: 1, min: 40 }, path);
    expect(far).toHaveLength(1);
    expect(far[0]).toMatch(
      /^parameters\.f1\.prior: expected the truncation interval \[40, Infinity\]/,
    );
  });
});
