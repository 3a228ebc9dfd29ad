/**
 * Study files (YAML or JSON): population, arms, randomisation, waves, the battery per wave,
 * dropout, events and the planned analyses. Validated on load; errors name the field.
 */

import { dataResolver } from "../model/dataResolver.js";
import { readData } from "../model/loadModel.js";
import { Issues } from "../model/issues.js";
import { checkParameterValues } from "../model/parameterValues.js";
import type { Model } from "../model/types.js";
import { validateAnalyses, type AnalysisSpec } from "./analyses.js";

/** One arm of a study. */
export interface StudyArm {
  id: string;
  /** Protocol id or file. */
  protocol: string;
  n: number;
  /** Population id or file for this arm (default: the study's). */
  population?: string;
}

/** A life event or challenge during the study (days; arms it applies to). */
export interface StudyEvent {
  event: string;
  from: number;
  to: number;
  value: number;
  arms?: string[];
}

/** A study file. */
export interface StudySpec {
  id: string;
  title: string;
  citation?: string;
  /** Findings this study mirrors (ids from the literature digest). */
  findings?: string[];
  model?: string;
  variant?: string;
  set?: Record<string, number>;
  population: string;
  seed: number;
  arms: StudyArm[];
  randomisation: {
    method: "simple" | "blocked" | "stratified";
    blockSize: number;
    strata: string[];
  };
  waves: { id: string; day: number }[];
  /** Paradigm ids per wave id and arm id (`*`: every arm). */
  battery: Record<string, Record<string, string[]>>;
  dropout?: { perWeek: number; dependsOn?: string; slope?: number };
  events: StudyEvent[];
  /** Extra paradigm files (paths relative to the study file). */
  paradigms: string[];
  /** The planned analyses, validated when the study is read. */
  analyses: AnalysisSpec[];
  /** Correction of p-values across the planned analyses. */
  adjust: "holm" | "none";
  /** Folder of the study file (for relative paths). */
  baseDir: string;
}

/** A file reference (ending in .yaml, .yml or .json) resolved against the study's folder. */
function asPath(ref: string, baseDir: string): string {
  return /\.(ya?ml|json)$/i.test(ref) ? dataResolver().resolve(baseDir, ref) : ref;
}

/** The top-level fields of a study file. */
const STUDY_FIELDS = [
  "id",
  "title",
  "citation",
  "findings",
  "model",
  "variant",
  "set",
  "population",
  "seed",
  "arms",
  "randomisation",
  "waves",
  "battery",
  "dropout",
  "events",
  "paradigms",
  "analyses",
  "adjust",
] as const;

/** Reports the second and later uses of an id, naming the first (`what`: "arm", "wave"). */
function checkDistinctIds(issues: Issues, list: string, ids: string[], what: string): void {
  const first = new Map<string, number>();
  ids.forEach((id, i) => {
    if (id === "") return;
    const j = first.get(id);
    if (j === undefined) first.set(id, i);
    else
      issues.add(
        `${list}[${i}].id`,
        `duplicate ${what} id ${JSON.stringify(id)} (also ${list}[${j}].id); expected distinct ${what} ids`,
      );
  });
}

function readArms(issues: Issues, raw: unknown, baseDir: string): StudyArm[] {
  const arms: StudyArm[] = [];
  (issues.array("arms", raw) ?? []).forEach((a, i) => {
    const p = `arms[${i}]`;
    const ao = issues.object(p, a);
    if (!ao) return;
    issues.unknownKeys(p, ao, ["id", "protocol", "n", "population"]);
    arms.push({
      id: issues.string(`${p}.id`, ao.id) ?? "",
      protocol: asPath(issues.string(`${p}.protocol`, ao.protocol) ?? "", baseDir),
      n: issues.number(`${p}.n`, ao.n, { integer: true, min: 1, max: 1_000_000 }) ?? 1,
      population:
        ao.population === undefined
          ? undefined
          : asPath(issues.string(`${p}.population`, ao.population) ?? "", baseDir),
    });
  });
  if (arms.length === 0 && Array.isArray(raw)) issues.add("arms", "expected at least one arm");
  checkDistinctIds(
    issues,
    "arms",
    arms.map((a) => a.id),
    "arm",
  );
  return arms;
}

function readWaves(issues: Issues, raw: unknown): StudySpec["waves"] {
  const waves: StudySpec["waves"] = [];
  (issues.array("waves", raw) ?? []).forEach((w, i) => {
    const wo = issues.object(`waves[${i}]`, w);
    if (!wo) return;
    issues.unknownKeys(`waves[${i}]`, wo, ["id", "day"]);
    waves.push({
      id: issues.string(`waves[${i}].id`, wo.id) ?? "",
      day: issues.number(`waves[${i}].day`, wo.day, { integer: true, min: 0, max: 36_500 }) ?? 0,
    });
  });
  if (waves.length === 0 && Array.isArray(raw)) issues.add("waves", "expected at least one wave");
  for (let i = 1; i < waves.length; i++)
    if (waves[i].day < waves[i - 1].day)
      issues.add(
        `waves[${i}].day`,
        `expected waves in time order (day >= ${waves[i - 1].day}), got ${waves[i].day}`,
      );
  checkDistinctIds(
    issues,
    "waves",
    waves.map((w) => w.id),
    "wave",
  );
  return waves;
}

/** The battery: a list (every wave, every arm), or wave -> list, or wave -> { arm | "*": list }. */
function readBattery(
  issues: Issues,
  raw: unknown,
  waveIds: Set<string>,
  armIds: Set<string>,
): StudySpec["battery"] {
  const battery: Record<string, Record<string, string[]>> = {};
  if (Array.isArray(raw)) {
    const all = issues.stringList("battery", raw) ?? [];
    for (const w of waveIds) battery[w] = { "*": all };
    return battery;
  }
  for (const [k, v] of Object.entries(issues.object("battery", raw) ?? {})) {
    if (!waveIds.has(k))
      issues.add(`battery.${k}`, `expected a wave id (${[...waveIds].join(", ")})`);
    if (Array.isArray(v)) battery[k] = { "*": issues.stringList(`battery.${k}`, v) ?? [] };
    else {
      battery[k] = {};
      for (const [a, list] of Object.entries(issues.object(`battery.${k}`, v) ?? {})) {
        if (a !== "*" && !armIds.has(a))
          issues.add(`battery.${k}.${a}`, `expected an arm id or "*" (${[...armIds].join(", ")})`);
        battery[k][a] = issues.stringList(`battery.${k}.${a}`, list) ?? [];
      }
    }
  }
  return battery;
}

function readRandomisation(
  issues: Issues,
  raw: unknown,
  nArms: number,
): StudySpec["randomisation"] {
  const r = raw === undefined ? {} : (issues.object("randomisation", raw) ?? {});
  issues.unknownKeys("randomisation", r, ["method", "blockSize", "strata"]);
  const randomisation = {
    method:
      issues.oneOf("randomisation.method", r.method ?? "blocked", [
        "simple",
        "blocked",
        "stratified",
      ] as const) ?? "blocked",
    blockSize:
      issues.number("randomisation.blockSize", r.blockSize ?? 2 * Math.max(1, nArms), {
        integer: true,
        min: 1,
        max: 1000,
      }) ?? 2,
    strata: issues.stringList("randomisation.strata", r.strata ?? [], true) ?? [],
  };
  if (randomisation.method === "stratified" && randomisation.strata.length === 0)
    issues.add(
      "randomisation.strata",
      "stratified randomisation needs at least one trait to stratify on",
    );
  return randomisation;
}

function readDropout(issues: Issues, raw: unknown): StudySpec["dropout"] {
  if (raw === undefined) return undefined;
  const d = issues.object("dropout", raw);
  if (!d) return undefined;
  issues.unknownKeys("dropout", d, ["perWeek", "dependsOn", "slope"]);
  return {
    perWeek: issues.number("dropout.perWeek", d.perWeek, { min: 0, max: 1 }) ?? 0,
    dependsOn: issues.string("dropout.dependsOn", d.dependsOn, true),
    slope: issues.number("dropout.slope", d.slope, { optional: true }),
  };
}

function readEvents(issues: Issues, raw: unknown, armIds: Set<string>): StudyEvent[] {
  const events: StudyEvent[] = [];
  (raw === undefined ? [] : (issues.array("events", raw) ?? [])).forEach((e, i) => {
    const p = `events[${i}]`;
    const eo = issues.object(p, e);
    if (!eo) return;
    issues.unknownKeys(p, eo, ["event", "from", "to", "value", "arms"]);
    const from = issues.number(`${p}.from`, eo.from, { integer: true, min: 0 }) ?? 0;
    const ev: StudyEvent = {
      event: issues.string(`${p}.event`, eo.event) ?? "",
      from,
      to: issues.number(`${p}.to`, eo.to ?? from, { integer: true, min: from }) ?? from,
      value: issues.number(`${p}.value`, eo.value ?? 1) ?? 1,
      arms: issues.stringList(`${p}.arms`, eo.arms, true),
    };
    for (const a of ev.arms ?? [])
      if (!armIds.has(a)) issues.add(`${p}.arms`, `unknown arm ${JSON.stringify(a)}`);
    events.push(ev);
  });
  return events;
}

/**
 * The planned analyses, checked against the study's arms and waves (measure names and
 * participant fields depend on the paradigms and the model, and are checked by `runTrial`).
 */
function readAnalyses(
  issues: Issues,
  raw: unknown,
  armIds: Set<string>,
  waveIds: Set<string>,
): AnalysisSpec[] {
  const list = raw ?? [];
  const errors = validateAnalyses(list, "analyses", { arms: [...armIds], waves: [...waveIds] });
  for (const e of errors) {
    const k = e.indexOf(": ");
    issues.add(e.slice(0, k), e.slice(k + 2));
  }
  return errors.length === 0 ? (list as AnalysisSpec[]) : [];
}

/** Validates a parsed study object, reporting every problem found in one error. */
export function readStudy(raw: unknown, what: string, baseDir = "."): StudySpec {
  const issues = new Issues();
  const o = issues.object("(study)", raw) ?? {};
  issues.unknownKeys("(study)", o, STUDY_FIELDS);
  const arms = readArms(issues, o.arms, baseDir);
  const armIds = new Set(arms.map((a) => a.id));
  const waves = readWaves(issues, o.waves);
  const waveIds = new Set(waves.map((w) => w.id));
  const model = issues.string("model", o.model, true);
  const spec: StudySpec = {
    id: issues.string("id", o.id) ?? "",
    title: issues.string("title", o.title) ?? "",
    citation: issues.string("citation", o.citation, true),
    findings: issues.stringList("findings", o.findings, true),
    model: model && model !== "mascaro2015" ? dataResolver().resolve(baseDir, model) : model,
    variant: issues.string("variant", o.variant, true),
    set: issues.numberMap("set", o.set, true),
    population: asPath(
      issues.string("population", o.population ?? "healthy-adults") ?? "healthy-adults",
      baseDir,
    ),
    seed: issues.number("seed", o.seed ?? 1, { integer: true, min: 0 }) ?? 1,
    arms,
    randomisation: readRandomisation(issues, o.randomisation, arms.length),
    waves,
    battery: readBattery(issues, o.battery, waveIds, armIds),
    dropout: readDropout(issues, o.dropout),
    events: readEvents(issues, o.events, armIds),
    paradigms: (issues.stringList("paradigms", o.paradigms, true) ?? []).map((p) =>
      dataResolver().resolve(baseDir, p),
    ),
    analyses: readAnalyses(issues, o.analyses, armIds, waveIds),
    adjust: issues.oneOf("adjust", o.adjust ?? "holm", ["holm", "none"] as const) ?? "holm",
    baseDir,
  };
  issues.throwIfAny(what);
  return spec;
}

/**
 * Checks the study's `set:` against the model's parameters (before the model is compiled
 * with them): an unknown key, or a value outside its parameter's prior support (the check
 * `--set` gets, see `checkParameterValues`), is an input error naming `set.<key>`.
 *
 * @throws ValidationError naming every unknown key and the expected parameter ids; then
 *   InputError naming every value outside its prior's support
 */
export function checkStudySet(spec: StudySpec, model: Model): void {
  const issues = new Issues();
  const ids = Object.keys(model.parameters);
  for (const key of Object.keys(spec.set ?? {}))
    if (!Object.prototype.hasOwnProperty.call(model.parameters, key))
      issues.add(
        `set.${key}`,
        `unknown parameter ${JSON.stringify(key)}: expected a model parameter id (${ids.length} in the model${nearest(key, ids)})`,
      );
  issues.throwIfAny(`study ${spec.id}`);
  // the check `--set` gets: each value within its parameter's prior support
  checkParameterValues(model, spec.set ?? {}, "set");
}

/** ", e.g. …": up to 10 ids that share the key's first letter ("" when none does). */
function nearest(key: string, ids: string[]): string {
  const c = key.slice(0, 1).toLowerCase();
  const like = ids.filter((id) => id.slice(0, 1).toLowerCase() === c).slice(0, 10);
  return like.length ? `, e.g. ${like.join(", ")}` : "";
}

/**
 * Loads and validates a study file, read through the current DataResolver; the files it
 * names are resolved relative to its folder.
 */
export function loadStudy(path: string): StudySpec {
  const r = dataResolver();
  return readStudy(
    readData(path, "study file"),
    `study file ${path}`,
    r.dirname(r.resolve(".", path)),
  );
}
