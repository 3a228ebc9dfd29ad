/**
 * Populations: individual differences as data (logit-normal traits with a Gaussian-copula
 * correlation matrix, OXTR genotype frequencies, starting milieu, practice history), and
 * deterministic sampling of virtual participants from them.
 */

import { choleskyLowerOrNull } from "../numeric/cholesky.js";
import type { CompiledModel } from "../engine/compileModel.js";
import { hashName, RandomStream } from "../numeric/random.js";
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

/** A population (see `data/populations.yaml`). */
export interface Population {
  id: string;
  label: string;
  traits: Record<string, LogitNormal>;
  correlations: [string, string, number][];
  genotype: { oxtrGG: number };
  /** Oxytocin-system set point (trait oxytocin0), shifted up for GG carriers. */
  oxytocin: LogitNormal & { ggShift: number };
  /** Starting values of slow nodes. */
  initial: Record<string, LogitNormal>;
  /** Prior practice (experienced meditators): hours, and the content practised. */
  practiceHours?: { median: number; sd: number; content: ContentMix };
}

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
    "initial",
    "practiceHours",
  ]);
  const nodes = new Map(model?.nodes.map((n) => [n.id, n]) ?? []);
  const traits = dict<LogitNormal>();
  for (const [k, v] of Object.entries(issues.object(`${path}.traits`, o.traits ?? {}) ?? {})) {
    if (model && nodes.get(k)?.level !== "trait")
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
    return { ...b, ...x, traits: merge("traits"), initial: merge("initial"), extends: undefined };
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
