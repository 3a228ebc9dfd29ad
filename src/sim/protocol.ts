/**
 * Practice protocols as data: weekly modules built from the model's content primitives,
 * classes, home practice, one-off sessions, adherence and (for CFT) a therapist dyad.
 */

import { shippedPath } from "../model/dataResolver.js";
import { readData } from "../model/loadModel.js";
import { has } from "../model/dict.js";
import { documentItems } from "../model/documentList.js";
import { InputError, Issues } from "../model/issues.js";
import type { Model } from "../model/types.js";

/** A share-weighted mix of content primitives (shares sum to 1). */
export type ContentMix = Record<string, number>;

/** A logit-normal person-level probability: `mean` is the median probability. */
export interface Propensity {
  mean: number;
  sd: number;
}

/** One module of a protocol. */
export interface ProtocolModule {
  id: string;
  label: string;
  weeks: number;
  content: ContentMix;
}

/** A practice protocol (see `data/protocols.yaml`). */
export interface Protocol {
  id: string;
  label: string;
  citation: string;
  weeks: number;
  classes?: { perWeek: number; minutes: number; weekday: number };
  home?: { minutesPerDay: number; daysPerWeek: number };
  modules: ProtocolModule[];
  sessions: { day: number; minutes: number; content: ContentMix }[];
  adherence: Propensity;
  attendance: Propensity;
  dyad?: { content: ContentMix };
  social?: { classDays: number };
  /**
   * What taking part in the course leads people to expect (0–1: none to a highly credible
   * course with a committed teacher). While the programme runs (day 0 to its last week or
   * session) the model's `course` event is set to it for the arm, so expectancy acts through
   * the model's declared expectancy node, for active and control courses alike (default 0).
   */
  expectancy?: number;
}

/** Days a protocol's programme lasts (its weeks, or up to its last one-off session). */
export function programmeDays(p: Protocol): number {
  return Math.max(p.weeks * 7, ...p.sessions.map((s) => s.day + 1), 0);
}

/** What a protocol asks of a participant on one day (before adherence). */
export interface PracticeDay {
  /** Minutes of class or therapy session (0 if none). */
  classMinutes: number;
  /** Minutes of home practice asked for (0 if none). */
  homeMinutes: number;
  /** One-off session minutes. */
  sessionMinutes: number;
  content: ContentMix;
  /** Extra social contact on a class day (0–1). */
  social: number;
}

function readMix(issues: Issues, path: string, v: unknown, model?: Model): ContentMix | undefined {
  const mix = issues.numberMap(path, v);
  if (!mix) return undefined;
  let total = 0;
  for (const [k, w] of Object.entries(mix)) {
    if (w < 0) issues.add(`${path}.${k}`, `expected a share >= 0, got ${w}`);
    if (model && !has(model.content, k))
      issues.add(
        `${path}.${k}`,
        `unknown content primitive (the model has: ${Object.keys(model.content).join(", ")})`,
      );
    total += w;
  }
  if (Object.keys(mix).length > 0 && Math.abs(total - 1) > 1e-6)
    issues.add(path, `expected shares summing to 1, got ${total}`);
  return mix;
}

function readPropensity(
  issues: Issues,
  path: string,
  v: unknown,
  fallback: Propensity,
): Propensity {
  if (v === undefined) return fallback;
  const o = issues.object(path, v);
  if (!o) return fallback;
  return {
    mean: issues.number(`${path}.mean`, o.mean, { min: 0, max: 1 }) ?? fallback.mean,
    sd: issues.number(`${path}.sd`, o.sd, { min: 0 }) ?? fallback.sd,
  };
}

const PROTOCOL_KEYS = [
  "id",
  "label",
  "citation",
  "weeks",
  "classes",
  "home",
  "modules",
  "sessions",
  "adherence",
  "attendance",
  "dyad",
  "social",
  "expectancy",
] as const;

/** Validates one protocol object, reporting problems under `path`. */
export function readProtocol(
  issues: Issues,
  path: string,
  v: unknown,
  model?: Model,
): Protocol | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  issues.unknownKeys(path, o, PROTOCOL_KEYS);
  const id = issues.string(`${path}.id`, o.id);
  const label = issues.string(`${path}.label`, o.label);
  const citation = issues.string(`${path}.citation`, o.citation, true) ?? "";
  const weeks = issues.number(`${path}.weeks`, o.weeks, { min: 0 });
  const classes = readClasses(issues, `${path}.classes`, o.classes);
  const home = readHome(issues, `${path}.home`, o.home);
  const modules = readModules(issues, `${path}.modules`, o.modules, model);
  const sessions = readSessions(issues, `${path}.sessions`, o.sessions, model);
  checkModuleWeeks(issues, `${path}.modules`, modules, weeks);
  let dyad: Protocol["dyad"];
  if (o.dyad !== undefined) {
    const d = issues.object(`${path}.dyad`, o.dyad);
    if (d) dyad = { content: readMix(issues, `${path}.dyad.content`, d.content, model) ?? {} };
  }
  let social: Protocol["social"];
  if (o.social !== undefined) {
    const s = issues.object(`${path}.social`, o.social);
    if (s)
      social = {
        classDays: issues.number(`${path}.social.classDays`, s.classDays, { min: 0, max: 1 }) ?? 0,
      };
  }
  const expectancy =
    o.expectancy === undefined
      ? undefined
      : issues.number(`${path}.expectancy`, o.expectancy, { min: 0, max: 1 });
  if (!id || !label || weeks === undefined) return undefined;
  return {
    ...(expectancy !== undefined ? { expectancy } : {}),
    id,
    label,
    citation,
    weeks,
    classes,
    home,
    modules,
    sessions,
    adherence: readPropensity(issues, `${path}.adherence`, o.adherence, { mean: 0.7, sd: 0.8 }),
    attendance: readPropensity(issues, `${path}.attendance`, o.attendance, { mean: 0.9, sd: 0.8 }),
    dyad,
    social,
  };
}

/** `classes: { perWeek, minutes, weekday }` (optional). */
function readClasses(issues: Issues, path: string, v: unknown): Protocol["classes"] {
  if (v === undefined) return undefined;
  const c = issues.object(path, v);
  if (!c) return undefined;
  return {
    perWeek: issues.number(`${path}.perWeek`, c.perWeek, { min: 0, max: 7, integer: true }) ?? 0,
    minutes: issues.number(`${path}.minutes`, c.minutes, { min: 0, max: 1440 }) ?? 0,
    weekday:
      issues.number(`${path}.weekday`, c.weekday ?? 0, { min: 0, max: 6, integer: true }) ?? 0,
  };
}

/** `home: { minutesPerDay, daysPerWeek }` (optional; 7 days a week by default). */
function readHome(issues: Issues, path: string, v: unknown): Protocol["home"] {
  if (v === undefined) return undefined;
  const h = issues.object(path, v);
  if (!h) return undefined;
  return {
    minutesPerDay:
      issues.number(`${path}.minutesPerDay`, h.minutesPerDay, { min: 0, max: 1440 }) ?? 0,
    daysPerWeek:
      issues.number(`${path}.daysPerWeek`, h.daysPerWeek ?? 7, { min: 0, max: 7, integer: true }) ??
      7,
  };
}

/** The list of modules (optional), each with its content mix. */
function readModules(issues: Issues, path: string, v: unknown, model?: Model): ProtocolModule[] {
  const modules: ProtocolModule[] = [];
  (v === undefined ? [] : (issues.array(path, v) ?? [])).forEach((m, i) => {
    const p = `${path}[${i}]`;
    const mo = issues.object(p, m);
    if (!mo) return;
    const content = readMix(issues, `${p}.content`, mo.content, model);
    modules.push({
      id: issues.string(`${p}.id`, mo.id) ?? "",
      label: issues.string(`${p}.label`, mo.label) ?? "",
      weeks: issues.number(`${p}.weeks`, mo.weeks, { positive: true }) ?? 1,
      content: content ?? {},
    });
  });
  return modules;
}

/** One-off sessions (optional): day, minutes and content. */
function readSessions(
  issues: Issues,
  path: string,
  v: unknown,
  model?: Model,
): Protocol["sessions"] {
  const sessions: Protocol["sessions"] = [];
  (v === undefined ? [] : (issues.array(path, v) ?? [])).forEach((s, i) => {
    const p = `${path}[${i}]`;
    const so = issues.object(p, s);
    if (!so) return;
    sessions.push({
      day: issues.number(`${p}.day`, so.day, { min: 0, integer: true }) ?? 0,
      minutes: issues.number(`${p}.minutes`, so.minutes, { positive: true, max: 1440 }) ?? 0,
      content: readMix(issues, `${p}.content`, so.content, model) ?? {},
    });
  });
  return sessions;
}

/** Module weeks must add up to the protocol's weeks, and a protocol lasting weeks needs modules. */
function checkModuleWeeks(
  issues: Issues,
  path: string,
  modules: ProtocolModule[],
  weeks: number | undefined,
): void {
  if (weeks !== undefined && modules.length > 0) {
    const total = modules.reduce((a, m) => a + m.weeks, 0);
    if (Math.abs(total - weeks) > 1e-9)
      issues.add(
        path,
        `expected module weeks summing to ${weeks} (the protocol's weeks), got ${total}`,
      );
  }
  if (weeks !== undefined && weeks > 0 && modules.length === 0)
    issues.add(path, "expected at least one module for a protocol lasting weeks");
}

/** Package-relative name of the shipped protocols file. */
export const PROTOCOLS_DATA = "data/protocols.yaml";

/** Reads a protocols file (`protocols: [...]`) or a single-protocol file and validates it. */
export function loadProtocols(
  path: string = shippedPath(PROTOCOLS_DATA),
  model?: Model,
): Protocol[] {
  return readProtocolFile(readData(path, "protocol file"), `protocol file ${path}`, model);
}

/**
 * Validates the parsed content of a protocols file: `protocols: [...]` or a single protocol.
 * @param what names the file in the error, e.g. `protocol file my.yaml`
 * @throws ValidationError listing every problem with its path
 */
export function readProtocolFile(raw: unknown, what: string, model?: Model): Protocol[] {
  const issues = new Issues();
  const out = documentItems(issues, raw, "protocols", "protocol", "id, label and weeks").map(
    ({ path, value }) => readProtocol(issues, path, value, model),
  );
  const seen = new Map<string, number>();
  out.forEach((p, i) => {
    if (!p) return;
    const first = seen.get(p.id);
    if (first !== undefined)
      issues.add(
        `protocols[${i}].id`,
        `duplicate protocol id ${JSON.stringify(p.id)} (already used by protocols[${first}])`,
      );
    else seen.set(p.id, i);
  });
  issues.throwIfAny(what);
  return out as Protocol[];
}

/** Finds a shipped protocol by id, or loads a protocol file. */
export function resolveProtocol(idOrPath: string, model?: Model): Protocol {
  if (/\.(ya?ml|json)$/i.test(idOrPath)) {
    const ps = loadProtocols(idOrPath, model);
    if (ps.length !== 1)
      throw new InputError(
        `protocol file ${idOrPath} holds ${ps.length} protocols; expected exactly one`,
      );
    return ps[0];
  }
  const all = loadProtocols(shippedPath(PROTOCOLS_DATA), model);
  const p = all.find((x) => x.id === idOrPath);
  if (!p)
    throw new InputError(
      `unknown protocol ${JSON.stringify(idOrPath)} (shipped: ${all.map((x) => x.id).join(", ")}; or give a .yaml file)`,
    );
  return p;
}

/** The module running on a day (undefined after the protocol ends). */
export function moduleOnDay(protocol: Protocol, day: number): ProtocolModule | undefined {
  let start = 0;
  for (const m of protocol.modules) {
    const end = start + m.weeks * 7;
    if (day >= Math.round(start) && day < Math.round(end)) return m;
    start = end;
  }
  return undefined;
}

/** What the protocol asks for on a given day (day 0 is the first day of the programme). */
export function practiceOnDay(protocol: Protocol, day: number): PracticeDay {
  const m = moduleOnDay(protocol, day);
  const weekday = ((day % 7) + 7) % 7;
  let classMinutes = 0;
  let homeMinutes = 0;
  let content: ContentMix = m ? m.content : {};
  if (m && protocol.classes && protocol.classes.perWeek > 0) {
    const spacing = Math.floor(7 / protocol.classes.perWeek);
    const rel = (weekday - protocol.classes.weekday + 7) % 7;
    if (rel % spacing === 0 && rel / spacing < protocol.classes.perWeek)
      classMinutes = protocol.classes.minutes;
  }
  if (m && protocol.home && weekday < protocol.home.daysPerWeek)
    homeMinutes = protocol.home.minutesPerDay;
  let sessionMinutes = 0;
  for (const s of protocol.sessions) {
    if (s.day === day) {
      sessionMinutes += s.minutes;
      content = s.content;
    }
  }
  return {
    classMinutes,
    homeMinutes,
    sessionMinutes,
    content,
    social: classMinutes > 0 ? (protocol.social?.classDays ?? 0) : 0,
  };
}

/**
 * The therapist's side of a dyadic protocol (CFT): the same weeks and sessions, practising the
 * dyad's content (modelling compassion) in each session, with no home practice (H12).
 */
export function therapistProtocol(protocol: Protocol): Protocol | undefined {
  if (!protocol.dyad) return undefined;
  return {
    ...protocol,
    id: `${protocol.id}-therapist`,
    label: `${protocol.label}: therapist`,
    home: undefined,
    modules: protocol.modules.map((m) => ({ ...m, content: protocol.dyad!.content })),
    sessions: protocol.sessions.map((s) => ({ ...s, content: protocol.dyad!.content })),
    adherence: { mean: 0.99, sd: 0 },
    attendance: { mean: 0.99, sd: 0 },
    dyad: undefined,
  };
}
