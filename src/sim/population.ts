/**
 * Populations: individual differences as data (logit-normal traits with a Gaussian-copula
 * correlation matrix, OXTR genotype frequencies, person attributes age and sex, starting
 * milieu, practice history), and deterministic sampling of virtual participants from them.
 */

import { choleskyLowerOrNull } from "../numeric/cholesky.js";
import type { CompiledModel } from "../engine/compileModel.js";
import { hashName, RandomStream } from "../numeric/random.js";
import { normalCdf } from "../numeric/distributions.js";
import { shippedPath } from "../model/dataResolver.js";
import { readData } from "../model/loadModel.js";
import { dict, has } from "../model/dict.js";
import { documentItems } from "../model/documentList.js";
import { InputError, Issues } from "../model/issues.js";
import type { Model } from "../model/types.js";
import type { ContentMix } from "./protocol.js";
import * as pm from "../numeric/portableMath.js";

/** A logit-normal distribution on [0, 1]: median and SD on the logit scale. */
export interface LogitNormal {
  median: number;
  sd: number;
}

/**
 * Age in years: a normal distribution with `mean` and `sd`, truncated to [`min`, `max`]
 * (defaults: the model's range of the `age` trait, [18, 100] in mascaro2015).
 */
export interface AgeDistribution {
  mean: number;
  sd: number;
  min: number;
  max: number;
}

/** A population (see `data/populations.yaml`). */
export interface Population {
  id: string;
  label: string;
  traits: Record<string, LogitNormal>;
  correlations: [string, string, number][];
  genotype: { oxtrGG: number };
  /** Oxytocin-system set point (trait oxytocin0), shifted up for GG carriers. */
  oxytocin: LogitNormal & { ggShift: number };
  /** Age of each person (trait `age`); absent: everyone has the model's default (40). */
  age?: AgeDistribution;
  /**
   * Proportion of women: each person's trait `female` is 1 with this probability, else 0.
   * Absent: everyone has the model's default 0.5 ("an unspecified mix").
   */
  female?: number;
  /** Starting values of slow nodes. */
  initial: Record<string, LogitNormal>;
  /** Prior practice (experienced meditators): hours, and the content practised. */
  practiceHours?: { median: number; sd: number; content: ContentMix };
}

/** Traits that are person attributes with their own population fields, not logit-normal traits. */
export const PERSON_ATTRIBUTES = ["age", "female"] as const;

/** Least share of the normal's mass the truncation interval of `age` must hold (so sampling is fast). */
export const AGE_MIN_MASS = 0.01;

const logit = (p: number): number => pm.log(p / (1 - p));
const sigmoid = (x: number): number => 1 / (1 + pm.exp(-x));

function readLN(issues: Issues, path: string, v: unknown): LogitNormal | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  issues.unknownKeys(path, o, ["median", "sd"]);
  const median = issues.number(`${path}.median`, o.median, { min: 1e-6, max: 1 - 1e-6 });
  const sd = issues.number(`${path}.sd`, o.sd, { min: 0 });
  return median !== undefined && sd !== undefined ? { median, sd } : undefined;
}

function readAge(
  issues: Issues,
  path: string,
  v: unknown,
  model?: Model,
): AgeDistribution | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  issues.unknownKeys(path, o, ["mean", "sd", "min", "max"]);
  const node = model?.nodes.find((n) => n.id === "age");
  const [lo, hi] = node?.range ?? [0, 150];
  const min = issues.number(`${path}.min`, o.min ?? lo, { min: lo, max: hi });
  const max = issues.number(`${path}.max`, o.max ?? hi, { min: lo, max: hi });
  const mean = issues.number(`${path}.mean`, o.mean, { min: lo, max: hi });
  const sd = issues.number(`${path}.sd`, o.sd, { min: 0 });
  if (min === undefined || max === undefined || mean === undefined || sd === undefined)
    return undefined;
  if (!(min < max)) {
    issues.add(path, `expected min < max, got min ${min} and max ${max}`);
    return undefined;
  }
  if (mean < min || mean > max) {
    issues.add(`${path}.mean`, `expected a mean within [min, max] = [${min}, ${max}], got ${mean}`);
    return undefined;
  }
  const mass = sd > 0 ? normalCdf((max - mean) / sd) - normalCdf((min - mean) / sd) : 1;
  if (mass < AGE_MIN_MASS) {
    issues.add(
      path,
      `expected [min, max] to hold at least ${AGE_MIN_MASS * 100}% of normal(mean ${mean}, sd ${sd}), it holds ${(mass * 100).toPrecision(2)}% (lower sd or widen [min, max])`,
    );
    return undefined;
  }
  return { mean, sd, min, max };
}

/** Reads the person attributes `age` and `female` of a population (both optional). */
function readPersonAttributes(
  issues: Issues,
  path: string,
  o: Record<string, unknown>,
  model?: Model,
): Pick<Population, "age" | "female"> {
  const age = o.age === undefined ? undefined : readAge(issues, `${path}.age`, o.age, model);
  const female =
    o.female === undefined
      ? undefined
      : issues.number(`${path}.female`, o.female, { min: 0, max: 1 });
  return { ...(age ? { age } : {}), ...(female !== undefined ? { female } : {}) };
}

/** Whether the trait correlations can be sampled (their matrix has a Cholesky factor). */
function correlationsArePositiveDefinite(
  names: string[],
  correlations: [string, string, number][],
): boolean {
  const corr: number[][] = names.map((_, i) => names.map((_, j) => (i === j ? 1 : 0)));
  for (const [a, b, r] of correlations) {
    const i = names.indexOf(a);
    const j = names.indexOf(b);
    if (i < 0 || j < 0) continue;
    corr[i][j] = r;
    corr[j][i] = r;
  }
  return choleskyLowerOrNull(corr, 0) !== null;
}

/** Validates one population object (after `extends` is resolved) against a model. */
export function readPopulation(
  issues: Issues,
  path: string,
  o: Record<string, unknown>,
  model?: Model,
): Population | undefined {
  issues.unknownKeys(path, o, [
    "id",
    "label",
    "extends",
    "traits",
    "correlations",
    "genotype",
    "oxytocin",
    "age",
    "female",
    "initial",
    "practiceHours",
  ]);
  const nodes = new Map(model?.nodes.map((n) => [n.id, n]) ?? []);
  const traits = dict<LogitNormal>();
  for (const [k, v] of Object.entries(issues.object(`${path}.traits`, o.traits ?? {}) ?? {})) {
    if ((PERSON_ATTRIBUTES as readonly string[]).includes(k))
      issues.add(
        `${path}.traits.${k}`,
        `${k} is a person attribute, not a logit-normal trait: give it as the population's \`${k}\` field`,
      );
    else if (model && nodes.get(k)?.level !== "trait")
      issues.add(
        `${path}.traits.${k}`,
        `expected a trait node of the model, got ${JSON.stringify(k)}`,
      );
    const ln = readLN(issues, `${path}.traits.${k}`, v);
    if (ln) traits[k] = ln;
  }
  const initial = dict<LogitNormal>();
  for (const [k, v] of Object.entries(issues.object(`${path}.initial`, o.initial ?? {}) ?? {})) {
    if (model && nodes.get(k)?.level !== "slow")
      issues.add(
        `${path}.initial.${k}`,
        `expected a slow node of the model, got ${JSON.stringify(k)}`,
      );
    const ln = readLN(issues, `${path}.initial.${k}`, v);
    if (ln) initial[k] = ln;
  }
  const correlations: [string, string, number][] = [];
  (issues.array(`${path}.correlations`, o.correlations ?? []) ?? []).forEach((c, i) => {
    const p = `${path}.correlations[${i}]`;
    if (!Array.isArray(c) || c.length !== 3)
      return issues.add(p, `expected [traitA, traitB, r], got ${JSON.stringify(c)}`);
    const [a, b, r] = c;
    if (typeof a !== "string" || !has(traits, a))
      issues.add(`${p}[0]`, `expected a trait listed under traits, got ${JSON.stringify(a)}`);
    if (typeof b !== "string" || !has(traits, b))
      issues.add(`${p}[1]`, `expected a trait listed under traits, got ${JSON.stringify(b)}`);
    const rr = issues.number(`${p}[2]`, r, { min: -0.99, max: 0.99 });
    if (typeof a === "string" && typeof b === "string" && rr !== undefined)
      correlations.push([a, b, rr]);
  });
  if (
    correlations.length > 0 &&
    !correlationsArePositiveDefinite(Object.keys(traits), correlations)
  )
    issues.add(
      `${path}.correlations`,
      "expected correlations that form a positive-definite matrix (some are inconsistent with each other)",
    );
  const g = issues.object(`${path}.genotype`, o.genotype ?? { oxtrGG: 0.45 });
  const oxtrGG = issues.number(`${path}.genotype.oxtrGG`, g?.oxtrGG, { min: 0, max: 1 });
  const ox = issues.object(
    `${path}.oxytocin`,
    o.oxytocin ?? { median: 0.5, sd: 0.4, ggShift: 0.1 },
  );
  const oxLN = ox
    ? readLN(issues, `${path}.oxytocin`, { median: ox.median, sd: ox.sd })
    : undefined;
  const ggShift = issues.number(`${path}.oxytocin.ggShift`, ox?.ggShift ?? 0, { min: -1, max: 1 });
  let practiceHours: Population["practiceHours"];
  if (o.practiceHours !== undefined) {
    const ph = issues.object(`${path}.practiceHours`, o.practiceHours);
    if (ph) {
      const median = issues.number(`${path}.practiceHours.median`, ph.median, { min: 0 });
      const sd = issues.number(`${path}.practiceHours.sd`, ph.sd, { min: 0 });
      const content = issues.numberMap(`${path}.practiceHours.content`, ph.content);
      if (content && model)
        for (const k of Object.keys(content))
          if (!has(model.content, k))
            issues.add(`${path}.practiceHours.content.${k}`, "unknown content primitive");
      if (median !== undefined && sd !== undefined && content)
        practiceHours = { median, sd, content };
    }
  }
  const person = readPersonAttributes(issues, path, o, model);
  const id = issues.string(`${path}.id`, o.id);
  const label = issues.string(`${path}.label`, o.label);
  if (!id || !label || oxtrGG === undefined || !oxLN || ggShift === undefined) return undefined;
  return {
    id,
    label,
    traits,
    correlations,
    genotype: { oxtrGG },
    oxytocin: { ...oxLN, ggShift },
    ...person,
    initial,
    practiceHours,
  };
}

/** Package-relative name of the shipped populations file. */
export const POPULATIONS_DATA = "data/populations.yaml";

/** Reads and validates a populations file (`populations: [...]`, with `extends`). */
export function loadPopulations(
  path: string = shippedPath(POPULATIONS_DATA),
  model?: Model,
): Population[] {
  const shipped = path === shippedPath(POPULATIONS_DATA) ? undefined : loadPopulationsRaw();
  return readPopulationFile(
    readData(path, "population file"),
    `population file ${path}`,
    model,
    shipped,
  );
}

/**
 * Validates the parsed content of a populations file (`populations: [...]` or one population),
 * resolving `extends` against the file's own populations, then `shipped`.
 * @param what names the file in the error, e.g. `population file my.yaml`
 * @throws ValidationError listing every problem with its path
 */
export function readPopulationFile(
  raw: unknown,
  what: string,
  model?: Model,
  shipped?: Map<string, Record<string, unknown>>,
): Population[] {
  const issues = new Issues();
  const items = documentItems(issues, raw, "populations", "population", "id and label").map(
    ({ path, value }) => ({ path, o: issues.object(path, value) }),
  );
  const byId = new Map<string, Record<string, unknown>>();
  items.forEach(({ path, o }) => {
    if (!o || typeof o.id !== "string") return;
    if (byId.has(o.id)) issues.add(`${path}.id`, `duplicate population id ${JSON.stringify(o.id)}`);
    else byId.set(o.id, o);
  });
  const resolve = (
    x: Record<string, unknown>,
    path: string,
    trail: string[] = [],
  ): Record<string, unknown> => {
    if (x.extends === undefined) return x;
    if (typeof x.extends !== "string") {
      issues.add(`${path}.extends`, `expected a population id, got ${JSON.stringify(x.extends)}`);
      return x;
    }
    const chain = [...trail, String(x.id)];
    if (chain.includes(x.extends)) {
      issues.add(`${path}.extends`, `circular extends: ${[...chain, x.extends].join(" -> ")}`);
      return x;
    }
    const base = byId.get(x.extends) ?? shipped?.get(x.extends);
    if (!base) {
      issues.add(`${path}.extends`, `unknown population ${JSON.stringify(x.extends)}`);
      return x;
    }
    const b = resolve(base, path, chain);
    // Records merge key by key; anything else (reported when read) is taken as given.
    const isRecord = (v: unknown): v is object =>
      v !== null && typeof v === "object" && !Array.isArray(v);
    const merge = (k: string): unknown =>
      x[k] === undefined || (isRecord(b[k]) && isRecord(x[k]))
        ? { ...(isRecord(b[k]) ? b[k] : {}), ...(isRecord(x[k]) ? x[k] : {}) }
        : x[k];
    return {
      ...b,
      ...x,
      traits: merge("traits"),
      initial: merge("initial"),
      ...(b.age !== undefined || x.age !== undefined ? { age: merge("age") } : {}),
      extends: undefined,
    };
  };
  const out = items.map(({ path, o }) =>
    o ? readPopulation(issues, path, resolve(o, path), model) : undefined,
  );
  issues.throwIfAny(what);
  return out as Population[];
}

function loadPopulationsRaw(): Map<string, Record<string, unknown>> {
  const raw = readData(shippedPath(POPULATIONS_DATA), "population file") as {
    populations: Record<string, unknown>[];
  };
  return new Map(raw.populations.map((p) => [p.id as string, p]));
}

/** Finds a shipped population by id, or loads a population file. */
export function resolvePopulation(idOrPath: string, model?: Model): Population {
  if (/\.(ya?ml|json)$/i.test(idOrPath)) {
    const ps = loadPopulations(idOrPath, model);
    if (ps.length !== 1)
      throw new InputError(
        `population file ${idOrPath} holds ${ps.length} populations; expected exactly one`,
      );
    return ps[0];
  }
  const all = loadPopulations(shippedPath(POPULATIONS_DATA), model);
  const p = all.find((x) => x.id === idOrPath);
  if (!p)
    throw new InputError(
      `unknown population ${JSON.stringify(idOrPath)} (shipped: ${all.map((x) => x.id).join(", ")}; or give a .yaml file)`,
    );
  return p;
}

/** Sampled participants, participant-major arrays matching a compiled model's layout. */
export interface Sample {
  /** Participant ids (global, used as random-stream keys). */
  ids: Uint32Array;
  traits: Float64Array;
  slow: Float64Array;
  /** Prior practice hours (0 for non-meditators). */
  priorHours: Float64Array;
}

/** Stream id of trait sampling. */
const TRAIT_STREAM = hashName("population/traits");
/** Stream ids of the person attributes: their own streams, so the other traits' draws stay as they were. */
const AGE_STREAM = hashName("population/age");
const FEMALE_STREAM = hashName("population/female");
/** Rejection tries for a truncated-normal age (the interval holds >= 1%: 0.99^10000 ≈ 1e-44 to fail). */
const AGE_MAX_TRIES = 10_000;

/**
 * Samples the person attributes of participant `id` into its trait row `row`: age from a
 * normal truncated to [min, max] by rejection (portable normals, so every engine gives the
 * same bits), female as a Bernoulli draw. Each has its own stream keyed by (seed, id);
 * both are independent of the other traits. Attributes the population does not give, or
 * the model does not declare, keep their default.
 */
function samplePersonAttributes(
  cm: CompiledModel,
  pop: Population,
  seed: number,
  id: number,
  row: Float64Array,
): void {
  const tAge = cm.index.trait.get("age");
  if (pop.age && tAge !== undefined) {
    const { mean, sd, min, max } = pop.age;
    const rng = new RandomStream(seed, id, AGE_STREAM);
    let x = Math.min(max, Math.max(min, mean));
    for (let i = 0; i < AGE_MAX_TRIES && sd > 0; i++) {
      const y = mean + sd * rng.normal();
      if (y >= min && y <= max) {
        x = y;
        break;
      }
    }
    row[tAge] = x;
  }
  const tFemale = cm.index.trait.get("female");
  if (pop.female !== undefined && tFemale !== undefined)
    row[tFemale] = new RandomStream(seed, id, FEMALE_STREAM).uniform() < pop.female ? 1 : 0;
}

/**
 * Samples participants `ids` from a population. Each participant's values depend only on
 * (seed, id): the same whatever the batch, order or thread.
 */
export function samplePopulation(
  cm: CompiledModel,
  pop: Population,
  seed: number,
  ids: Uint32Array,
): Sample {
  const NT = cm.traits.length;
  const NS = cm.slow.length;
  const names = Object.keys(pop.traits);
  const k = names.length;
  const corr: number[][] = names.map((_, i) => names.map((_, j) => (i === j ? 1 : 0)));
  for (const [a, b, r] of pop.correlations) {
    const i = names.indexOf(a);
    const j = names.indexOf(b);
    corr[i][j] = r;
    corr[j][i] = r;
  }
  const L = choleskyLowerOrNull(corr, 0);
  if (L === null)
    throw new InputError(
      `population ${pop.id}: the declared trait correlations do not form a positive-definite matrix`,
    );
  const traits = new Float64Array(ids.length * NT);
  const slow = new Float64Array(ids.length * NS);
  const priorHours = new Float64Array(ids.length);
  const z = new Float64Array(k);
  const initNames = Object.keys(pop.initial);
  for (let p = 0; p < ids.length; p++) {
    const rng = new RandomStream(seed, ids[p], TRAIT_STREAM);
    for (let i = 0; i < k; i++) z[i] = rng.normal();
    const tb = p * NT;
    cm.traits.forEach((n, t) => (traits[tb + t] = n.default ?? 0.5));
    for (let i = 0; i < k; i++) {
      let zi = 0;
      for (let j = 0; j <= i; j++) zi += L[i * k + j] * z[j];
      const t = cm.index.trait.get(names[i]);
      if (t !== undefined)
        traits[tb + t] = sigmoid(logit(pop.traits[names[i]].median) + pop.traits[names[i]].sd * zi);
    }
    const gg = rng.uniform() < pop.genotype.oxtrGG ? 1 : 0;
    const tGG = cm.index.trait.get("oxtrGG");
    if (tGG !== undefined) traits[tb + tGG] = gg;
    const tOT = cm.index.trait.get("oxytocin0");
    if (tOT !== undefined)
      traits[tb + tOT] = sigmoid(
        logit(pop.oxytocin.median) +
          pop.oxytocin.sd * rng.normal() +
          logit(0.5 + pop.oxytocin.ggShift) * gg,
      );
    samplePersonAttributes(cm, pop, seed, ids[p], traits.subarray(tb, tb + NT));
    const sb = p * NS;
    cm.slow.forEach((n, s) => (slow[sb + s] = n.default ?? 0.5));
    for (const name of initNames) {
      const s = cm.index.slow.get(name);
      if (s !== undefined)
        slow[sb + s] = sigmoid(
          logit(pop.initial[name].median) + pop.initial[name].sd * rng.normal(),
        );
    }
    // Skills start at their baseline trait; the oxytocin tone at its set point.
    for (const skill of cm.skills) {
      const d = skill.dynamics;
      const base = d && d.form === "train" ? cm.index.trait.get(d.baseline) : undefined;
      if (base !== undefined) slow[sb + cm.index.slow.get(skill.id)!] = traits[tb + base];
    }
    const sOT = cm.index.slow.get("oxytocin");
    if (sOT !== undefined && tOT !== undefined) slow[sb + sOT] = traits[tb + tOT];
    const sV = cm.index.slow.get("vagal");
    const tV = cm.index.trait.get("vagal0");
    if (sV !== undefined && tV !== undefined) slow[sb + sV] = traits[tb + tV];
    const sP = cm.index.slow.get("power");
    const tP = cm.index.trait.get("power0");
    if (sP !== undefined && tP !== undefined) slow[sb + sP] = traits[tb + tP];
    if (pop.practiceHours) {
      const hours = pop.practiceHours.median * pm.exp(pop.practiceHours.sd * rng.normal());
      priorHours[p] = hours;
    }
  }
  return { ids, traits, slow, priorHours };
}
