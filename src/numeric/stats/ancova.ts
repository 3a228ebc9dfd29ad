/**
 * ANCOVA for a two-arm trial: post ~ arm + pre (+ covariates), fitted by OLS.
 */
import { type CoefficientRow, type OlsResult, columnsToRows, ols } from "./ols.js";
import { assertFiniteArray, assertLevel, assertSameLength } from "./validate.js";

/** Options for {@link ancova}. */
export interface AncovaOptions {
  /**
   * Label of the reference (control) arm when `arm` holds strings.
   * Default: the first label in sorted order (R's factor default).
   * Ignored for 0/1 coding, where 0 is the reference.
   */
  reference?: string;
  /** Confidence level (default 0.95). */
  level?: number;
}

/** Result of {@link ancova}. */
export interface AncovaResult {
  /** Adjusted arm effect (treatment − reference), named "arm". */
  effect: CoefficientRow;
  /** The full OLS fit (coefficients "(Intercept)", "arm", "pre", covariates…). */
  model: OlsResult;
  /** Reference and treatment labels ("0"/"1" for numeric coding). */
  reference: string;
  treatment: string;
}

/**
 * ANCOVA of a post-treatment outcome on arm, adjusting for the baseline
 * (pre) score and optional covariates: post = β0 + β1·arm + β2·pre + … + ε.
 * The arm row is the baseline-adjusted treatment effect.
 *
 * @param post - outcome at follow-up
 * @param arm - 0/1 indicators (1 = treatment) or exactly two string labels
 * @param pre - baseline score
 * @param covariates - optional extra covariates by name
 * @throws RangeError naming the argument for NaN, mismatched lengths, arm
 *   codes other than 0/1 or not exactly two labels, and a rank-deficient
 *   or perfectly fitting model
 */
export function ancova(
  post: readonly number[],
  arm: readonly (number | string)[],
  pre: readonly number[],
  covariates: Readonly<Record<string, readonly number[]>> = {},
  options: AncovaOptions = {},
): AncovaResult {
  const level = options.level ?? 0.95;
  assertLevel(level);
  assertFiniteArray(post, "post", 1);
  assertFiniteArray(pre, "pre", 1);
  assertSameLength(post, "post", pre, "pre");
  assertSameLength(post, "post", arm, "arm");
  let armCode: number[];
  let reference: string;
  let treatment: string;
  if (arm.every((a) => typeof a === "number")) {
    const codes = arm as readonly number[];
    codes.forEach((a, i) => {
      if (a !== 0 && a !== 1)
        throw new RangeError(`arm: element ${i} is ${a}; numeric arms must be 0 or 1`);
    });
    armCode = [...codes];
    reference = "0";
    treatment = "1";
  } else if (arm.every((a) => typeof a === "string")) {
    const labels = [...new Set(arm as readonly string[])].sort();
    if (labels.length !== 2) {
      throw new RangeError(`arm: needs exactly two distinct labels, got ${labels.length}`);
    }
    reference = options.reference ?? labels[0];
    if (!labels.includes(reference))
      throw new RangeError(`reference: "${reference}" is not an arm label`);
    treatment = labels[0] === reference ? labels[1] : labels[0];
    armCode = arm.map((a) => (a === treatment ? 1 : 0));
  } else {
    throw new RangeError("arm: must be all numbers (0/1) or all strings");
  }
  if (!armCode.includes(0) || !armCode.includes(1)) {
    throw new RangeError("arm: both arms must be present");
  }
  const covNames = Object.keys(covariates);
  covNames.forEach((name) => {
    if (name === "arm" || name === "pre")
      throw new RangeError(`covariates: name "${name}" is reserved`);
    assertFiniteArray(covariates[name], `covariates.${name}`, 1);
    assertSameLength(post, "post", covariates[name], `covariates.${name}`);
  });
  const names = ["arm", "pre", ...covNames];
  const X = columnsToRows([armCode, pre, ...covNames.map((c) => covariates[c])], names);
  const model = ols(post, X, names, { level });
  return { effect: model.coefficients[1], model, reference, treatment };
}
