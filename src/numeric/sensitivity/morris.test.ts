import { describe, expect, it } from "vitest";
import { spearmanToGaussianCorrelation } from "./gaussianCopula.js";
import { type MorrisResult, morris, morrisAnalyze, morrisBatched, morrisDesign } from "./morris.js";
import { priorQuantile } from "../priors.js";
import { spearmanCorrelation } from "./rankCorrelation.js";
import type { SensitivityInput } from "./sensitivityInput.js";
import { seededRandom } from "./seededRandom.js";

const uniform = (name: string, min: number, max: number): SensitivityInput => ({
  name,
  prior: { dist: "uniform", min, max },
});

/** Column `j` of a row-major matrix with `width` columns. */
function column(matrix: Float64Array, width: number, j: number): Float64Array {
  return Float64Array.from({ length: matrix.length / width }, (_, i) => matrix[i * width + j]);
}

describe("morris on a linear function", () => {
  const inputs = [
    uniform("a", 0, 1),
    uniform("b", -2, 3),
    uniform("c", 10, 10.5),
    uniform("d", 0, 4),
  ];
  const coef = [2, -3, 10, 0];
  const f = (x: Float64Array): number => coef.reduce((s, c, i) => s + c * x[i], 1);
  const result = morris(f, { inputs, trajectories: 20, random: seededRandom(1) });

  it("gives μ* = |coefficient|·range and μ = coefficient·range exactly, with σ = 0", () => {
    result.inputs.forEach((r, i) => {
      const range =
        (inputs[i].prior as { min: number; max: number }).max -
        (inputs[i].prior as { min: number }).min;
      expect(r.muStar).toBeCloseTo(Math.abs(coef[i]) * range, 9);
      expect(r.mu).toBeCloseTo(coef[i] * range, 9);
      expect(r.sigma).toBeLessThan(1e-9);
      expect(r.muStarCI[0]).toBeCloseTo(r.muStar, 9);
      expect(r.muStarCI[1]).toBeCloseTo(r.muStar, 9);
    });
  });

  it("evaluates r(k+1) points", () => {
    expect(result.outputs).toHaveLength(20 * 5);
    expect(result.design.rows).toBe(100);
  });
});

describe("morris on a function with an interaction", () => {
  // f = 2x1 + 3·x2·x3 − x4: only x2 and x3 interact.
  const inputs = ["x1", "x2", "x3", "x4"].map((n) => uniform(n, 0, 1));
  const f = (x: Float64Array): number => 2 * x[0] + 3 * x[1] * x[2] - x[3];
  const result = morris(f, { inputs, trajectories: 50, random: seededRandom(2) });
  const [x1, x2, x3, x4] = result.inputs;

  it("has σ > 0 only for the interacting inputs", () => {
    expect(x1.sigma).toBeLessThan(1e-9);
    expect(x4.sigma).toBeLessThan(1e-9);
    expect(x2.sigma).toBeGreaterThan(0.5);
    expect(x3.sigma).toBeGreaterThan(0.5);
  });

  it("gives EE of x2 equal to 3·x3 at the trajectory point", () => {
    // With p = 4 levels, x3 ∈ {0, 1/3, 2/3, 1}: every EE of x2 is one of 3·x3.
    for (const e of x2.effects) expect([0, 1, 2, 3].some((v) => Math.abs(e - v) < 1e-9)).toBe(true);
    expect(x1.muStar).toBeCloseTo(2, 9);
    expect(x4.mu).toBeCloseTo(-1, 9);
    expect(x2.muStarCI[0]).toBeLessThanOrEqual(x2.muStar);
    expect(x2.muStarCI[1]).toBeGreaterThanOrEqual(x2.muStar);
    expect(x2.muStarCI[1]).toBeGreaterThan(x2.muStarCI[0]);
  });
});

describe("morrisDesign", () => {
  const inputs: SensitivityInput[] = [
    uniform("u", 0, 1),
    { name: "k", prior: { dist: "fixed", value: 42 } },
    { name: "n", prior: { dist: "normal", mean: 5, sd: 2 } },
    { name: "l", prior: { dist: "lognormal", meanlog: 0, sdlog: 0.5 } },
    { name: "b", prior: { dist: "beta", a: 2, b: 2, min: 1, max: 3 } },
  ];
  const design = morrisDesign({ inputs, trajectories: 30, random: seededRandom(3) });
  const w = inputs.length;
  const k = 4;

  it("moves each varied input exactly once per trajectory by ±Δ on the grid", () => {
    expect(design.rows).toBe(30 * (k + 1));
    expect(Array.from(design.varied)).toEqual([0, 2, 3, 4]);
    expect(design.delta).toBeCloseTo(2 / 3, 15);
    for (let t = 0; t < 30; t++) {
      const moved = new Set<number>();
      for (let s = 0; s < k; s++) {
        const a = (t * (k + 1) + s) * w;
        const b = a + w;
        const diff: number[] = [];
        for (let i = 0; i < w; i++)
          if (design.unitPoints[a + i] !== design.unitPoints[b + i]) diff.push(i);
        expect(diff).toEqual([design.changed[t * k + s]]);
        expect(
          Math.abs(design.unitPoints[b + diff[0]] - design.unitPoints[a + diff[0]]),
        ).toBeCloseTo(2 / 3, 12);
        moved.add(diff[0]);
      }
      expect(moved.size).toBe(k);
    }
    for (const z of design.unitPoints)
      expect([0, 1 / 3, 0.5, 2 / 3, 1].some((v) => Math.abs(v - z) < 1e-12)).toBe(true);
  });

  it("keeps fixed inputs constant and maps grid levels through the priors", () => {
    const eps = 1 / 8; // default tail probability 1/(2p) for unbounded priors
    expect(Array.from(design.margins)).toEqual([0, 0, eps, eps, 0]);
    for (let r = 0; r < design.rows; r++) {
      const z = (i: number): number => design.unitPoints[r * w + i];
      const x = (i: number): number => design.points[r * w + i];
      expect(x(1)).toBe(42);
      expect(x(0)).toBe(priorQuantile(inputs[0].prior, z(0)));
      expect(x(2)).toBe(priorQuantile(inputs[2].prior, eps + (1 - 2 * eps) * z(2)));
      expect(x(3)).toBe(priorQuantile(inputs[3].prior, eps + (1 - 2 * eps) * z(3)));
      expect(x(4)).toBe(priorQuantile(inputs[4].prior, z(4)));
      for (let i = 0; i < w; i++) expect(Number.isFinite(x(i))).toBe(true);
    }
  });

  it("supports other grids and rejects invalid ones", () => {
    const d = morrisDesign({
      inputs: [uniform("a", 0, 1)],
      trajectories: 4,
      levels: 5,
      delta: 0.5,
      random: seededRandom(4),
    });
    expect(d.delta).toBe(0.5);
    expect(() =>
      morrisDesign({ inputs, trajectories: 4, levels: 5, random: seededRandom(4) }),
    ).toThrow(/needs an even number of levels/);
    expect(() =>
      morrisDesign({ inputs, trajectories: 4, delta: 0.4, random: seededRandom(4) }),
    ).toThrow("delta: expected a multiple of 1/(levels − 1) = 1/3 in (0, 1], got 0.4");
    expect(() => morrisDesign({ inputs, trajectories: 1, random: seededRandom(4) })).toThrow(
      /trajectories/,
    );
    expect(() =>
      morrisDesign({ inputs: [uniform("a", 1, 0)], trajectories: 4, random: seededRandom(4) }),
    ).toThrow("inputs.a.prior.max: expected a number greater than min (1), got 0");
  });
});

describe("morris with correlated inputs (Gaussian copula)", () => {
  const inputs: SensitivityInput[] = [
    uniform("a", 0, 1),
    { name: "b", prior: { dist: "lognormal", meanlog: 0, sdlog: 1 } },
    { name: "c", prior: { dist: "beta", a: 2, b: 3 } },
  ];
  const targetSpearman = [
    [1, 0.6, -0.3],
    [0.6, 1, 0],
    [-0.3, 0, 1],
  ];

  it("produces sampled inputs with the target Spearman correlations", () => {
    const design = morrisDesign({
      inputs,
      trajectories: 10000,
      random: seededRandom(5),
      correlation: spearmanToGaussianCorrelation(targetSpearman),
    });
    const cols = [0, 1, 2].map((j) => column(design.points, 3, j));
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 3; j++) {
        expect(Math.abs(spearmanCorrelation(cols[i], cols[j]) - targetSpearman[i][j])).toBeLessThan(
          0.03,
        );
      }
    }
    // Without the copula the same inputs are uncorrelated.
    const independent = morrisDesign({ inputs, trajectories: 10000, random: seededRandom(5) });
    expect(
      Math.abs(
        spearmanCorrelation(column(independent.points, 3, 0), column(independent.points, 3, 1)),
      ),
    ).toBeLessThan(0.03);
  });

  it("propagates a move of an input into later correlated inputs", () => {
    const design = morrisDesign({
      inputs,
      trajectories: 5,
      random: seededRandom(6),
      correlation: [
        [1, 0.8, 0],
        [0.8, 1, 0],
        [0, 0, 1],
      ],
    });
    expect(Array.from(design.margins)).toEqual([1 / 8, 1 / 8, 1 / 8]);
    let sawPropagation = false;
    for (let t = 0; t < 5; t++) {
      for (let s = 0; s < 3; s++) {
        if (design.changed[t * 3 + s] !== 0) continue;
        const a = (t * 4 + s) * 3;
        expect(design.points[a + 3 + 1]).not.toBe(design.points[a + 1]); // b moves with a
        expect(design.points[a + 3 + 2]).toBe(design.points[a + 2]); // c does not
        sawPropagation = true;
      }
    }
    expect(sawPropagation).toBe(true);
  });

  it("rejects invalid matrices and correlation with fixed inputs", () => {
    expect(() =>
      morrisDesign({
        inputs: [uniform("a", 0, 1), { name: "k", prior: { dist: "fixed", value: 1 } }],
        trajectories: 4,
        random: seededRandom(7),
        correlation: [
          [1, 0.5],
          [0.5, 1],
        ],
      }),
    ).toThrow("correlation[1][0]: expected 0 because input k is fixed, got 0.5");
    expect(() =>
      morrisDesign({
        inputs: [uniform("a", 0, 1), uniform("b", 0, 1)],
        trajectories: 4,
        random: seededRandom(7),
        correlation: [
          [1, 2],
          [2, 1],
        ],
      }),
    ).toThrow("correlation[0][1]: expected a number in [-1, 1], got 2");
  });
});

describe("morris reproducibility and batching", () => {
  const inputs = ["x1", "x2", "x3"].map((n) => uniform(n, 0, 1));
  const f = (x: Float64Array): number => Math.sin(6 * x[0]) + x[1] * x[2] ** 2;

  it("is deterministic for a fixed random source", () => {
    const run = (seed: number): MorrisResult =>
      morris(f, { inputs, trajectories: 10, random: seededRandom(seed) });
    const a = run(8);
    const b = run(8);
    expect(b.outputs).toEqual(a.outputs);
    expect(b.inputs).toEqual(a.inputs);
    expect(run(9).outputs).not.toEqual(a.outputs);
  });

  it("gives the same result batched as unbatched", async () => {
    const plain = morris(f, { inputs, trajectories: 10, random: seededRandom(10) });
    const sizes: number[] = [];
    const batched = await morrisBatched(
      async (X) => {
        sizes.push(X.length);
        return X.map(f);
      },
      { inputs, trajectories: 10, random: seededRandom(10), batchSize: 16 },
    );
    expect(sizes).toEqual([16, 16, 8]);
    expect(batched.outputs).toEqual(plain.outputs);
    expect(batched.inputs).toEqual(plain.inputs);
  });

  it("analyses externally computed outputs and checks them", () => {
    const design = morrisDesign({ inputs, trajectories: 10, random: seededRandom(11) });
    const outputs = Array.from({ length: design.rows }, (_, r) => {
      const x = new Float64Array(3);
      design.fillRow(r, x);
      return f(x);
    });
    const stats = morrisAnalyze(design, outputs, { random: seededRandom(12), bootstrap: 0 });
    expect(stats[0].muStarCI).toEqual([NaN, NaN]);
    expect(stats[0].muStar).toBeGreaterThan(0);
    expect(() => morrisAnalyze(design, outputs.slice(1), { random: seededRandom(12) })).toThrow(
      "expected 40 model outputs (one per design row), got 39",
    );
    expect(() =>
      morris(() => Infinity, { inputs, trajectories: 2, random: seededRandom(13) }),
    ).toThrow(/model output for design row 0 is Infinity/);
  });
});
