/**
 * Two-wave, two-variable cross-lagged panel analysis by regression on
 * standardised variables.
 */
import { zScores } from "./descriptive.js";
import { studentTQuantile, studentTTwoSidedP } from "../distributions.js";
import { type CoefficientRow, type OlsResult, columnsToRows, ols } from "./ols.js";
import { assertFiniteArray, assertLevel, assertSameLength } from "./validate.js";

/** Options for {@link crossLaggedPanel}. */
export interface CrossLaggedOptions {
  /** Confidence level (default 0.95). */
  level?: number;
}

/** Result of {@link crossLaggedPanel}. */
export interface CrossLaggedResult {
  /** Standardised paths (rows renamed "x1 -> y2" etc.). */
  paths: {
    /** Cross-lagged x1 → y2 (from y2 ~ y1 + x1). */
    x1ToY2: CoefficientRow;
    /** Cross-lagged y1 → x2 (from x2 ~ x1 + y1). */
    y1ToX2: CoefficientRow;
    /** Stability x1 → x2. */
    x1ToX2: CoefficientRow;
    /** Stability y1 → y2. */
    y1ToY2: CoefficientRow;
  };
  /**
   * Difference of the cross-lagged paths (x1→y2) − (y1→x2). Its SE uses the
   * covariance of the two estimates implied by the multivariate regression
   * with shared regressors, Cov = Σ̂ ⊗ (ZᵀZ)⁻¹, where Σ̂ is the residual
   * covariance of the two equations (df n − 3); t is referred to t(n − 3).
   */
  difference: {
    estimate: number;
    se: number;
    t: number;
    df: number;
    p: number;
    ci: [number, number];
  };
  /** Residual correlation of x2 and y2 given x1 and y1. */
  residualCorrelation: number;
  /** The two fits on standardised data. */
  models: { x2: OlsResult; y2: OlsResult };
  n: number;
  level: number;
}

/**
 * Cross-lagged panel regressions x2 ~ x1 + y1 and y2 ~ y1 + x1, all four
 * variables z-scored (sample SD), so paths are standardised coefficients.
 * Inference treats the standardisation as fixed (as a regression on
 * z-scores does).
 *
 * @param x1 - variable X at wave 1
 * @param y1 - variable Y at wave 1
 * @param x2 - variable X at wave 2
 * @param y2 - variable Y at wave 2
 * @throws RangeError naming the argument for NaN, mismatched lengths,
 *   fewer than 5 observations, zero variance or collinear wave-1 variables
 */
export function crossLaggedPanel(
  x1: readonly number[],
  y1: readonly number[],
  x2: readonly number[],
  y2: readonly number[],
  options: CrossLaggedOptions = {},
): CrossLaggedResult {
  const level = options.level ?? 0.95;
  assertLevel(level);
  const inputs: [readonly number[], string][] = [
    [x1, "x1"],
    [y1, "y1"],
    [x2, "x2"],
    [y2, "y2"],
  ];
  for (const [v, name] of inputs) {
    assertFiniteArray(v, name, 5);
    assertSameLength(x1, "x1", v, name);
  }
  const [zx1, zy1, zx2, zy2] = inputs.map(([v, name]) => zScores(v, name));
  const n = zx1.length;
  const rows = columnsToRows([zx1, zy1], ["x1", "y1"]);
  const fitX = ols(zx2, rows, ["x1", "y1"], { level });
  const fitY = ols(zy2, rows, ["x1", "y1"], { level });
  const rename = (row: CoefficientRow, name: string): CoefficientRow => ({ ...row, name });
  const paths = {
    x1ToY2: rename(fitY.coefficients[1], "x1 -> y2"),
    y1ToX2: rename(fitX.coefficients[2], "y1 -> x2"),
    x1ToX2: rename(fitX.coefficients[1], "x1 -> x2"),
    y1ToY2: rename(fitY.coefficients[2], "y1 -> y2"),
  };
  const df = fitX.dfResidual;
  let s12 = 0;
  for (let i = 0; i < n; i++) s12 += fitX.residuals[i] * fitY.residuals[i];
  s12 /= df;
  const s11 = fitX.sigma ** 2;
  const s22 = fitY.sigma ** 2;
  // (ZᵀZ)⁻¹ entry between the x1 and y1 columns.
  const xtxInv12 = fitX.covariance[1][2] / s11;
  const estimate = paths.x1ToY2.estimate - paths.y1ToX2.estimate;
  const variance = fitY.covariance[1][1] + fitX.covariance[2][2] - 2 * s12 * xtxInv12;
  const se = Math.sqrt(variance);
  const t = estimate / se;
  const q = studentTQuantile(1 - (1 - level) / 2, df);
  return {
    paths,
    difference: {
      estimate,
      se,
      t,
      df,
      p: studentTTwoSidedP(t, df),
      ci: [estimate - q * se, estimate + q * se],
    },
    residualCorrelation: s12 / Math.sqrt(s11 * s22),
    models: { x2: fitX, y2: fitY },
    n,
    level,
  };
}
