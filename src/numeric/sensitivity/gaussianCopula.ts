/**
 * Gaussian copula: imposes a declared correlation structure on independent
 * uniforms through the normal scores, leaving each marginal uniform so that
 * priors can be applied afterwards with `priorQuantile`.
 */
import { choleskyLowerOrNull } from "../cholesky.js";
import { normalCdf, normalQuantile } from "../distributions.js";

/**
 * A correlation matrix as nested rows (square, symmetric, unit diagonal,
 * positive definite), indexed like the inputs it refers to.
 */
export type CorrelationMatrix = readonly (readonly number[])[];

/**
 * Returns one message per problem with `matrix` as a `size`×`size` correlation
 * matrix (empty when valid): shape, finiteness, unit diagonal, symmetry,
 * entries in [−1, 1] and positive definiteness.
 */
export function validateCorrelationMatrix(
  matrix: unknown,
  size: number,
  path = "correlation",
): string[] {
  if (!Array.isArray(matrix) || matrix.length !== size) {
    const got = Array.isArray(matrix) ? `${matrix.length} rows` : typeof matrix;
    return [`${path}: expected a ${size}×${size} matrix (one row per input), got ${got}`];
  }
  const errors: string[] = [];
  for (let i = 0; i < size; i++) {
    const row: unknown = matrix[i];
    if (!Array.isArray(row) || row.length !== size) {
      errors.push(
        `${path}[${i}]: expected a row of ${size} numbers, got ${Array.isArray(row) ? row.length : typeof row}`,
      );
      continue;
    }
    for (let j = 0; j < size; j++) {
      const v: unknown = row[j];
      if (typeof v !== "number" || !Number.isFinite(v) || v < -1 || v > 1) {
        errors.push(`${path}[${i}][${j}]: expected a number in [-1, 1], got ${String(v)}`);
      } else if (i === j && v !== 1) {
        errors.push(`${path}[${i}][${i}]: expected 1 on the diagonal, got ${v}`);
      }
    }
  }
  if (errors.length > 0) return errors;
  const m = matrix as number[][];
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      if (Math.abs(m[i][j] - m[j][i]) > 1e-12) {
        errors.push(
          `${path}[${i}][${j}]: expected a symmetric matrix, got ${m[i][j]} but [${j}][${i}] is ${m[j][i]}`,
        );
      }
    }
  }
  if (errors.length > 0) return errors;
  if (choleskyLowerOrNull(m) === null) {
    errors.push(
      `${path}: expected a positive definite matrix, but its Cholesky factorisation failed`,
    );
  }
  return errors;
}

/**
 * Lower-triangular Cholesky factor L (row-major, `n`×`n`) with L Lᵀ = `matrix`.
 * @throws Error when the matrix is not a valid correlation matrix.
 */
export function choleskyLower(matrix: CorrelationMatrix): Float64Array {
  const errors = validateCorrelationMatrix(matrix, Array.isArray(matrix) ? matrix.length : 0);
  if (errors.length > 0) throw new Error(`invalid correlation matrix:\n  ${errors.join("\n  ")}`);
  return choleskyLowerOrNull(matrix) as Float64Array;
}

/**
 * Converts target Spearman rank correlations into the normal-score (Pearson)
 * correlations of a Gaussian copula that produce them: ρ = 2 sin(π ρₛ / 6).
 * The result may fail to be positive definite even when the input is; pass it
 * through {@link validateCorrelationMatrix} or {@link GaussianCopula}.
 */
export function spearmanToGaussianCorrelation(spearman: CorrelationMatrix): number[][] {
  return spearman.map((row, i) =>
    row.map((r, j) => (i === j ? 1 : 2 * Math.sin((Math.PI * r) / 6))),
  );
}

/**
 * Gaussian copula with correlation matrix R over normal scores: maps
 * independent uniforms u to dependent uniforms v with vᵢ = Φ((L Φ⁻¹(u))ᵢ),
 * where L Lᵀ = R. Each vᵢ stays uniform; the pairwise Spearman correlation of
 * (vᵢ, vⱼ) is (6/π) asin(Rᵢⱼ / 2). Inputs whose row and column of R are those
 * of the identity pass through unchanged.
 *
 * The factorisation makes the map order-dependent: vᵢ depends on u₀ … uᵢ only.
 */
export class GaussianCopula {
  /** Number of variables. */
  readonly dimension: number;
  /** Lower Cholesky factor of the correlation matrix, row-major. */
  readonly cholesky: Float64Array;
  /** Whether variable i is uncorrelated with all others (passes through unchanged). */
  readonly independent: Uint8Array;
  private readonly scores: Float64Array;

  /** @throws Error when `correlation` is not a valid correlation matrix. */
  constructor(correlation: CorrelationMatrix) {
    this.cholesky = choleskyLower(correlation);
    const n = correlation.length;
    this.dimension = n;
    this.scores = new Float64Array(n);
    this.independent = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let alone = true;
      for (let j = 0; j < n; j++) if (j !== i && correlation[i][j] !== 0) alone = false;
      this.independent[i] = alone ? 1 : 0;
    }
  }

  /**
   * Writes the dependent uniforms for independent uniforms `u` into `out`
   * (both of length ≥ `dimension`; they may be the same array). Entries of `u`
   * for correlated variables should lie strictly inside (0, 1): a 0 or 1 maps
   * to an infinite normal score.
   */
  transform(u: Float64Array, out: Float64Array): void {
    const n = this.dimension;
    const L = this.cholesky;
    const s = this.scores;
    for (let i = 0; i < n; i++) s[i] = this.independent[i] ? 0 : normalQuantile(u[i]);
    for (let i = 0; i < n; i++) {
      if (this.independent[i]) {
        out[i] = u[i];
        continue;
      }
      let t = 0;
      for (let j = 0; j <= i; j++) {
        const l = L[i * n + j];
        if (l !== 0) t += l * s[j];
      }
      out[i] = normalCdf(t);
    }
  }
}
