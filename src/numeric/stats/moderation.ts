/**
 * Moderation (interaction) analysis y ~ x + w + x·w with simple slopes.
 */
import { mean, sd } from "./descriptive.js";
import { studentTQuantile, studentTTwoSidedP } from "../distributions.js";
import { type CoefficientRow, type OlsResult, columnsToRows, ols } from "./ols.js";
import { assertFiniteArray, assertLevel, assertNonConstant, assertSameLength } from "./validate.js";

/** Options for {@link moderation}. */
export interface ModerationOptions {
  /** Mean-centre x and w before forming the product (default true). */
  center?: boolean;
  /** Confidence level (default 0.95). */
  level?: number;
}

/** Conditional effect of x at one value of the moderator. */
export interface SimpleSlope {
  /** "-1SD", "mean" or "+1SD". */
  label: "-1SD" | "mean" | "+1SD";
  /** Moderator value in original units. */
  w: number;
  /** b_x + b_xw·(w − centre). */
  estimate: number;
  /** From the coefficient covariance: sqrt(V_xx + w̃²V_ii + 2w̃V_xi). */
  se: number;
  t: number;
  p: number;
  ci: [number, number];
}

/** Result of {@link moderation}. */
export interface ModerationResult {
  /** The x:w interaction row. */
  interaction: CoefficientRow;
  /** Simple slopes of x at w = mean − SD, mean, mean + SD. */
  simpleSlopes: SimpleSlope[];
  /** Full OLS fit: "(Intercept)", "x", "w", "x:w", covariates… */
  model: OlsResult;
  /** Whether x and w were mean-centred. */
  centered: boolean;
  meanX: number;
  meanW: number;
  sdW: number;
}

/**
 * Regress y on x, w and their product (plus optional covariates). With
 * `center` (default) x and w are mean-centred first, so the x and w rows
 * are effects at the mean of the other variable; the interaction row is
 * unaffected. Simple slopes use the full coefficient covariance and the
 * residual df.
 *
 * @param y - outcome
 * @param x - focal predictor
 * @param w - moderator
 * @param covariates - optional extra covariates by name
 * @throws RangeError naming the argument for NaN, mismatched lengths,
 *   constant x or w, too few observations or a degenerate model
 */
export function moderation(
  y: readonly number[],
  x: readonly number[],
  w: readonly number[],
  covariates: Readonly<Record<string, readonly number[]>> = {},
  options: ModerationOptions = {},
): ModerationResult {
  const center = options.center ?? true;
  const level = options.level ?? 0.95;
  assertLevel(level);
  assertFiniteArray(y, "y", 2);
  assertFiniteArray(x, "x", 2);
  assertFiniteArray(w, "w", 2);
  assertSameLength(y, "y", x, "x");
  assertSameLength(y, "y", w, "w");
  assertNonConstant(x, "x");
  assertNonConstant(w, "w");
  const covNames = Object.keys(covariates);
  for (const name of covNames) {
    if (["x", "w", "x:w"].includes(name))
      throw new RangeError(`covariates: name "${name}" is reserved`);
    assertFiniteArray(covariates[name], `covariates.${name}`, 1);
    assertSameLength(y, "y", covariates[name], `covariates.${name}`);
  }
  const meanX = mean(x);
  const meanW = mean(w);
  const sdW = sd(w);
  const cx = center ? meanX : 0;
  const cw = center ? meanW : 0;
  const xs = x.map((v) => v - cx);
  const ws = w.map((v) => v - cw);
  const xw = xs.map((v, i) => v * ws[i]);
  const names = ["x", "w", "x:w", ...covNames];
  const model = ols(
    y,
    columnsToRows([xs, ws, xw, ...covNames.map((c) => covariates[c])], names),
    names,
    { level },
  );
  const V = model.covariance;
  const bx = model.coefficients[1].estimate;
  const bi = model.coefficients[3].estimate;
  const q = studentTQuantile(1 - (1 - level) / 2, model.dfResidual);
  const probes: [SimpleSlope["label"], number][] = [
    ["-1SD", meanW - sdW],
    ["mean", meanW],
    ["+1SD", meanW + sdW],
  ];
  const simpleSlopes = probes.map(([label, w0]): SimpleSlope => {
    const wt = w0 - cw;
    const estimate = bx + bi * wt;
    const se = Math.sqrt(V[1][1] + wt * wt * V[3][3] + 2 * wt * V[1][3]);
    const t = estimate / se;
    return {
      label,
      w: w0,
      estimate,
      se,
      t,
      p: studentTTwoSidedP(t, model.dfResidual),
      ci: [estimate - q * se, estimate + q * se],
    };
  });
  return {
    interaction: model.coefficients[3],
    simpleSlopes,
    model,
    centered: center,
    meanX,
    meanW,
    sdW,
  };
}
