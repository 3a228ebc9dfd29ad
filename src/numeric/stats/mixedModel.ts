/**
 * Linear mixed model with a random intercept per subject,
 * y = Xβ + b_subject + ε, b ~ N(0, σ_b²), ε ~ N(0, σ²), fitted by REML.
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { brentMinimize } from "./brentMinimize.js";
import { brentRoot } from "./brentRoot.js";
import { assertFullRank, buildDesign, type Design } from "./designMatrix.js";
import { studentTQuantile, studentTTwoSidedP } from "../distributions.js";
import { assertFiniteArray, assertLevel, assertMatrix, assertSameLength } from "./validate.js";

/** Options for {@link mixedModel}. */
export interface MixedModelOptions {
  /** Prepend an intercept column "(Intercept)" (default true). */
  intercept?: boolean;
  /** Confidence level for fixed-effect intervals (default 0.95). */
  level?: number;
}

/** A fixed-effect row with Satterthwaite degrees of freedom. */
export interface MixedCoefficientRow {
  name: string;
  estimate: number;
  se: number;
  /** Satterthwaite denominator degrees of freedom. */
  df: number;
  t: number;
  /** Two-sided p-value from t(df). */
  p: number;
  ci: [number, number];
}

/** Result of {@link mixedModel}. */
export interface MixedModelResult {
  /** Fixed effects with Satterthwaite df (as lmerTest's default). */
  coefficients: MixedCoefficientRow[];
  /** Covariance matrix of the fixed effects. */
  covariance: number[][];
  /** REML variance components. */
  variance: { subject: number; residual: number };
  /** Intraclass correlation σ_b² / (σ_b² + σ²). */
  icc: number;
  /** Relative SD σ_b / σ (lme4's θ). */
  theta: number;
  /** REML criterion −2·logLik_REML (comparable to lme4's `REMLcrit`). */
  remlCriterion: number;
  /** Asymptotic covariance of (σ_b², σ²) from the observed REML information. */
  varianceCovariance: number[][];
  /** True when σ_b² is estimated at the boundary 0. */
  singular: boolean;
  /** Always "satterthwaite". */
  dfMethod: "satterthwaite";
  nObs: number;
  nGroups: number;
  level: number;
}

/** Per-subject sums of the design rows and the response. */
interface GroupSums {
  n: number;
  s: number[];
  sxx: number[][];
  sy: number;
}

/** The checked data: design, grouping and the cross-product sums the fit is built from. */
interface MixedData {
  y: readonly number[];
  /** Design matrix rows (intercept column included when requested). */
  D: number[][];
  /** Coefficient names, one per design column. */
  names: string[];
  /** Group index of every observation. */
  group: number[];
  groups: GroupSums[];
  xtx: number[][];
  xty: number[];
  yty: number;
  n: number;
  k: number;
  q: number;
}

/** The profiled REML criterion at a variance ratio θ and the quantities behind it. */
interface RemlEvaluation {
  /** Cholesky factor of A = XᵀW X with W = σ²·V⁻¹. */
  chol: CholeskyDecomposition;
  beta: number[];
  sigma2: number;
  crit: number;
}

/** Observed REML information terms of (σ_b², σ²) and the products reused for the df. */
interface InformationTerms {
  t11: number;
  t12: number;
  t22: number;
  /** M·S and M·Q2 (see {@link traceTerms}). */
  MS: Matrix;
  MQ2: Matrix;
}

/**
 * Fit a random-intercept linear mixed model by restricted maximum
 * likelihood (REML).
 *
 * Estimation profiles σ² and β out of the REML criterion analytically; the
 * remaining 1-D problem in the variance ratio θ = σ_b²/σ² is solved by a
 * log-spaced grid search over τ = sqrt(θ) that includes τ = 0 (so boundary
 * fits are found) followed by Brent's root finder on the analytic
 * derivative of the criterion (Brent minimisation as a fallback). Fixed-effect df use the Satterthwaite approximation with the
 * observed REML information of (σ_b², σ²) computed analytically (lmerTest
 * uses the same definition with numerical derivatives). When σ_b² = 0 the
 * df reduce to the OLS residual df n − k.
 *
 * @param y - response
 * @param X - fixed-effect predictors as n rows (intercept added by default)
 * @param names - one name per column of `X`
 * @param subject - subject label of every observation
 * @throws RangeError naming the argument for NaN, mismatched sizes, fewer
 *   than 2 subjects, no subject with repeated observations, n ≤ k, a
 *   rank-deficient design or zero residual variance
 */
export function mixedModel(
  y: readonly number[],
  X: readonly (readonly number[])[],
  names: readonly string[],
  subject: readonly (string | number)[],
  options: MixedModelOptions = {},
): MixedModelResult {
  const intercept = options.intercept ?? true;
  const level = options.level ?? 0.95;
  const design = checkInputs(y, X, names, subject, intercept, level);
  const data = groupData(y, design, subject);
  assertResidualVariance(data);

  const tau = optimiseRatio(data);
  const singular = tau === 0;
  const theta = tau * tau;
  const fit = remlAt(data, theta);
  const s2 = fit.sigma2;
  const s1 = theta * s2;
  // Cov(β̂) = σ²·A⁻¹ = (XᵀV⁻¹X)⁻¹.
  const M = fit.chol.solve(Matrix.eye(data.k, data.k)).mul(s2);
  const Mx = M.to2DArray();

  const info = traceTerms(data, theta, s1, s2, M, Mx);
  const quad = quadraticTerms(data, theta, s2, fit.beta, Mx);
  const varianceCovariance = varianceComponentCovariance(info, quad, singular);
  const coefficients = coefficientRows(data, fit.beta, M, Mx, info, varianceCovariance, {
    singular,
    level,
  });

  return {
    coefficients,
    covariance: Mx,
    variance: { subject: s1, residual: s2 },
    icc: s1 / (s1 + s2),
    theta: tau,
    remlCriterion: fit.crit,
    varianceCovariance,
    singular,
    dfMethod: "satterthwaite",
    nObs: data.n,
    nGroups: data.q,
    level,
  };
}

// ---- Step 1: input checks and the fixed-effect design ----

function checkInputs(
  y: readonly number[],
  X: readonly (readonly number[])[],
  names: readonly string[],
  subject: readonly (string | number)[],
  intercept: boolean,
  level: number,
): Design {
  assertLevel(level);
  assertFiniteArray(y, "y", 1);
  const n = y.length;
  const p = assertMatrix(X, "X", n);
  if (names.length !== p)
    throw new RangeError(`names: has ${names.length} entries but X has ${p} columns`);
  assertSameLength(y, "y", subject, "subject");
  const design = buildDesign(X, names, intercept);
  const k = design.names.length;
  if (k === 0) throw new RangeError("X: model has no coefficients");
  if (n <= k) throw new RangeError(`y: needs more observations (${n}) than fixed effects (${k})`);
  assertFullRank(design);
  return design;
}

// ---- Step 2: grouping by subject and the per-subject sums ----

/** Index of every observation's subject (in order of first appearance) and the count. */
function groupIndices(subject: readonly (string | number)[]): { group: number[]; q: number } {
  const groupIndex = new Map<string | number, number>();
  const group = subject.map((s, i) => {
    if (typeof s !== "string" && !(typeof s === "number" && Number.isFinite(s))) {
      throw new RangeError(`subject: element ${i} is not a string or finite number`);
    }
    let g = groupIndex.get(s);
    if (g === undefined) {
      g = groupIndex.size;
      groupIndex.set(s, g);
    }
    return g;
  });
  const q = groupIndex.size;
  if (q < 2) throw new RangeError("subject: needs at least 2 subjects");
  return { group, q };
}

function groupData(
  y: readonly number[],
  design: Design,
  subject: readonly (string | number)[],
): MixedData {
  const D = design.matrix.to2DArray();
  const n = y.length;
  const k = design.names.length;
  const { group, q } = groupIndices(subject);
  const groups: GroupSums[] = Array.from({ length: q }, () => ({
    n: 0,
    s: new Array<number>(k).fill(0),
    sxx: Array.from({ length: k }, () => new Array<number>(k).fill(0)),
    sy: 0,
  }));
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  let yty = 0;
  for (let i = 0; i < n; i++) {
    const gs = groups[group[i]];
    const row = D[i];
    gs.n++;
    gs.sy += y[i];
    yty += y[i] * y[i];
    for (let a = 0; a < k; a++) {
      gs.s[a] += row[a];
      xty[a] += row[a] * y[i];
      for (let b = 0; b < k; b++) {
        gs.sxx[a][b] += row[a] * row[b];
        xtx[a][b] += row[a] * row[b];
      }
    }
  }
  if (groups.every((g) => g.n < 2)) {
    throw new RangeError(
      "subject: every subject has one observation; the random intercept is not identifiable",
    );
  }
  return { y, D, names: design.names, group, groups, xtx, xty, yty, n, k, q };
}

// ---- Step 3: the REML objective, profiled over β and σ² ----

/** Scaled quantities and the profiled REML criterion for ratio θ = σ_b²/σ². */
function remlAt(data: MixedData, theta: number): RemlEvaluation {
  const { groups, k, n } = data;
  const A = new Matrix(data.xtx);
  const bvec = [...data.xty];
  let yWy = data.yty;
  let logDetV = 0;
  for (const g of groups) {
    const c = theta / (1 + g.n * theta);
    logDetV += Math.log1p(g.n * theta);
    if (c === 0) continue;
    for (let a = 0; a < k; a++) {
      bvec[a] -= c * g.s[a] * g.sy;
      for (let b = 0; b < k; b++) A.set(a, b, A.get(a, b) - c * g.s[a] * g.s[b]);
    }
    yWy -= c * g.sy * g.sy;
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) A.set(a, b, A.get(b, a));
  const chol = new CholeskyDecomposition(A);
  const L = chol.lowerTriangularMatrix;
  let logDetA = 0;
  for (let j = 0; j < k; j++) logDetA += 2 * Math.log(L.get(j, j));
  const beta = chol.solve(Matrix.columnVector(bvec)).getColumn(0);
  let rWr = yWy;
  for (let a = 0; a < k; a++) rWr -= beta[a] * bvec[a];
  const sigma2 = rWr / (n - k);
  const crit = (n - k) * (1 + Math.log(2 * Math.PI * sigma2)) + logDetV + logDetA;
  return { chol, beta, sigma2, crit };
}

/** The criterion as a function of τ = sqrt(θ); non-finite values become +∞. */
function remlCriterionAtTau(data: MixedData, tau: number): number {
  const c = remlAt(data, tau * tau).crit;
  return Number.isFinite(c) ? c : Infinity;
}

/** Analytic derivative of the profiled REML criterion with respect to θ. */
function remlSlope(data: MixedData, theta: number): number {
  const { chol, beta, sigma2 } = remlAt(data, theta);
  const { k } = data;
  const Ainv = chol.solve(Matrix.eye(k, k)).to2DArray();
  let dLogDetV = 0;
  let dLogDetA = 0;
  let dRwr = 0;
  for (const g of data.groups) {
    const h = 1 / (1 + g.n * theta);
    dLogDetV += g.n * h;
    dLogDetA -= h * h * quadForm(Ainv, g.s);
    let rg = g.sy;
    for (let a = 0; a < k; a++) rg -= g.s[a] * beta[a];
    dRwr -= (rg * h) ** 2;
  }
  return dRwr / sigma2 + dLogDetV + dLogDetA;
}

function assertResidualVariance(data: MixedData): void {
  const base = remlAt(data, 0);
  if (!(base.sigma2 > (1e-24 * Math.max(data.yty, Number.MIN_VALUE)) / data.n)) {
    throw new RangeError("y: residual variance is zero (perfect fit); the model is not estimable");
  }
}

// ---- Step 4: optimisation of the variance ratio ----

/**
 * The REML estimate of τ = σ_b/σ. Grid over τ: 0 and e^-8 … e^8; then solve
 * dcrit/dθ = 0 with Brent's root finder inside the best bracket (Brent
 * minimisation of the criterion as a fallback when the derivative does not
 * change sign). Returns 0 for a boundary (singular) fit.
 */
function optimiseRatio(data: MixedData): number {
  const critOf = (t: number): number => remlCriterionAtTau(data, t);
  const slopeOf = (theta: number): number => remlSlope(data, theta);
  const grid = [0];
  for (let t = -8; t <= 8 + 1e-9; t += 0.4) grid.push(Math.exp(t));
  const values = grid.map(critOf);
  let best = 0;
  for (let j = 1; j < grid.length; j++) if (values[j] < values[best]) best = j;
  const lo = grid[Math.max(best - 1, 0)];
  const hi = grid[Math.min(best + 1, grid.length - 1)];
  let tau = grid[best];
  const slopeLo = slopeOf(lo * lo);
  const slopeHi = slopeOf(hi * hi);
  if (best === 0 && slopeOf(0) >= 0) {
    tau = 0;
  } else if (slopeLo < 0 && slopeHi > 0) {
    tau = Math.sqrt(brentRoot(slopeOf, lo * lo, hi * hi, 1e-15 * hi * hi));
  } else if (hi > lo) {
    const m = brentMinimize(critOf, lo, hi, 1e-12);
    if (m.fx <= values[best]) tau = m.x;
  }
  if (values[0] <= critOf(tau)) tau = 0;
  return tau;
}

// ---- Step 5: Satterthwaite df from the observed REML information of (σ_b², σ²) ----

/**
 * The trace (expected-information-like) parts t11, t12, t22 of the observed
 * information, with S = Σ_g w_g² s_g s_gᵀ, Q2 = XᵀW²X and Q3 = XᵀW³X
 * accumulated per subject (W = V⁻¹, w_g = 1/(σ² + n_g σ_b²)).
 */
function traceTerms(
  data: MixedData,
  theta: number,
  s1: number,
  s2: number,
  M: Matrix,
  Mx: readonly number[][],
): InformationTerms {
  const { groups, k } = data;
  const S = new Matrix(k, k);
  const Q2 = new Matrix(k, k);
  const Q3 = new Matrix(k, k);
  let trW2 = 0;
  let t11 = 0;
  let t12 = 0;
  const w = groups.map((g) => 1 / (s2 + g.n * s1));
  groups.forEach((g, gi) => {
    const c = theta / (1 + g.n * theta);
    const a2 = c * c * g.n - 2 * c;
    const a3 = a2 - c - a2 * c * g.n;
    const wg = w[gi];
    const sMs = quadForm(Mx, g.s);
    t11 += (g.n * wg) ** 2 - 2 * g.n * wg * wg * wg * sMs;
    t12 += g.n * wg * wg - 2 * wg ** 3 * sMs;
    trW2 += (g.n + a2 * g.n) / (s2 * s2);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        const ss = g.s[a] * g.s[b];
        S.set(a, b, S.get(a, b) + wg * wg * ss);
        Q2.set(a, b, Q2.get(a, b) + (g.sxx[a][b] + a2 * ss) / (s2 * s2));
        Q3.set(a, b, Q3.get(a, b) + (g.sxx[a][b] + a3 * ss) / (s2 * s2 * s2));
      }
    }
  });
  const MS = M.mmul(S);
  const MQ2 = M.mmul(Q2);
  t11 += trace(MS.mmul(MS));
  t12 += trace(MQ2.mmul(MS));
  const t22 = trW2 - 2 * trace(M.mmul(Q3)) + trace(MQ2.mmul(MQ2));
  return { t11, t12, t22, MS, MQ2 };
}

/** Quadratic terms of the observed information, with u = V⁻¹r (r = y − Xβ̂). */
function quadraticTerms(
  data: MixedData,
  theta: number,
  s2: number,
  beta: readonly number[],
  Mx: readonly number[][],
): { q11: number; q12: number; q22: number } {
  const { y, D, group, groups, n, k, q } = data;
  const applyW = (v: readonly number[]): number[] => {
    const sums = new Array<number>(q).fill(0);
    for (let i = 0; i < n; i++) sums[group[i]] += v[i];
    return v.map((vi, i) => {
      const g = groups[group[i]];
      const c = theta / (1 + g.n * theta);
      return (vi - c * sums[group[i]]) / s2;
    });
  };
  const r = y.map((yi, i) => {
    let f = 0;
    for (let a = 0; a < k; a++) f += D[i][a] * beta[a];
    return yi - f;
  });
  const u = applyW(r);
  const uSums = new Array<number>(q).fill(0);
  for (let i = 0; i < n; i++) uSums[group[i]] += u[i];
  const v1 = group.map((g) => uSums[g]);
  const v2 = u;
  const Wv1 = applyW(v1);
  const Wv2 = applyW(v2);
  const xtw = (Wv: readonly number[]): number[] => {
    const out = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) for (let a = 0; a < k; a++) out[a] += D[i][a] * Wv[i];
    return out;
  };
  const xw1 = xtw(Wv1);
  const xw2 = xtw(Wv2);
  return {
    q11: dot(v1, Wv1) - bilinear(Mx, xw1, xw1),
    q12: dot(v1, Wv2) - bilinear(Mx, xw1, xw2),
    q22: dot(v2, Wv2) - bilinear(Mx, xw2, xw2),
  };
}

/**
 * Asymptotic covariance of (σ_b², σ²): 2·H⁻¹ of the observed information H;
 * at the boundary only the σ² entry is defined (the others are NaN).
 */
function varianceComponentCovariance(
  info: InformationTerms,
  quad: { q11: number; q12: number; q22: number },
  singular: boolean,
): number[][] {
  const H = [
    [-info.t11 + 2 * quad.q11, -info.t12 + 2 * quad.q12],
    [-info.t12 + 2 * quad.q12, -info.t22 + 2 * quad.q22],
  ];
  if (singular) {
    return [
      [NaN, NaN],
      [NaN, 2 / H[1][1]],
    ];
  }
  const det = H[0][0] * H[1][1] - H[0][1] * H[1][0];
  return [
    [(2 * H[1][1]) / det, (-2 * H[0][1]) / det],
    [(-2 * H[1][0]) / det, (2 * H[0][0]) / det],
  ];
}

// ---- Step 6: the coefficient table ----

/**
 * One row per fixed effect: Satterthwaite df = 2·C_jj² / (g_jᵀ Σ g_j), with
 * g_j the gradient of C_jj = Var(β̂_j) in (σ_b², σ²) and Σ their covariance.
 */
function coefficientRows(
  data: MixedData,
  beta: readonly number[],
  M: Matrix,
  Mx: readonly number[][],
  info: InformationTerms,
  varianceCovariance: readonly number[][],
  { singular, level }: { singular: boolean; level: number },
): MixedCoefficientRow[] {
  const dM1 = info.MS.mmul(M).to2DArray();
  const dM2 = info.MQ2.mmul(M).to2DArray();
  return beta.map((estimate, j): MixedCoefficientRow => {
    const cjj = Mx[j][j];
    const g1 = dM1[j][j];
    const g2 = dM2[j][j];
    const denom = singular
      ? g2 * g2 * varianceCovariance[1][1]
      : g1 * g1 * varianceCovariance[0][0] +
        2 * g1 * g2 * varianceCovariance[0][1] +
        g2 * g2 * varianceCovariance[1][1];
    const df = (2 * cjj * cjj) / denom;
    const se = Math.sqrt(cjj);
    const t = estimate / se;
    const qt = studentTQuantile(1 - (1 - level) / 2, df);
    return {
      name: data.names[j],
      estimate,
      se,
      df,
      t,
      p: studentTTwoSidedP(t, df),
      ci: [estimate - qt * se, estimate + qt * se],
    };
  });
}

// ---- Small linear-algebra helpers ----

function trace(P: Matrix): number {
  let t = 0;
  for (let j = 0; j < P.rows; j++) t += P.get(j, j);
  return t;
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((s, ai, i) => s + ai * b[i], 0);
}

function bilinear(M: readonly number[][], a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) s += a[i] * M[i][j] * b[j];
  return s;
}

function quadForm(M: readonly number[][], a: readonly number[]): number {
  return bilinear(M, a, a);
}
