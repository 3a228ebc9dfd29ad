import { describe, expect, it } from "vitest";
import {
  GaussianCopula,
  choleskyLower,
  spearmanToGaussianCorrelation,
  validateCorrelationMatrix,
} from "./gaussianCopula.js";
import { seededRandom } from "./seededRandom.js";
import { midRanks, pearsonCorrelation } from "./rankCorrelation.js";

/** Column `j` of a row-major matrix with `width` columns. */
function column(matrix: Float64Array, width: number, j: number): Float64Array {
  return Float64Array.from({ length: matrix.length / width }, (_, i) => matrix[i * width + j]);
}

describe("GaussianCopula", () => {
  const targetSpearman = [
    [1, 0.6, -0.3, 0],
    [0.6, 1, 0.2, 0],
    [-0.3, 0.2, 1, 0],
    [0, 0, 0, 1],
  ];

  it("reaches the target Spearman correlations with uniform marginals", () => {
    const copula = new GaussianCopula(spearmanToGaussianCorrelation(targetSpearman));
    const random = seededRandom(21);
    const n = 50000;
    const d = 4;
    const samples = new Float64Array(n * d);
    const u = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) u[j] = random();
      copula.transform(u, samples.subarray(i * d, (i + 1) * d));
    }
    const ranks = [0, 1, 2, 3].map((a) => midRanks(column(samples, d, a)));
    for (let a = 0; a < d; a++) {
      const mean = column(samples, d, a).reduce((s, v) => s + v, 0) / n;
      expect(mean).toBeCloseTo(0.5, 2);
      for (let b = a + 1; b < d; b++) {
        // Spearman correlation = Pearson correlation of the ranks.
        expect(
          Math.abs(pearsonCorrelation(ranks[a], ranks[b]) - targetSpearman[a][b]),
        ).toBeLessThan(0.01);
      }
    }
  });

  it("passes uncorrelated variables through unchanged", () => {
    const copula = new GaussianCopula([
      [1, 0, 0],
      [0, 1, 0.5],
      [0, 0.5, 1],
    ]);
    expect(Array.from(copula.independent)).toEqual([1, 0, 0]);
    const u = Float64Array.from([0, 0.3, 0.7]);
    const out = new Float64Array(3);
    copula.transform(u, out);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(0.3, 12);
  });

  it("converts Spearman to normal-score correlation by 2 sin(πρ/6)", () => {
    const r = spearmanToGaussianCorrelation([
      [1, 0.5],
      [0.5, 1],
    ]);
    expect(r[0][1]).toBeCloseTo(2 * Math.sin(Math.PI / 12), 15);
    expect(r[1][1]).toBe(1);
  });
});

describe("validateCorrelationMatrix", () => {
  it("accepts a valid matrix and factorises it", () => {
    const m = [
      [1, 0.5],
      [0.5, 1],
    ];
    expect(validateCorrelationMatrix(m, 2)).toEqual([]);
    const L = choleskyLower(m);
    expect(Array.from(L)).toEqual([1, 0, 0.5, Math.sqrt(0.75)]);
  });

  it("names each problem", () => {
    expect(validateCorrelationMatrix([[1]], 2)).toEqual([
      "correlation: expected a 2×2 matrix (one row per input), got 1 rows",
    ]);
    expect(
      validateCorrelationMatrix(
        [
          [1, 1.5],
          [0.5, 0.9],
        ],
        2,
      ),
    ).toEqual([
      "correlation[0][1]: expected a number in [-1, 1], got 1.5",
      "correlation[1][1]: expected 1 on the diagonal, got 0.9",
    ]);
    expect(
      validateCorrelationMatrix(
        [
          [1, 0.2],
          [0.3, 1],
        ],
        2,
      ),
    ).toEqual(["correlation[0][1]: expected a symmetric matrix, got 0.2 but [1][0] is 0.3"]);
    expect(
      validateCorrelationMatrix(
        [
          [1, 0.9, -0.9],
          [0.9, 1, 0.9],
          [-0.9, 0.9, 1],
        ],
        3,
      ),
    ).toEqual([
      "correlation: expected a positive definite matrix, but its Cholesky factorisation failed",
    ]);
    expect(() => new GaussianCopula([[0.5]])).toThrow(/expected 1 on the diagonal/);
  });
});
