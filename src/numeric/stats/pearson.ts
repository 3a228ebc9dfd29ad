/**
 * Pearson product-moment correlation with a Fisher-z confidence interval and
 * a t-test p-value (as R's `cor.test(method = "pearson")`).
 */
import { normalQuantile, studentTTwoSidedP } from "../distributions.js";
import { assertFiniteArray, assertLevel, assertSameLength } from "./validate.js";

/** Options for {@link pearson}. */
export interface CorrelationOptions {
  /** Confidence level (default 0.95). */
  level?: number;
}

/** Result of {@link pearson}. */
export interface PearsonResult {
  /** Correlation coefficient. */
  r: number;
  /** Number of pairs. */
  n: number;
  /** t = r·sqrt((n−2)/(1−r²)). */
  t: number;
  /** n − 2. */
  df: number;
  /** Two-sided p-value of H0: ρ = 0. */
  p: number;
  /** Fisher-z interval tanh(atanh(r) ± z/sqrt(n−3)). */
  ci: [number, number];
  level: number;
}

/**
 * Raw Pearson r of two equal-length arrays (no validation beyond a
 * zero-variance check). Not part of the public API.
 *
 * @throws RangeError naming x or y if it has zero variance
 */
export function correlationCoefficient(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (!(sxx > 0)) throw new RangeError("x: has zero variance; correlation is undefined");
  if (!(syy > 0)) throw new RangeError("y: has zero variance; correlation is undefined");
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Fisher-z interval for a correlation with a given SE on the z scale.
 * Not part of the public API.
 */
export function fisherZInterval(r: number, seZ: number, level: number): [number, number] {
  const z = Math.atanh(r);
  const q = normalQuantile(1 - (1 - level) / 2);
  return [Math.tanh(z - q * seZ), Math.tanh(z + q * seZ)];
}

/** t statistic and two-sided p for H0: ρ = 0 with n − 2 df. Not public. */
export function correlationTTest(r: number, n: number): { t: number; p: number } {
  const df = n - 2;
  if (Math.abs(r) === 1) return { t: r * Infinity, p: 0 };
  const t = r * Math.sqrt(df / (1 - r * r));
  return { t, p: studentTTwoSidedP(t, df) };
}

/**
 * Pearson correlation with Fisher-z CI and t-test p-value.
 *
 * @param x - first variable (≥ 4 finite values, needed for the CI)
 * @param y - second variable, same length
 * @throws RangeError naming the argument for NaN, mismatched lengths, fewer
 *   than 4 pairs or zero variance
 */
export function pearson(
  x: readonly number[],
  y: readonly number[],
  options: CorrelationOptions = {},
): PearsonResult {
  const level = options.level ?? 0.95;
  assertLevel(level);
  assertFiniteArray(x, "x", 4);
  assertFiniteArray(y, "y", 4);
  assertSameLength(x, "x", y, "y");
  const n = x.length;
  const r = correlationCoefficient(x, y);
  const { t, p } = correlationTTest(r, n);
  return { r, n, t, df: n - 2, p, ci: fisherZInterval(r, 1 / Math.sqrt(n - 3), level), level };
}
