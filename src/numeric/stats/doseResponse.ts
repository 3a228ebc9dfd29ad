/**
 * Within-arm dose–response analysis: regression of change on dose, Pearson
 * correlation, and a median-split comparison (as in Pace et al., 2009,
 * Psychoneuroendocrinology 34:87–98, who compared high vs low meditation
 * practice).
 */
import { type SmdResult, cohensD } from "./cohensD.js";
import { median } from "./descriptive.js";
import { type CoefficientRow, type OlsResult, ols } from "./ols.js";
import { type PearsonResult, pearson } from "./pearson.js";
import { assertFiniteArray, assertLevel, assertNonConstant, assertSameLength } from "./validate.js";
import { type WelchTResult, welchT } from "./welchT.js";

/** Where observations exactly at the median dose go in the median split. */
export type MedianTies = "exclude" | "low" | "high";

/** Options for {@link doseResponse}. */
export interface DoseResponseOptions {
  /** Confidence level (default 0.95). */
  level?: number;
  /** Treatment of doses equal to the median (default "exclude"). */
  tiesAtMedian?: MedianTies;
}

/** Result of {@link doseResponse}. */
export interface DoseResponseResult {
  /** Slope of change on dose (OLS with intercept). */
  slope: CoefficientRow;
  /** Full OLS fit change ~ dose. */
  regression: OlsResult;
  /** Pearson correlation of dose and change. */
  correlation: PearsonResult;
  /** High- vs low-dose comparison of change. */
  medianSplit: {
    /** Median dose (type-7). */
    medianDose: number;
    nHigh: number;
    nLow: number;
    /** Welch t-test, high − low. */
    welch: WelchTResult;
    /** Cohen's d, high − low (pooled SD, noncentral-t CI). */
    d: SmdResult;
  };
}

/**
 * Dose–response within one arm.
 *
 * @param change - outcome change scores
 * @param dose - dose (e.g. practice sessions), same length
 * @throws RangeError naming the argument for NaN, mismatched lengths, fewer
 *   than 4 observations, constant dose, or a median split leaving fewer than
 *   2 observations in a group
 */
export function doseResponse(
  change: readonly number[],
  dose: readonly number[],
  options: DoseResponseOptions = {},
): DoseResponseResult {
  const level = options.level ?? 0.95;
  const ties = options.tiesAtMedian ?? "exclude";
  assertLevel(level);
  if (!["exclude", "low", "high"].includes(ties))
    throw new RangeError(`tiesAtMedian: unknown value "${ties}"`);
  assertFiniteArray(change, "change", 4);
  assertFiniteArray(dose, "dose", 4);
  assertSameLength(change, "change", dose, "dose");
  assertNonConstant(dose, "dose");
  assertNonConstant(change, "change");
  const regression = ols(
    change,
    dose.map((d) => [d]),
    ["dose"],
    { level },
  );
  const correlation = pearson(dose, change, { level });
  const medianDose = median(dose);
  const high: number[] = [];
  const low: number[] = [];
  dose.forEach((d, i) => {
    if (d > medianDose || (d === medianDose && ties === "high")) high.push(change[i]);
    else if (d < medianDose || (d === medianDose && ties === "low")) low.push(change[i]);
  });
  if (high.length < 2 || low.length < 2) {
    throw new RangeError(
      `dose: median split leaves ${high.length} high and ${low.length} low observations (need ≥ 2 each)`,
    );
  }
  return {
    slope: regression.coefficients[1],
    regression,
    correlation,
    medianSplit: {
      medianDose,
      nHigh: high.length,
      nLow: low.length,
      welch: welchT(high, low, { level }),
      d: cohensD(high, low, { level }),
    },
  };
}
