/**
 * Prior distributions for model parameters: the `Prior` union used by model
 * files, its quantile function (inverse CDF), mean, support and validation.
 */
import { betaQuantile, normalCdf, normalQuantile } from "./distributions.js";

/** Uniform prior on the closed interval [min, max]. */
export interface UniformPrior {
  readonly dist: "uniform";
  readonly min: number;
  readonly max: number;
}

/**
 * Normal prior N(mean, sd²). When `min` and/or `max` are given the prior is the
 * normal truncated to [min, max] (either side may be omitted).
 */
export interface NormalPrior {
  readonly dist: "normal";
  readonly mean: number;
  readonly sd: number;
  readonly min?: number;
  readonly max?: number;
}

/** Log-normal prior: log(x) ~ N(meanlog, sdlog²), support (0, ∞). */
export interface LognormalPrior {
  readonly dist: "lognormal";
  readonly meanlog: number;
  readonly sdlog: number;
}

/**
 * Beta(a, b) prior scaled linearly from [0, 1] to [min, max]
 * (defaults min = 0, max = 1).
 */
export interface BetaPrior {
  readonly dist: "beta";
  readonly a: number;
  readonly b: number;
  readonly min?: number;
  readonly max?: number;
}

/** Degenerate prior: the parameter is held at `value` and never varied. */
export interface FixedPrior {
  readonly dist: "fixed";
  readonly value: number;
}

/** A parameter prior, discriminated on `dist`. */
export type Prior = UniformPrior | NormalPrior | LognormalPrior | BetaPrior | FixedPrior;

/** The distribution names a `Prior` may carry in its `dist` field. */
export const PRIOR_DISTRIBUTIONS: readonly Prior["dist"][] = [
  "uniform",
  "normal",
  "lognormal",
  "beta",
  "fixed",
];

/**
 * Quantile (inverse CDF) of a normal truncated to [min, max], in units where the
 * untruncated normal is standard. An interval lying entirely above the mean is
 * reflected so the CDF differences are taken in the lower tail, where
 * Φ is accurate.
 */
function truncatedStandardNormalQuantile(alpha: number, beta: number, u: number): number {
  if (alpha > 0) return -truncatedStandardNormalQuantile(-beta, -alpha, 1 - u);
  const pa = normalCdf(alpha);
  const pb = normalCdf(beta);
  const z = normalQuantile(pa + u * (pb - pa));
  return z < alpha ? alpha : z > beta ? beta : z;
}

/** Probability mass of [alpha, beta] under the standard normal (stable in the tails). */
function standardNormalMass(alpha: number, beta: number): number {
  if (alpha > 0) return standardNormalMass(-beta, -alpha);
  return normalCdf(beta) - normalCdf(alpha);
}

/** Standard normal density, 0 at ±∞. */
function standardNormalDensity(z: number): number {
  return Number.isFinite(z) ? Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) : 0;
}

/**
 * Inverse CDF of `prior` at probability `u` ∈ [0, 1].
 *
 * Unbounded sides give ±∞ at u = 0 or 1 (normal without bounds; lognormal at
 * u = 1). A fixed prior returns its value for every u. Accuracy: ~1e-15
 * relative for uniform/normal in the bulk, ~1e-8 absolute (on the [0, 1] scale)
 * for beta, limited by jStat's incomplete beta function. The prior is assumed
 * valid (see {@link validatePrior}).
 *
 * @throws RangeError when u is not in [0, 1].
 */
export function priorQuantile(prior: Prior, u: number): number {
  if (!(u >= 0 && u <= 1)) throw new RangeError(`priorQuantile: expected u in [0, 1], got ${u}`);
  switch (prior.dist) {
    case "uniform":
      return u === 1 ? prior.max : prior.min + u * (prior.max - prior.min);
    case "normal": {
      const { mean, sd } = prior;
      if (prior.min === undefined && prior.max === undefined) return mean + sd * normalQuantile(u);
      const lo = prior.min ?? -Infinity;
      const hi = prior.max ?? Infinity;
      if (u === 0) return lo;
      if (u === 1) return hi;
      const z = truncatedStandardNormalQuantile((lo - mean) / sd, (hi - mean) / sd, u);
      const x = mean + sd * z;
      return x < lo ? lo : x > hi ? hi : x;
    }
    case "lognormal":
      return Math.exp(prior.meanlog + prior.sdlog * normalQuantile(u));
    case "beta": {
      const lo = prior.min ?? 0;
      const hi = prior.max ?? 1;
      const q = betaQuantile(u, prior.a, prior.b);
      return q === 1 ? hi : lo + q * (hi - lo);
    }
    case "fixed":
      return prior.value;
  }
}

/** Mean of `prior` (for a truncated normal, the mean of the truncated distribution). */
export function priorMean(prior: Prior): number {
  switch (prior.dist) {
    case "uniform":
      return 0.5 * (prior.min + prior.max);
    case "normal": {
      const { mean, sd } = prior;
      if (prior.min === undefined && prior.max === undefined) return mean;
      const alpha = ((prior.min ?? -Infinity) - mean) / sd;
      const beta = ((prior.max ?? Infinity) - mean) / sd;
      const mass = standardNormalMass(alpha, beta);
      return mean + (sd * (standardNormalDensity(alpha) - standardNormalDensity(beta))) / mass;
    }
    case "lognormal":
      return Math.exp(prior.meanlog + 0.5 * prior.sdlog * prior.sdlog);
    case "beta": {
      const lo = prior.min ?? 0;
      const hi = prior.max ?? 1;
      return lo + ((hi - lo) * prior.a) / (prior.a + prior.b);
    }
    case "fixed":
      return prior.value;
  }
}

/**
 * Support [lower, upper] of `prior`; infinite ends for unbounded sides
 * (a lognormal prior has support [0, ∞), with 0 itself excluded).
 */
export function priorSupport(prior: Prior): readonly [number, number] {
  switch (prior.dist) {
    case "uniform":
      return [prior.min, prior.max];
    case "normal":
      return [prior.min ?? -Infinity, prior.max ?? Infinity];
    case "lognormal":
      return [0, Infinity];
    case "beta":
      return [prior.min ?? 0, prior.max ?? 1];
    case "fixed":
      return [prior.value, prior.value];
  }
}

/** Fields allowed for each distribution, in the order they are reported. */
const ALLOWED_FIELDS: Readonly<Record<Prior["dist"], readonly string[]>> = {
  uniform: ["dist", "min", "max"],
  normal: ["dist", "mean", "sd", "min", "max"],
  lognormal: ["dist", "meanlog", "sdlog"],
  beta: ["dist", "a", "b", "min", "max"],
  fixed: ["dist", "value"],
};

/** Smallest probability mass a truncation interval may hold before it is rejected as degenerate. */
const MIN_TRUNCATION_MASS = 1e-9;

/** Human-readable rendering of an offending value for error messages. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing (field is missing)";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

/**
 * Checks that `prior` is a well-formed {@link Prior} and returns one message per
 * problem (empty when valid). Each message names the offending path and what
 * was expected, e.g. `parameters.f1.prior.sd: expected a positive number, got -1`.
 *
 * Besides types and signs this checks min < max, rejects unknown fields (to
 * catch typos such as `std` for `sd`) and rejects truncation intervals holding
 * less than 1e-9 of the normal's probability.
 *
 * @param prior the value to check (typically parsed from a model file)
 * @param path where the value sits in its document, used as message prefix
 */
export function validatePrior(prior: unknown, path: string): string[] {
  if (typeof prior !== "object" || prior === null || Array.isArray(prior)) {
    return [`${path}: expected a prior object with a "dist" field, got ${describe(prior)}`];
  }
  const record = prior as Record<string, unknown>;
  const dist = record.dist;
  if (typeof dist !== "string" || !(PRIOR_DISTRIBUTIONS as readonly string[]).includes(dist)) {
    const names = PRIOR_DISTRIBUTIONS.map((d) => JSON.stringify(d)).join(", ");
    return [`${path}.dist: expected one of ${names}, got ${describe(dist)}`];
  }
  const kind = dist as Prior["dist"];
  const errors: string[] = [];
  const allowed = ALLOWED_FIELDS[kind];
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key) && record[key] !== undefined) {
      errors.push(
        `${path}.${key}: unexpected field for a ${kind} prior (allowed: ${allowed.join(", ")})`,
      );
    }
  }
  const finite = (key: string, optional = false): boolean => {
    const v = record[key];
    if (optional && v === undefined) return true;
    if (typeof v === "number" && Number.isFinite(v)) return true;
    errors.push(`${path}.${key}: expected a finite number, got ${describe(v)}`);
    return false;
  };
  const positive = (key: string): boolean => {
    const v = record[key];
    if (typeof v === "number" && Number.isFinite(v) && v > 0) return true;
    errors.push(`${path}.${key}: expected a positive number, got ${describe(v)}`);
    return false;
  };
  const ordered = (lo: number, hi: number): void => {
    if (!(lo < hi))
      errors.push(`${path}.max: expected a number greater than min (${lo}), got ${hi}`);
  };

  switch (kind) {
    case "uniform":
      if (finite("min") && finite("max")) ordered(record.min as number, record.max as number);
      break;
    case "normal": {
      const okMean = finite("mean");
      const okSd = positive("sd");
      const okMin = finite("min", true);
      const okMax = finite("max", true);
      if (!okMin || !okMax) break;
      const lo = (record.min as number | undefined) ?? -Infinity;
      const hi = (record.max as number | undefined) ?? Infinity;
      if (record.min !== undefined && record.max !== undefined) ordered(lo, hi);
      if (okMean && okSd && lo < hi) {
        const mean = record.mean as number;
        const sd = record.sd as number;
        const mass = standardNormalMass((lo - mean) / sd, (hi - mean) / sd);
        if (!(mass >= MIN_TRUNCATION_MASS)) {
          errors.push(
            `${path}: expected the truncation interval [${lo}, ${hi}] to hold at least ${MIN_TRUNCATION_MASS} ` +
              `of the probability of normal(mean ${mean}, sd ${sd}), got ${mass}`,
          );
        }
      }
      break;
    }
    case "lognormal":
      finite("meanlog");
      positive("sdlog");
      break;
    case "beta": {
      positive("a");
      positive("b");
      if (finite("min", true) && finite("max", true)) {
        ordered((record.min as number | undefined) ?? 0, (record.max as number | undefined) ?? 1);
      }
      break;
    }
    case "fixed":
      finite("value");
      break;
  }
  return errors;
}
