/**
 * Binary logistic regression by Newton–Raphson (= IRLS for the canonical
 * logit link) with step halving, convergence checks and detection of
 * (quasi-)complete separation.
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { assertFullRank, buildDesign, type Design } from "./designMatrix.js";
import { normalQuantile, normalTwoSidedP } from "../distributions.js";
import { assertFiniteArray, assertLevel, assertMatrix } from "./validate.js";

/** Options for {@link logisticRegression}. */
export interface LogisticOptions {
  /** Prepend an intercept column "(Intercept)" (default true). */
  intercept?: boolean;
  /** Confidence level for Wald intervals (default 0.95). */
  level?: number;
  /** Maximum Newton iterations (default 100). */
  maxIter?: number;
  /** Convergence tolerance: max |Δβ_j| / (1 + |β_j|) (default 1e-10). */
  tol?: number;
}

/** One row of the logistic coefficient table (Wald inference). */
export interface LogisticCoefficientRow {
  name: string;
  /** Log-odds coefficient. */
  estimate: number;
  /** Wald standard error (NaN when separation was detected). */
  se: number;
  /** estimate / se. */
  z: number;
  /** Two-sided normal p-value. */
  p: number;
  /** Wald interval for the log-odds coefficient. */
  ci: [number, number];
  /** exp(estimate). */
  oddsRatio: number;
  /** exp(ci). */
  oddsRatioCi: [number, number];
}

/** Separation status of the data. */
export type SeparationStatus = "none" | "complete" | "quasi-complete";

/** Result of {@link logisticRegression}. */
export interface LogisticResult {
  coefficients: LogisticCoefficientRow[];
  /** Inverse Fisher information at the estimate (NaN-filled under separation). */
  covariance: number[][];
  /** Log-likelihood at the estimate. */
  logLik: number;
  /** Residual deviance −2·logLik. */
  deviance: number;
  /** Deviance of the intercept-only model (null when no intercept). */
  nullDeviance: number | null;
  /** AIC = deviance + 2k. */
  aic: number;
  /** Newton iterations performed. */
  iterations: number;
  /** True when the convergence criterion was met. */
  converged: boolean;
  /**
   * Separation detected: the maximum-likelihood estimate does not exist
   * (coefficients diverge). Estimates are those at the stopping point and
   * all standard errors, z, p and intervals are NaN.
   */
  separation: SeparationStatus;
  n: number;
  level: number;
}

/** |linear predictor| beyond which separation is checked (fitted p within ~1e-13 of 0/1). */
const ETA_EXTREME = 30;

function maxAbs(v: readonly number[]): number {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  return m;
}

function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

/** The checked outcomes and design rows. */
interface LogitData {
  y01: readonly number[];
  /** Design matrix rows (intercept column included when requested). */
  D: number[][];
  n: number;
  k: number;
}

/** State of the Newton iterations when they stopped. */
interface NewtonFit {
  beta: number[];
  /** Linear predictor at `beta`. */
  eta: number[];
  /** Log-likelihood at `beta`. */
  ll: number;
  iterations: number;
  converged: boolean;
  separation: SeparationStatus;
}

/**
 * Fit P(y = 1) = logistic(Xβ) by maximum likelihood.
 *
 * Separation is detected, not looped on: whenever some |η_i| exceeds 30,
 * the last Newton step d is tested as a separating direction
 * ((2y_i − 1)·x_iᵀd ≥ 0 for all i, up to a 1e-6 relative tolerance). If it
 * separates the data the fit stops and reports `separation`: "complete"
 * when every inequality is strict, "quasi-complete" when some observations
 * lie on the separating hyperplane. (Under separation Newton steps converge
 * in direction to a separating vector; when the MLE exists no such vector
 * exists, so the test cannot fire on a finite fit.)
 *
 * @param y01 - outcomes, each exactly 0 or 1, both classes present
 * @param X - predictors as n rows (intercept added by default)
 * @param names - one name per column of `X`
 * @throws RangeError naming the argument for NaN, non-0/1 outcomes, a
 *   single outcome class, mismatched sizes, n ≤ k or a rank-deficient design
 */
export function logisticRegression(
  y01: readonly number[],
  X: readonly (readonly number[])[],
  names: readonly string[],
  options: LogisticOptions = {},
): LogisticResult {
  const intercept = options.intercept ?? true;
  const level = options.level ?? 0.95;
  const maxIter = options.maxIter ?? 100;
  const tol = options.tol ?? 1e-10;
  const { data, design, ones } = checkInputs(y01, X, names, intercept, level);
  const { n, k } = data;

  const start = new Array<number>(k).fill(0);
  if (intercept) start[0] = Math.log(ones / (n - ones));
  const fit = newtonIterations(data, start, maxIter, tol);

  let nullDeviance: number | null = null;
  if (intercept) {
    const pbar = ones / n;
    nullDeviance = -2 * (ones * Math.log(pbar) + (n - ones) * Math.log(1 - pbar));
  }
  const covariance = waldCovariance(data, fit);
  return {
    coefficients: coefficientRows(fit.beta, covariance, design.names, level),
    covariance,
    logLik: fit.ll,
    deviance: -2 * fit.ll,
    nullDeviance,
    aic: -2 * fit.ll + 2 * k,
    iterations: fit.iterations,
    converged: fit.converged,
    separation: fit.separation,
    n,
    level,
  };
}

// ---- Step 1: input checks and the design ----

function checkInputs(
  y01: readonly number[],
  X: readonly (readonly number[])[],
  names: readonly string[],
  intercept: boolean,
  level: number,
): { data: LogitData; design: Design; ones: number } {
  assertLevel(level);
  assertFiniteArray(y01, "y01", 1);
  y01.forEach((v, i) => {
    if (v !== 0 && v !== 1)
      throw new RangeError(`y01: element ${i} is ${v}; outcomes must be 0 or 1`);
  });
  const n = y01.length;
  const p = assertMatrix(X, "X", n);
  if (names.length !== p)
    throw new RangeError(`names: has ${names.length} entries but X has ${p} columns`);
  const ones = y01.reduce((s, v) => s + v, 0);
  if (ones === 0 || ones === n)
    throw new RangeError("y01: all outcomes are equal; the model is not estimable");
  const design = buildDesign(X, names, intercept);
  const k = design.names.length;
  if (k === 0) throw new RangeError("X: model has no coefficients");
  if (n <= k) throw new RangeError(`y01: needs more observations (${n}) than coefficients (${k})`);
  assertFullRank(design);
  return { data: { y01, D: design.matrix.to2DArray(), n, k }, design, ones };
}

// ---- Step 2: likelihood, score and information ----

/** Linear predictor Xb. */
function linear(data: LogitData, b: readonly number[]): number[] {
  const { k } = data;
  return data.D.map((row) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += row[j] * b[j];
    return s;
  });
}

function logLikOf(data: LogitData, eta: readonly number[]): number {
  const { y01, n } = data;
  let ll = 0;
  for (let i = 0; i < n; i++) ll += y01[i] * eta[i] - softplus(eta[i]);
  return ll;
}

/** Score Xᵀ(y − μ). */
function score(data: LogitData, eta: readonly number[]): number[] {
  const { y01, D, n, k } = data;
  const g = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const r = y01[i] - sigmoid(eta[i]);
    for (let j = 0; j < k; j++) g[j] += D[i][j] * r;
  }
  return g;
}

/** Fisher information XᵀWX with W = diag(μ(1 − μ)). */
function information(data: LogitData, eta: readonly number[]): Matrix {
  const { D, n, k } = data;
  const H = new Matrix(k, k);
  for (let i = 0; i < n; i++) {
    const mu = sigmoid(eta[i]);
    const w = mu * (1 - mu);
    const row = D[i];
    for (let a = 0; a < k; a++) {
      const wa = w * row[a];
      for (let b = a; b < k; b++) H.set(a, b, H.get(a, b) + wa * row[b]);
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) H.set(a, b, H.get(b, a));
  return H;
}

// ---- Step 3: Newton (IRLS) iterations with step halving ----

/**
 * Newton iterations from `beta` (updated in place) until the relative change
 * is at most `tol`, separation is detected or `maxIter` iterations are done.
 */
function newtonIterations(
  data: LogitData,
  beta: number[],
  maxIter: number,
  tol: number,
): NewtonFit {
  const { k } = data;
  let eta = linear(data, beta);
  let ll = logLikOf(data, eta);
  let converged = false;
  let separation: SeparationStatus = "none";
  let iterations: number;
  let lastStep: number[] | null = null;
  for (iterations = 1; iterations <= maxIter; iterations++) {
    const chol = new CholeskyDecomposition(information(data, eta));
    if (!chol.isPositiveDefinite()) {
      separation = separationAtSingularInformation(data, lastStep);
      break;
    }
    const step = chol.solve(Matrix.columnVector(score(data, eta))).getColumn(0);
    lastStep = step;
    const next = halvedStep(data, beta, step, ll);
    let maxChange = 0;
    for (let j = 0; j < k; j++) {
      const bj = next.beta[j];
      maxChange = Math.max(maxChange, Math.abs(bj - beta[j]) / (1 + Math.abs(bj)));
      beta[j] = bj;
    }
    eta = next.eta;
    ll = next.ll;
    if (maxChange <= tol) {
      converged = true;
      break;
    }
    if (maxAbs(eta) > ETA_EXTREME) {
      separation = separationBy(data, step);
      if (separation !== "none") break;
    }
  }
  iterations = Math.min(iterations, maxIter);
  return { beta, eta, ll, iterations, converged, separation };
}

/**
 * beta + factor·step with the largest factor 1, 1/2, 1/4, … (down to 1e-10)
 * that does not lower the log-likelihood `ll` (up to a 1e-12 relative tolerance).
 */
function halvedStep(
  data: LogitData,
  beta: readonly number[],
  step: readonly number[],
  ll: number,
): { beta: number[]; eta: number[]; ll: number } {
  let factor = 1;
  let trial = beta.map((b, j) => b + step[j]);
  let etaTrial = linear(data, trial);
  let llTrial = logLikOf(data, etaTrial);
  while (llTrial < ll - 1e-12 * Math.abs(ll) && factor > 1e-10) {
    factor /= 2;
    trial = beta.map((b, j) => b + factor * step[j]);
    etaTrial = linear(data, trial);
    llTrial = logLikOf(data, etaTrial);
  }
  return { beta: trial, eta: etaTrial, ll: llTrial };
}

// ---- Step 4: separation ----

/**
 * Classify direction d: "complete" if (2y_i − 1)·x_iᵀd > 0 for all i,
 * "quasi-complete" if ≥ 0 for all i with some ties at 0, else "none"
 * (relative tolerance 1e-6 of the largest |x_iᵀd|).
 */
function separationBy(data: LogitData, d: readonly number[]): SeparationStatus {
  const { y01 } = data;
  const v = linear(data, d).map((s, i) => (2 * y01[i] - 1) * s);
  const scale = maxAbs(v);
  if (!(scale > 0)) return "none";
  const eps = 1e-6 * scale;
  if (v.some((s) => s < -eps)) return "none";
  return v.every((s) => s > eps) ? "complete" : "quasi-complete";
}

/**
 * Information numerically singular on a full-rank design: the weights have
 * vanished, which only happens when the estimates diverge. The last step
 * says how ("quasi-complete" when it cannot tell).
 */
function separationAtSingularInformation(
  data: LogitData,
  lastStep: readonly number[] | null,
): SeparationStatus {
  const status = lastStep === null ? "none" : separationBy(data, lastStep);
  return status === "none" ? "quasi-complete" : status;
}

// ---- Step 5: Wald inference ----

/** Inverse information at the estimate; NaN-filled under separation or when singular. */
function waldCovariance(data: LogitData, fit: NewtonFit): number[][] {
  const { k } = data;
  const nan = (): number[][] => Array.from({ length: k }, () => new Array<number>(k).fill(NaN));
  if (fit.separation !== "none") return nan();
  const chol = new CholeskyDecomposition(information(data, fit.eta));
  return chol.isPositiveDefinite() ? chol.solve(Matrix.eye(k, k)).to2DArray() : nan();
}

function coefficientRows(
  beta: readonly number[],
  covariance: readonly number[][],
  names: readonly string[],
  level: number,
): LogisticCoefficientRow[] {
  const z = normalQuantile(1 - (1 - level) / 2);
  return beta.map((estimate, j): LogisticCoefficientRow => {
    const se = Math.sqrt(covariance[j][j]);
    const zz = estimate / se;
    const ci: [number, number] = [estimate - z * se, estimate + z * se];
    return {
      name: names[j],
      estimate,
      se,
      z: zz,
      p: normalTwoSidedP(zz),
      ci,
      oddsRatio: Math.exp(estimate),
      oddsRatioCi: [Math.exp(ci[0]), Math.exp(ci[1])],
    };
  });
}
