/**
 * Ordinary least squares (general linear model) via a Householder QR
 * decomposition (ml-matrix), with the classical inference of R's `lm`.
 */
import { Matrix, inverse } from "ml-matrix";
import { assertFullRank, buildDesign } from "./designMatrix.js";
import { fUpperP, studentTQuantile, studentTTwoSidedP } from "../distributions.js";
import { assertFiniteArray, assertLevel, assertMatrix } from "./validate.js";

/** One row of a coefficient table with t-based inference. */
export interface CoefficientRow {
  /** Coefficient name. */
  name: string;
  /** Point estimate. */
  estimate: number;
  /** Standard error. */
  se: number;
  /** estimate / se. */
  t: number;
  /** Two-sided p-value. */
  p: number;
  /** Confidence interval at the fit's level. */
  ci: [number, number];
}

/** Options for {@link ols}. */
export interface OlsOptions {
  /** Prepend an intercept column named "(Intercept)" (default true). */
  intercept?: boolean;
  /** Confidence level for coefficient intervals (default 0.95). */
  level?: number;
}

/** Overall F test of all non-intercept coefficients. */
export interface FTest {
  f: number;
  df1: number;
  df2: number;
  p: number;
}

/** Result of {@link ols}. */
export interface OlsResult {
  /** Coefficient table, intercept first when present, then `names` order. */
  coefficients: CoefficientRow[];
  /** Estimated covariance matrix of the coefficients, σ̂²(XᵀX)⁻¹. */
  covariance: number[][];
  /** Residual degrees of freedom n − k. */
  dfResidual: number;
  /** Residual standard error σ̂. */
  sigma: number;
  /** R² (centred when an intercept is present, uncentred otherwise, as R). */
  rSquared: number;
  /** Adjusted R². */
  adjRSquared: number;
  /** Overall F test, or null when the model has no non-intercept terms. */
  fTest: FTest | null;
  /** Number of observations. */
  n: number;
  /** Fitted values. */
  fitted: number[];
  /** Residuals y − fitted. */
  residuals: number[];
  /** Confidence level used for `ci`. */
  level: number;
}

/**
 * Fit y = Xβ + ε by least squares.
 *
 * @param y - response (finite numbers)
 * @param X - design matrix as an array of n rows of predictor values
 *   (without the intercept column unless `intercept: false`)
 * @param names - one name per column of `X`
 * @param options - see {@link OlsOptions}
 * @throws RangeError naming the argument for NaN, mismatched sizes,
 *   n ≤ number of coefficients, a rank-deficient design (e.g. a constant
 *   predictor alongside the intercept) or a perfect fit (zero residual
 *   variance)
 */
export function ols(
  y: readonly number[],
  X: readonly (readonly number[])[],
  names: readonly string[],
  options: OlsOptions = {},
): OlsResult {
  const intercept = options.intercept ?? true;
  const level = options.level ?? 0.95;
  assertLevel(level);
  assertFiniteArray(y, "y", 1);
  const n = y.length;
  const p = assertMatrix(X, "X", n);
  if (names.length !== p) {
    throw new RangeError(`names: has ${names.length} entries but X has ${p} columns`);
  }
  const k = p + (intercept ? 1 : 0);
  if (k === 0) throw new RangeError("X: model has no coefficients");
  if (n <= k) {
    throw new RangeError(`y: needs more observations (${n}) than coefficients (${k})`);
  }
  const design = buildDesign(X, names, intercept);
  const D = design.matrix;
  const allNames = design.names;
  const qr = assertFullRank(design);
  const R = qr.upperTriangularMatrix;
  const beta = qr.solve(Matrix.columnVector([...y])).getColumn(0);

  const fitted = new Array<number>(n);
  const residuals = new Array<number>(n);
  let sse = 0;
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let j = 0; j < k; j++) f += D.get(i, j) * beta[j];
    fitted[i] = f;
    residuals[i] = y[i] - f;
    sse += residuals[i] * residuals[i];
  }
  let yMean = 0;
  for (const v of y) yMean += v;
  yMean /= n;
  let sst = 0;
  for (const v of y) sst += intercept ? (v - yMean) ** 2 : v * v;
  let yy = 0;
  for (const v of y) yy += v * v;
  if (!(sse > 1e-24 * Math.max(yy, Number.MIN_VALUE))) {
    throw new RangeError("y: residual variance is zero (perfect fit); inference is undefined");
  }

  const dfResidual = n - k;
  const sigma2 = sse / dfResidual;
  const Rinv = inverse(R);
  const xtxInv = Rinv.mmul(Rinv.transpose());
  const covariance = xtxInv.mul(sigma2).to2DArray();
  const q = studentTQuantile(1 - (1 - level) / 2, dfResidual);
  const coefficients: CoefficientRow[] = beta.map((estimate, j) => {
    const se = Math.sqrt(covariance[j][j]);
    const t = estimate / se;
    return {
      name: allNames[j],
      estimate,
      se,
      t,
      p: studentTTwoSidedP(t, dfResidual),
      ci: [estimate - q * se, estimate + q * se],
    };
  });

  const rSquared = sst > 0 ? 1 - sse / sst : 0;
  const dfInt = intercept ? 1 : 0;
  const adjRSquared = 1 - ((1 - rSquared) * (n - dfInt)) / dfResidual;
  const df1 = k - dfInt;
  let fTest: FTest | null = null;
  if (df1 > 0) {
    const f = Math.max(sst - sse, 0) / df1 / sigma2;
    fTest = { f, df1, df2: dfResidual, p: fUpperP(f, df1, dfResidual) };
  }
  return {
    coefficients,
    covariance,
    dfResidual,
    sigma: Math.sqrt(sigma2),
    rSquared,
    adjRSquared,
    fTest,
    n,
    fitted,
    residuals,
    level,
  };
}

/**
 * Build a row-major design matrix from named predictor columns.
 *
 * @param columns - predictor arrays, all of the same length
 * @param names - names for error messages (one per column)
 * @returns n rows, each holding one value from every column
 * @throws RangeError naming a column whose length differs from the first
 */
export function columnsToRows(
  columns: readonly (readonly number[])[],
  names: readonly string[],
): number[][] {
  if (columns.length === 0) return [];
  const n = columns[0].length;
  columns.forEach((c, j) => {
    if (c.length !== n) {
      throw new RangeError(
        `${names[j] ?? `column ${j}`}: length ${c.length} does not match ${names[0]} length ${n}`,
      );
    }
  });
  return Array.from({ length: n }, (_, i) => columns.map((c) => c[i]));
}
