/**
 * Linear mixed model with a random intercept per subject,
 * y = Xβ + b_subject + ε, b ~ N(0, σ_b²), ε ~ N(0, σ²), fitted by REML.
 */
import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { brentMinimize } from "./brentMinimize.js";
import { brentRoot } from "./brentRoot.js";
import { assertFullRank, buildDesign } from "./designMatrix.js";
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

interface GroupSums {
  n: number;
  s: number[];
  sxx: number[][];
  sy: number;
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
  const D = design.matrix.to2DArray();

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

  /** Scaled quantities for ratio θ = σ_b²/σ². */
  const evaluate = (theta: number) => {
    const A = new Matrix(xtx);
    const bvec = [...xty];
    let yWy = yty;
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
    return { A, chol, beta, sigma2, crit };
  };
  const critOf = (tau: number): number => {
    const c = evaluate(tau * tau).crit;
    return Number.isFinite(c) ? c : Infinity;
  };
  /** Analytic derivative of the profiled REML criterion with respect to θ. */
  const slopeOf = (theta: number): number => {
    const { chol, beta, sigma2 } = evaluate(theta);
    const Ainv = chol.solve(Matrix.eye(k, k)).to2DArray();
    let dLogDetV = 0;
    let dLogDetA = 0;
    let dRwr = 0;
    for (const g of groups) {
      const h = 1 / (1 + g.n * theta);
      dLogDetV += g.n * h;
      dLogDetA -= h * h * quadForm(Ainv, g.s);
      let rg = g.sy;
      for (let a = 0; a < k; a++) rg -= g.s[a] * beta[a];
      dRwr -= (rg * h) ** 2;
    }
    return dRwr / sigma2 + dLogDetV + dLogDetA;
  };

  const base = evaluate(0);
  if (!(base.sigma2 > (1e-24 * Math.max(yty, Number.MIN_VALUE)) / n)) {
    throw new RangeError("y: residual variance is zero (perfect fit); the model is not estimable");
  }
  // Grid over τ = σ_b/σ: 0 and e^-8 … e^8; then solve dcrit/dθ = 0 with
  // Brent's root finder inside the best bracket (Brent minimisation of the
  // criterion as a fallback when the derivative does not change sign).
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
  const singular = tau === 0;
  const theta = tau * tau;
  const fit = evaluate(theta);
  const s2 = fit.sigma2;
  const s1 = theta * s2;
  const beta = fit.beta;
  // Cov(β̂) = σ²·A⁻¹ = (XᵀV⁻¹X)⁻¹.
  const M = fit.chol.solve(Matrix.eye(k, k)).mul(s2);
  const Mx = M.to2DArray();

  // ---- Satterthwaite df from the observed REML information of (σ_b², σ²) ----
  const trace = (P: Matrix): number => {
    let t = 0;
    for (let j = 0; j < P.rows; j++) t += P.get(j, j);
    return t;
  };
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

  // Quadratic terms with u = V⁻¹r.
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
  const dot = (a: readonly number[], b: readonly number[]): number =>
    a.reduce((s, ai, i) => s + ai * b[i], 0);
  const q11 = dot(v1, Wv1) - bilinear(Mx, xw1, xw1);
  const q12 = dot(v1, Wv2) - bilinear(Mx, xw1, xw2);
  const q22 = dot(v2, Wv2) - bilinear(Mx, xw2, xw2);
  const H = [
    [-t11 + 2 * q11, -t12 + 2 * q12],
    [-t12 + 2 * q12, -t22 + 2 * q22],
  ];
  let varianceCovariance: number[][];
  if (singular) {
    varianceCovariance = [
      [NaN, NaN],
      [NaN, 2 / H[1][1]],
    ];
  } else {
    const det = H[0][0] * H[1][1] - H[0][1] * H[1][0];
    varianceCovariance = [
      [(2 * H[1][1]) / det, (-2 * H[0][1]) / det],
      [(-2 * H[1][0]) / det, (2 * H[0][0]) / det],
    ];
  }
  const dM1 = MS.mmul(M).to2DArray();
  const dM2 = MQ2.mmul(M).to2DArray();

  const coefficients = beta.map((estimate, j): MixedCoefficientRow => {
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
      name: design.names[j],
      estimate,
      se,
      df,
      t,
      p: studentTTwoSidedP(t, df),
      ci: [estimate - qt * se, estimate + qt * se],
    };
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
    nObs: n,
    nGroups: q,
    level,
  };
}

function bilinear(M: readonly number[][], a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) s += a[i] * M[i][j] * b[j];
  return s;
}

function quadForm(M: readonly number[][], a: readonly number[]): number {
  return bilinear(M, a, a);
}
