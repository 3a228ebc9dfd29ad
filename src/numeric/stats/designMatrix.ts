/**
 * Construction and rank checking of regression design matrices (ml-matrix).
 */
import { Matrix, QrDecomposition } from "ml-matrix";

/** A design matrix with its column names. */
export interface Design {
  /** n × k design matrix (intercept column first when requested). */
  matrix: Matrix;
  /** k column names ("(Intercept)" first when requested). */
  names: string[];
}

/** Relative threshold on |R_jj| / ‖X_j‖ below which column j is collinear. */
export const RANK_TOLERANCE = 1e-9;

/**
 * Build an n × k design matrix from row-major predictors, optionally
 * prepending an intercept column named "(Intercept)". Inputs are assumed
 * already validated.
 */
export function buildDesign(
  X: readonly (readonly number[])[],
  names: readonly string[],
  intercept: boolean,
): Design {
  const n = X.length;
  const p = names.length;
  const k = p + (intercept ? 1 : 0);
  const matrix = new Matrix(n, k);
  for (let i = 0; i < n; i++) {
    let j = 0;
    if (intercept) matrix.set(i, j++, 1);
    for (let c = 0; c < p; c++) matrix.set(i, j++, X[i][c]);
  }
  return { matrix, names: intercept ? ["(Intercept)", ...names] : [...names] };
}

/**
 * Check that a design has full column rank using a Householder QR: column j
 * is declared collinear when |R_jj| ≤ {@link RANK_TOLERANCE}·‖X_j‖.
 *
 * @returns the QR decomposition (reusable for solving)
 * @throws RangeError naming `X` and the first offending column
 */
export function assertFullRank(design: Design): QrDecomposition {
  const { matrix, names } = design;
  const qr = new QrDecomposition(matrix);
  const R = qr.upperTriangularMatrix;
  for (let j = 0; j < matrix.columns; j++) {
    let norm = 0;
    for (let i = 0; i < matrix.rows; i++) norm += matrix.get(i, j) ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0 || Math.abs(R.get(j, j)) <= RANK_TOLERANCE * norm) {
      throw new RangeError(
        `X: design matrix is rank deficient (column "${names[j]}" is constant/zero or collinear with earlier columns)`,
      );
    }
  }
  return qr;
}
