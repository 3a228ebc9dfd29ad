import { describe, expect, it } from "vitest";
import type { SensitivityInput } from "./sensitivityInput.js";
import { seededRandom } from "./seededRandom.js";
import {
  type SobolResult,
  saltelliDesign,
  sobolAnalyze,
  sobolIndices,
  sobolIndicesBatched,
  sobolWarnings,
} from "./sobol.js";

// ---------------------------------------------------------------- Ishigami
// f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1, xᵢ ~ U(−π, π) (Ishigami & Homma 1990).
// Closed forms (e.g. Saltelli et al. 2008, Global Sensitivity Analysis: The Primer, §4):
//   V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2,  V1 = (1 + bπ⁴/5)²/2,  V2 = a²/8,  V3 = 0,
//   V13 = b²π⁸ (1/18 − 1/50) = 8b²π⁸/225,  VT1 = V1 + V13,  VT2 = V2,  VT3 = V13.
const ISHIGAMI_A = 7;
const ISHIGAMI_B = 0.1;

function ishigamiIndices(a: number, b: number): { S1: number[]; ST: number[] } {
  const pi4 = Math.PI ** 4;
  const pi8 = Math.PI ** 8;
  const V = (a * a) / 8 + (b * pi4) / 5 + (b * b * pi8) / 18 + 0.5;
  const V1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const V2 = (a * a) / 8;
  const V13 = (8 * b * b * pi8) / 225;
  return { S1: [V1 / V, V2 / V, 0], ST: [(V1 + V13) / V, V2 / V, V13 / V] };
}

const ishigami = (x: Float64Array): number =>
  Math.sin(x[0]) + ISHIGAMI_A * Math.sin(x[1]) ** 2 + ISHIGAMI_B * x[2] ** 4 * Math.sin(x[0]);

const ishigamiInputs: SensitivityInput[] = ["x1", "x2", "x3"].map((name) => ({
  name,
  prior: { dist: "uniform", min: -Math.PI, max: Math.PI },
}));

// ---------------------------------------------------------------- Sobol' g-function
// g(x) = Πᵢ (|4xᵢ − 2| + aᵢ)/(1 + aᵢ), xᵢ ~ U(0, 1) (Saltelli & Sobol' 1995):
//   Vᵢ = 1/(3(1 + aᵢ)²),  V = Π(1 + Vᵢ) − 1,  S1ᵢ = Vᵢ/V,  STᵢ = Vᵢ Π_{j≠i}(1 + Vⱼ)/V.
const G_A = [0, 1, 4.5, 9, 99, 99, 99, 99];

function gIndices(a: number[]): { S1: number[]; ST: number[] } {
  const Vi = a.map((ai) => 1 / (3 * (1 + ai) ** 2));
  const prod = Vi.reduce((p, v) => p * (1 + v), 1);
  const V = prod - 1;
  return { S1: Vi.map((v) => v / V), ST: Vi.map((v) => (v * prod) / (1 + v) / V) };
}

const gFunction = (x: Float64Array): number => {
  let p = 1;
  for (let i = 0; i < G_A.length; i++) p *= (Math.abs(4 * x[i] - 2) + G_A[i]) / (1 + G_A[i]);
  return p;
};

const gInputs: SensitivityInput[] = G_A.map((_, i) => ({
  name: `x${i + 1}`,
  prior: { dist: "uniform", min: 0, max: 1 },
}));

function expectNear(
  result: SobolResult,
  expected: { S1: number[]; ST: number[] },
  tol: number,
  coverage: boolean,
): void {
  result.inputs.forEach((r, i) => {
    expect(Math.abs(r.S1 - expected.S1[i]), `S1 of ${r.name}`).toBeLessThan(tol);
    expect(Math.abs(r.ST - expected.ST[i]), `ST of ${r.name}`).toBeLessThan(tol);
    if (coverage) {
      expect(r.S1CI[0], `S1 CI low of ${r.name}`).toBeLessThanOrEqual(expected.S1[i]);
      expect(r.S1CI[1], `S1 CI high of ${r.name}`).toBeGreaterThanOrEqual(expected.S1[i]);
      expect(r.STCI[0], `ST CI low of ${r.name}`).toBeLessThanOrEqual(expected.ST[i]);
      expect(r.STCI[1], `ST CI high of ${r.name}`).toBeGreaterThanOrEqual(expected.ST[i]);
    }
  });
}

describe("Ishigami analytical indices", () => {
  it("match the published values to 4 decimals", () => {
    const { S1, ST } = ishigamiIndices(ISHIGAMI_A, ISHIGAMI_B);
    [0.3139, 0.4424, 0].forEach((v, i) => expect(S1[i]).toBeCloseTo(v, 4));
    [0.5576, 0.4424, 0.2437].forEach((v, i) => expect(ST[i]).toBeCloseTo(v, 4));
  });
});

describe("sobolIndices", () => {
  const N = 2 ** 14;
  const exact = ishigamiIndices(ISHIGAMI_A, ISHIGAMI_B);

  it("estimates Ishigami indices from Sobol' points within 0.03, with covering CIs", () => {
    const result = sobolIndices(ishigami, {
      inputs: ishigamiInputs,
      samples: N,
      random: seededRandom(1),
    });
    expect(result.outputs).toHaveLength(N * 5);
    expect(result.variance).toBeCloseTo(13.8446, 1);
    expectNear(result, exact, 0.03, true);
  });

  it("estimates Ishigami indices from pseudo-random points within 0.03, with covering CIs", () => {
    const result = sobolIndices(ishigami, {
      inputs: ishigamiInputs,
      samples: N,
      sampling: "random",
      random: seededRandom(2),
    });
    expectNear(result, exact, 0.03, true);
  });

  it("estimates g-function indices within 0.03", () => {
    const result = sobolIndices(gFunction, {
      inputs: gInputs,
      samples: N,
      random: seededRandom(3),
      bootstrap: 300,
    });
    expectNear(result, gIndices(G_A), 0.03, true);
  });

  it("gives fixed inputs zero indices and leaves the others unchanged", () => {
    const withFixed: SensitivityInput[] = [
      ishigamiInputs[0],
      { name: "c", prior: { dist: "fixed", value: 5 } },
      ishigamiInputs[1],
      ishigamiInputs[2],
    ];
    const f = (x: Float64Array): number => {
      expect(x[1]).toBe(5);
      return (
        Math.sin(x[0]) + ISHIGAMI_A * Math.sin(x[2]) ** 2 + ISHIGAMI_B * x[3] ** 4 * Math.sin(x[0])
      );
    };
    const a = sobolIndices(f, {
      inputs: withFixed,
      samples: 256,
      random: seededRandom(4),
      bootstrap: 50,
    });
    const b = sobolIndices(ishigami, {
      inputs: ishigamiInputs,
      samples: 256,
      random: seededRandom(4),
      bootstrap: 50,
    });
    expect(a.outputs).toHaveLength(256 * 5);
    expect(a.inputs[1]).toEqual({
      name: "c",
      fixed: true,
      S1: 0,
      S1CI: [0, 0],
      ST: 0,
      STCI: [0, 0],
    });
    expect([a.inputs[0], a.inputs[2], a.inputs[3]]).toEqual(b.inputs);
  });

  it("is deterministic for a fixed random source", () => {
    const run = (seed: number): SobolResult =>
      sobolIndices(ishigami, {
        inputs: ishigamiInputs,
        samples: 512,
        sampling: "random",
        random: seededRandom(seed),
        bootstrap: 100,
      });
    const first = run(11);
    expect(run(11).inputs).toEqual(first.inputs);
    expect(run(12).inputs).not.toEqual(first.inputs);
  });

  it("gives the same result batched as unbatched, in batches of any size", async () => {
    const options = {
      inputs: ishigamiInputs,
      samples: 256,
      random: seededRandom(5),
      bootstrap: 100,
    };
    const plain = sobolIndices(ishigami, options);
    const sizes: number[] = [];
    const batched = await sobolIndicesBatched(
      async (X) => {
        sizes.push(X.length);
        return X.map(ishigami);
      },
      { ...options, random: seededRandom(5), batchSize: 300 },
    );
    expect(sizes).toEqual([300, 300, 300, 300, 80]);
    expect(batched.outputs).toEqual(plain.outputs);
    expect(batched.inputs).toEqual(plain.inputs);
    const byMatrix = await sobolIndicesBatched((X) => X.map(ishigami), {
      ...options,
      random: seededRandom(5),
    });
    expect(byMatrix.inputs).toEqual(plain.inputs);
  });

  it("lays out A, B and A_B^(i) as documented", () => {
    const design = saltelliDesign({ inputs: ishigamiInputs, samples: 4, random: seededRandom(6) });
    const row = new Float64Array(3);
    const A = (j: number): number[] => Array.from(design.A.subarray(j * 3, j * 3 + 3));
    const B = (j: number): number[] => Array.from(design.B.subarray(j * 3, j * 3 + 3));
    expect(design.rows).toBe(20);
    design.fillRow(1, row);
    expect(Array.from(row)).toEqual(A(1));
    design.fillRow(4 + 2, row);
    expect(Array.from(row)).toEqual(B(2));
    design.fillRow(4 * 3 + 3, row); // A_B^(x2), base row 3
    expect(Array.from(row)).toEqual([A(3)[0], B(3)[1], A(3)[2]]);
  });

  it("uses a balanced Sobol' block that never contains the origin", () => {
    const inputs: SensitivityInput[] = [{ name: "z", prior: { dist: "normal", mean: 0, sd: 1 } }];
    const design = saltelliDesign({ inputs, samples: 8, random: seededRandom(7) });
    for (const v of design.A) expect(Number.isFinite(v)).toBe(true);
    for (const v of design.B) expect(Number.isFinite(v)).toBe(true);
  });

  it("refuses correlated inputs, explaining why", () => {
    expect(() =>
      saltelliDesign({
        inputs: ishigamiInputs,
        samples: 8,
        random: seededRandom(8),
        correlation: [
          [1, 0.5, 0],
          [0.5, 1, 0],
          [0, 0, 1],
        ],
      }),
    ).toThrow(/correlated inputs are not supported: Sobol' indices assume independent inputs/);
  });

  it("reports invalid inputs, outputs and options clearly", async () => {
    const bad: SensitivityInput[] = [{ name: "x", prior: { dist: "normal", mean: 0, sd: -1 } }];
    expect(() => saltelliDesign({ inputs: bad, samples: 8, random: seededRandom(9) })).toThrow(
      "inputs.x.prior.sd: expected a positive number, got -1",
    );
    expect(() =>
      sobolIndices(() => NaN, { inputs: ishigamiInputs, samples: 8, random: seededRandom(9) }),
    ).toThrow(/model output for design row 0 is NaN.*x1=/);
    await expect(
      sobolIndicesBatched(() => [1, 2], {
        inputs: ishigamiInputs,
        samples: 8,
        random: seededRandom(9),
      }),
    ).rejects.toThrow("batched model returned 2 outputs for a batch of 8 rows");
    const design = saltelliDesign({ inputs: ishigamiInputs, samples: 8, random: seededRandom(9) });
    expect(() =>
      sobolAnalyze(design, new Float64Array(40).fill(3), { random: seededRandom(9) }),
    ).toThrow(/zero variance/);
    expect(() => sobolAnalyze(design, [1, 2, 3], { random: seededRandom(9) })).toThrow(
      "expected 40 model outputs",
    );
  });
});

describe("sobolWarnings", () => {
  const run = (samples: number) =>
    sobolIndices(ishigami, { inputs: ishigamiInputs, samples, random: seededRandom(3) });

  it("warns, naming inputs and N, when a small sample gives indices outside [0, 1]", () => {
    const r = run(8);
    expect(r.inputs[1].S1).toBeGreaterThan(1); // an impossible S1 from 8 rows
    expect(r.warnings[0]).toMatch(
      /^Sobol' indices outside \[0, 1\]: S1\(x2\) = 1\.23 \(95% CI 1\.03 to 2\.02\), S1\(x3\) = -0\.57 .*N = 8\) is too small; increase samples$/,
    );
    expect(r.warnings).toContainEqual(expect.stringMatching(/first-order indices sum to 1\.07/));
    expect(r.warnings).toContainEqual(
      expect.stringMatching(/95% intervals wider than 0\.4 for x1, x2, x3; .*N = 8/),
    );
  });

  it("warns about wide intervals at N = 64 and is silent at N = 256", () => {
    expect(run(64).warnings).toEqual([
      "Sobol' 95% intervals wider than 0.4 for x1, x2, x3; the base sample (N = 64) is too small; increase samples to rank them",
    ]);
    expect(run(256).warnings).toEqual([]);
    expect(
      sobolIndices(ishigami, {
        inputs: ishigamiInputs,
        samples: 256,
        random: seededRandom(3),
        maxIntervalWidth: 0.1,
      }).warnings,
    ).toHaveLength(1);
  });

  it("says when there are no intervals, and lists at most five names", () => {
    const r = (name: string, S1: number) => ({
      name,
      fixed: false,
      S1,
      S1CI: [S1 - 0.5, S1 + 0.5] as const,
      ST: S1,
      STCI: [S1 - 0.5, S1 + 0.5] as const,
    });
    expect(sobolWarnings([r("a", 0.2)], 16, { bootstrap: 0 })).toEqual([
      "Sobol' indices without bootstrap intervals (bootstrap: 0): their error is unknown",
    ]);
    const many = ["a", "b", "c", "d", "e", "f", "g"].map((n) => r(n, 0.1));
    expect(sobolWarnings(many, 16)).toEqual([
      "Sobol' 95% intervals wider than 0.4 for a, b, c, d, e and 2 more; the base sample (N = 16) is too small; increase samples to rank them",
    ]);
  });
});
