/**
 * Spearman rank correlation with a Bonett–Wright Fisher-z interval.
 */
import { ranks } from "./descriptive.js";
import {
  type CorrelationOptions,
  correlationCoefficient,
  correlationTTest,
  fisherZInterval,
} from "./pearson.js";
import { assertFiniteArray, assertLevel, assertSameLength } from "./validate.js";

/** Result of {@link spearman}. */
export interface SpearmanResult {
  /** Spearman's ρ (Pearson r of average ranks). */
  rho: number;
  n: number;
  /** t approximation t = ρ·sqrt((n−2)/(1−ρ²)). */
  t: number;
  /** n − 2. */
  df: number;
  /** Two-sided p from the t approximation (as scipy's `spearmanr`). */
  p: number;
  /** Fisher-z interval with the Bonett & Wright (2000) SE sqrt((1 + ρ²/2)/(n − 3)). */
  ci: [number, number];
  /** Always "fisherZ-bonettWright". */
  ciMethod: "fisherZ-bonettWright";
  level: number;
}

/**
 * Spearman's rank correlation: Pearson r of the ranks (ties get average
 * ranks). p-value from the t approximation with n − 2 df; CI on the Fisher-z
 * scale with the Bonett & Wright (2000, Psychometrika 65:23–28) standard
 * error sqrt((1 + ρ²/2)/(n − 3)).
 *
 * @param x - first variable (≥ 4 finite values)
 * @param y - second variable, same length
 * @throws RangeError naming the argument for NaN, mismatched lengths, fewer
 *   than 4 pairs or all-tied (constant) input
 */
export function spearman(
  x: readonly number[],
  y: readonly number[],
  options: CorrelationOptions = {},
): SpearmanResult {
  const level = options.level ?? 0.95;
  assertLevel(level);
  assertFiniteArray(x, "x", 4);
  assertFiniteArray(y, "y", 4);
  assertSameLength(x, "x", y, "y");
  const n = x.length;
  const rho = correlationCoefficient(ranks(x), ranks(y));
  const { t, p } = correlationTTest(rho, n);
  const seZ = Math.sqrt((1 + (rho * rho) / 2) / (n - 3));
  return {
    rho,
    n,
    t,
    df: n - 2,
    p,
    ci: fisherZInterval(rho, seZ, level),
    ciMethod: "fisherZ-bonettWright",
    level,
  };
}
