/**
 * Study files (YAML or JSON): population, arms, randomisation, waves, the battery per wave,
 * dropout, events and the planned analyses. Validated on load; errors name the field.
 */

import { dataResolver } from "../model/dataResolver.js";
import { readData } from "../model/loadModel.js";
import { Issues } from "../model/issues.js";

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
  analyses: unknown[];
  /** Correction of p-values across the planned analyses. */
  adjust: "holm" | "none";
  /** Folder of the study file (for relative paths). */
  baseDir: string;
}

/** A file reference (ending in .yaml, .yml or .json) resolved against the study's folder. */
function asPath(ref: string, baseDir: string): string {
  return /\.(ya?ml|json)$/i.test(ref) ? dataResolver().resolve(baseDir, ref) : ref;
}

/** Validates a parsed study object. Analyses are checked later against the paradigms. */
export function readStudy(raw: unknown, what: string, baseDir = "."): StudySpec {
  const issues = new Issues();
  const o = issues.object("(study)", raw) ?? {};
  issues.unknownKeys("(study)", o, [
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
  ]);
  const arms: StudyArm[] = [];
  (issues.array("arms", o.arms) ?? []).forEach((a, i) => {
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
  if (arms.length === 0 && Array.isArray(o.arms)) issues.add("arms", "expected at least one arm");
  const armIds = new Set(arms.map((a) => a.id));
  if (armIds.size !== arms.length) issues.add("arms", "expected distinct arm ids");
  const waves: StudySpec["waves"] = [];
  (issues.array("waves", o.waves) ?? []).forEach((w, i) => {
    const wo = issues.object(`waves[${i}]`, w);
    if (!wo) return;
    issues.unknownKeys(`waves[${i}]`, wo, ["id", "day"]);
    waves.push({
      id: issues.string(`waves[${i}].id`, wo.id) ?? "",
      day: issues.number(`waves[${i}].day`, wo.day, { integer: true, min: 0, max: 36_500 }) ?? 0,
    });
  });
  if (waves.length === 0 && Array.isArray(o.waves))
    issues.add("waves", "expected at least one wave");
  for (let i = 1; i < waves.length; i++)
    if (waves[i].day < waves[i - 1].day)
      issues.add(
        `waves[${i}].day`,
        `expected waves in time order (day >= ${waves[i - 1].day}), got ${waves[i].day}`,
      );
  const waveIds = new Set(waves.map((w) => w.id));
  // battery: a list (every wave, every arm), or wave -> list, or wave -> { arm | "*": list }.
  const battery: Record<string, Record<string, string[]>> = {};
  if (Array.isArray(o.battery)) {
    const all = issues.stringList("battery", o.battery) ?? [];
    for (const w of waves) battery[w.id] = { "*": all };
  } else {
    for (const [k, v] of Object.entries(issues.object("battery", o.battery) ?? {})) {
      if (!waveIds.has(k))
        issues.add(`battery.${k}`, `expected a wave id (${[...waveIds].join(", ")})`);
      if (Array.isArray(v)) battery[k] = { "*": issues.stringList(`battery.${k}`, v) ?? [] };
      else {
        battery[k] = {};
        for (const [a, list] of Object.entries(issues.object(`battery.${k}`, v) ?? {})) {
          if (a !== "*" && !armIds.has(a))
            issues.add(
              `battery.${k}.${a}`,
              `expected an arm id or "*" (${[...armIds].join(", ")})`,
            );
          battery[k][a] = issues.stringList(`battery.${k}.${a}`, list) ?? [];
        }
      }
    }
  }
  const r =
    o.randomisation === undefined ? {} : (issues.object("randomisation", o.randomisation) ?? {});
  issues.unknownKeys("randomisation", r, ["method", "blockSize", "strata"]);
  const randomisation = {
    method:
      issues.oneOf("randomisation.method", r.method ?? "blocked", [
        "simple",
        "blocked",
        "stratified",
      ] as const) ?? "blocked",
    blockSize:
      issues.number("randomisation.blockSize", r.blockSize ?? 2 * Math.max(1, arms.length), {
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
  let dropout: StudySpec["dropout"];
  if (o.dropout !== undefined) {
    const d = issues.object("dropout", o.dropout);
    if (d) {
      issues.unknownKeys("dropout", d, ["perWeek", "dependsOn", "slope"]);
      dropout = {
        perWeek: issues.number("dropout.perWeek", d.perWeek, { min: 0, max: 1 }) ?? 0,
        dependsOn: issues.string("dropout.dependsOn", d.dependsOn, true),
        slope: issues.number("dropout.slope", d.slope, { optional: true }),
      };
    }
  }
  const events: StudyEvent[] = [];
  (o.events === undefined ? [] : (issues.array("events", o.events) ?? [])).forEach((e, i) => {
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
  const set = issues.numberMap("set", o.set, true);
  const adjust = issues.oneOf("adjust", o.adjust ?? "holm", ["holm", "none"] as const) ?? "holm";
  const paradigms = (issues.stringList("paradigms", o.paradigms, true) ?? []).map((p) =>
    dataResolver().resolve(baseDir, p),
  );
  const model = issues.string("model", o.model, true);
  const spec: StudySpec = {
    id: issues.string("id", o.id) ?? "",
    title: issues.string("title", o.title) ?? "",
    citation: issues.string("citation", o.citation, true),
    findings: issues.stringList("findings", o.findings, true),
    model: model && model !== "mascaro2015" ? dataResolver().resolve(baseDir, model) : model,
    variant: issues.string("variant", o.variant, true),
    set,
    population: asPath(
      issues.string("population", o.population ?? "healthy-adults") ?? "healthy-adults",
      baseDir,
    ),
    seed: issues.number("seed", o.seed ?? 1, { integer: true, min: 0 }) ?? 1,
    arms,
    randomisation,
    waves,
    battery,
    dropout,
    events,
    paradigms,
    analyses: issues.array("analyses", o.analyses ?? []) ?? [],
    adjust,
    baseDir,
  };
  issues.throwIfAny(what);
  return spec;
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
