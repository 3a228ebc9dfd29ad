/**
 * Cholesky factorisation of a small dense symmetric matrix: the one used for
 * correlation matrices everywhere in kindsim (population traits, copulas).
 */

/**
 * Lower-triangular factor L (row-major, n×n) with L Lᵀ = `m`, or null when `m` is
 * not positive definite (a pivot at or below `tolerance`, default 1e-12).
 * Only the lower triangle of `m` is read.
 */
export function choleskyLowerOrNull(
  m: readonly (readonly number[])[],
  tolerance = 1e-12,
): Float64Array | null {
  const n = m.length;
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = m[i][j];
      for (let k = 0; k < j; k++) sum -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(sum > tolerance)) return null;
        L[i * n + i] = Math.sqrt(sum);
      } else {
        L[i * n + j] = sum / L[j * n + j];
      }
    }
  }
  return L;
}
