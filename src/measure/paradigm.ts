/**
 * Paradigms as data: the conditions an experiment presents (stimulus schedules run through
 * the fast level) and the measures it takes (a latent source read through an instrument).
 */

import type { CompiledModel } from "../engine/compileModel.js";
import { shippedPath } from "../model/dataResolver.js";
import { readData } from "../model/loadModel.js";
import { documentItems } from "../model/documentList.js";
import { Issues } from "../model/issues.js";
import type { EpisodeSegment } from "../sim/episode.js";
import type { Instrument } from "./instruments/types.js";
import { validateInstrument } from "./instruments/measure.js";

/** One condition of a paradigm: a stimulus schedule (seconds). */
export interface ParadigmCondition {
  id: string;
  duration: number;
  dt?: number;
  segments: EpisodeSegment[];
  /** Window of the summaries, seconds (default the whole condition). */
  window?: [number, number];
}

/**
 * Where a measure's latent value comes from:
 * - `episode`: a weighted sum of node/readout statistics in a condition, optionally minus the
 *   same in a `contrast` condition (an fMRI contrast such as pain − neutral);
 * - `coupling`: with `trials`, the Fisher-z correlation across noisy trials of two nodes' trial
 *   means (a beta-series correlation); without, the mean product of their deviations over one
 *   episode; minus the same in `contrast`;
 * - `slow`: a weighted sum of slow states (and traits) on the wave day (questionnaires on
 *   dispositions, resting physiology);
 * - `diary`: a day summary (or slow node) over the `days` days up to the wave (experience
 *   sampling; the instrument must be a diary).
 */
export type MeasureSource =
  | {
      from: "episode";
      condition: string;
      terms: Record<string, number>;
      stat?: "mean" | "peak" | "final";
      contrast?: string;
      offset?: number;
    }
  | {
      from: "coupling";
      condition: string;
      nodes: [string, string];
      contrast?: string;
      /**
       * Trials of the condition (≥ 3): the coupling is then the Fisher-z correlation, across
       * trials, of the two nodes' trial means, each trial with its own state noise and each
       * trial estimate with measurement noise `trialNoise` (a beta-series correlation). Without
       * `trials`, the covariance of the two nodes over one episode's time steps.
       */
      trials?: number;
      /** SD of the measurement noise of each trial's estimate (activation units; default 0). */
      trialNoise?: number;
    }
  | { from: "slow"; terms: Record<string, number>; offset?: number }
  | { from: "diary"; variable: string; days: number };

/** A measure: a latent source and the instrument that records it. */
export interface ParadigmMeasure {
  id: string;
  label: string;
  source: MeasureSource;
  instrument: Instrument;
  /** Sampling times (minutes from the stressor) for a time course; the latent is scaled by a gamma-shaped response peaking at `peak` minutes, over the `baseline` of a slow source. */
  timecourse?: { times: number[]; peak: number; baseline?: Record<string, number> };
}

/** A paradigm (see `data/paradigms.yaml`). */
export interface Paradigm {
  id: string;
  label: string;
  citation: string;
  conditions: ParadigmCondition[];
  measures: ParadigmMeasure[];
}

const STATS = ["mean", "peak", "final"] as const;

function readTerms(
  issues: Issues,
  path: string,
  v: unknown,
  ok: (id: string) => boolean,
  what: string,
): Record<string, number> | undefined {
  const t = issues.numberMap(path, v);
  if (!t) return undefined;
  for (const k of Object.keys(t))
    if (!ok(k)) issues.add(`${path}.${k}`, `expected ${what}, got ${JSON.stringify(k)}`);
  if (Object.keys(t).length === 0) issues.add(path, "expected at least one term");
  return t;
}

/** Validates one paradigm object against a compiled model. */
export function readParadigm(
  issues: Issues,
  path: string,
  v: unknown,
  cm: CompiledModel,
): Paradigm | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  issues.unknownKeys(path, o, ["id", "label", "citation", "conditions", "measures"]);
  const id = issues.string(`${path}.id`, o.id);
  const label = issues.string(`${path}.label`, o.label);
  const citation = issues.string(`${path}.citation`, o.citation, true) ?? "";
  const conditions: ParadigmCondition[] = [];
  (o.conditions === undefined
    ? []
    : (issues.array(`${path}.conditions`, o.conditions) ?? [])
  ).forEach((c, i) => {
    const cond = readCondition(issues, `${path}.conditions[${i}]`, c, cm);
    if (cond) conditions.push(cond);
  });
  const condIds = new Set(conditions.map((c) => c.id));
  const measures: ParadigmMeasure[] = [];
  (issues.array(`${path}.measures`, o.measures) ?? []).forEach((m, i) => {
    const measure = readMeasure(issues, `${path}.measures[${i}]`, m, cm, condIds);
    if (measure) measures.push(measure);
  });
  const needsEpisode = measures.some(
    (m) => m.source && (m.source.from === "episode" || m.source.from === "coupling"),
  );
  if (needsEpisode && conditions.length === 0)
    issues.add(`${path}.conditions`, "expected at least one condition for episode measures");
  const seen = new Set<string>();
  measures.forEach((m, i) => {
    if (seen.has(m.id))
      issues.add(`${path}.measures[${i}].id`, `duplicate measure id ${JSON.stringify(m.id)}`);
    seen.add(m.id);
  });
  if (!id || !label) return undefined;
  return { id, label, citation, conditions, measures };
}

/** One condition: a duration in whole steps, stimulus segments and an optional window. */
function readCondition(
  issues: Issues,
  p: string,
  c: unknown,
  cm: CompiledModel,
): ParadigmCondition | undefined {
  const co = issues.object(p, c);
  if (!co) return undefined;
  issues.unknownKeys(p, co, ["id", "duration", "dt", "segments", "window"]);
  const duration =
    issues.number(`${p}.duration`, co.duration, { positive: true, max: 36_000 }) ?? 1;
  const dt = issues.number(`${p}.dt`, co.dt, { optional: true, positive: true, max: 1 });
  const step = dt ?? 0.1;
  if (Math.abs(Math.round(duration / step) * step - duration) > 1e-9 * duration)
    issues.add(
      `${p}.${dt === undefined ? "duration" : "dt"}`,
      `expected the duration (${duration} s) to be a whole number of steps of ${step} s`,
    );
  const segments: EpisodeSegment[] = [];
  (issues.array(`${p}.segments`, co.segments) ?? []).forEach((s, j) => {
    const segment = readSegment(issues, `${p}.segments[${j}]`, s, cm);
    if (segment) segments.push(segment);
  });
  let window: [number, number] | undefined;
  if (co.window !== undefined) {
    const w = issues.array(`${p}.window`, co.window);
    if (
      w &&
      (w.length !== 2 ||
        !(Number(w[0]) >= 0 && Number(w[1]) > Number(w[0]) && Number(w[1]) <= duration))
    )
      issues.add(`${p}.window`, `expected [from, to] seconds with 0 <= from < to <= ${duration}`);
    else if (w) window = [Number(w[0]), Number(w[1])];
  }
  return { id: issues.string(`${p}.id`, co.id) ?? "", duration, dt, segments, window };
}

/** One stimulus segment: from < to seconds, input levels within the inputs' ranges. */
function readSegment(
  issues: Issues,
  sp: string,
  s: unknown,
  cm: CompiledModel,
): EpisodeSegment | undefined {
  const so = issues.object(sp, s);
  if (!so) return undefined;
  issues.unknownKeys(sp, so, ["from", "to", "inputs"]);
  const from = issues.number(`${sp}.from`, so.from, { min: 0 }) ?? 0;
  const to = issues.number(`${sp}.to`, so.to, { min: 0 }) ?? 0;
  if (to <= from) issues.add(`${sp}.to`, `expected to > from (${from}), got ${to}`);
  const inputs = issues.numberMap(`${sp}.inputs`, so.inputs) ?? {};
  for (const [k, x] of Object.entries(inputs)) {
    const j = cm.index.input.get(k);
    if (j === undefined)
      issues.add(
        `${sp}.inputs.${k}`,
        `expected an input node of the model (${cm.inputs.map((n) => n.id).join(", ")})`,
      );
    else if (x < cm.inputs[j].range[0] || x > cm.inputs[j].range[1])
      issues.add(
        `${sp}.inputs.${k}`,
        `expected a value within [${cm.inputs[j].range.join(", ")}], got ${x}`,
      );
  }
  return { from, to, inputs };
}

/** One measure: its source, its instrument (which must suit the source) and a time course. */
function readMeasure(
  issues: Issues,
  p: string,
  m: unknown,
  cm: CompiledModel,
  condIds: Set<string>,
): ParadigmMeasure | undefined {
  const mo = issues.object(p, m);
  if (!mo) return undefined;
  issues.unknownKeys(p, mo, ["id", "label", "source", "instrument", "timecourse"]);
  const so = issues.object(`${p}.source`, mo.source);
  const source = so ? readSource(issues, `${p}.source`, so, cm, condIds) : undefined;
  for (const e of validateInstrument(mo.instrument, `${p}.instrument`)) {
    const k = e.indexOf(": ");
    issues.add(k > 0 ? e.slice(0, k) : `${p}.instrument`, k > 0 ? e.slice(k + 2) : e);
  }
  const inst = mo.instrument as Instrument | undefined;
  if (source?.from === "diary" && inst && inst.kind !== "diary")
    issues.add(
      `${p}.instrument.kind`,
      `a diary source needs a diary instrument, got ${JSON.stringify(inst.kind)}`,
    );
  if (source && source.from !== "diary" && inst?.kind === "diary")
    issues.add(`${p}.instrument.kind`, "a diary instrument needs a diary source");
  const timecourse =
    mo.timecourse === undefined
      ? undefined
      : readTimecourse(issues, `${p}.timecourse`, mo.timecourse, cm);
  return {
    id: issues.string(`${p}.id`, mo.id) ?? "",
    label: issues.string(`${p}.label`, mo.label) ?? "",
    source: source!,
    instrument: inst!,
    timecourse,
  };
}

const isOutput = (cm: CompiledModel, k: string): boolean => cm.index.output.has(k);
const isSlow = (cm: CompiledModel, k: string): boolean =>
  cm.index.slow.has(k) || cm.index.trait.has(k);

/** The fields each kind of measure source may have (anything else is a typo, reported). */
const SOURCE_KEYS = {
  episode: ["from", "condition", "terms", "stat", "contrast", "offset"],
  coupling: ["from", "condition", "nodes", "contrast", "trials", "trialNoise"],
  slow: ["from", "terms", "offset"],
  diary: ["from", "variable", "days"],
} as const;

/** A measure's source: episode, coupling, slow or diary, each with its own fields. */
function readSource(
  issues: Issues,
  sp: string,
  so: Record<string, unknown>,
  cm: CompiledModel,
  condIds: Set<string>,
): MeasureSource | undefined {
  const from = issues.oneOf(`${sp}.from`, so.from, [
    "episode",
    "coupling",
    "slow",
    "diary",
  ] as const);
  const cond = (k: string): string | undefined => {
    const c = issues.string(`${sp}.${k}`, so[k], k === "contrast");
    if (c !== undefined && !condIds.has(c))
      issues.add(
        `${sp}.${k}`,
        `expected a condition of this paradigm (${[...condIds].join(", ")}), got ${JSON.stringify(c)}`,
      );
    return c;
  };
  const output = (k: string): boolean => isOutput(cm, k);
  const slow = (k: string): boolean => isSlow(cm, k);
  if (from !== undefined) issues.unknownKeys(sp, so, SOURCE_KEYS[from]);
  if (from === "episode") {
    return {
      from,
      condition: cond("condition") ?? "",
      terms:
        readTerms(issues, `${sp}.terms`, so.terms, output, "a fast node or readout of the model") ??
        {},
      stat: issues.oneOf(`${sp}.stat`, so.stat, STATS, true),
      contrast: cond("contrast"),
      offset: issues.number(`${sp}.offset`, so.offset, { optional: true }),
    };
  }
  if (from === "coupling") {
    const nodes = issues.stringList(`${sp}.nodes`, so.nodes) ?? [];
    if (nodes.length !== 2 || !nodes.every(output))
      issues.add(`${sp}.nodes`, "expected two fast nodes or readouts of the model");
    const trials = issues.number(`${sp}.trials`, so.trials, {
      optional: true,
      integer: true,
      min: 3,
      max: 1000,
    });
    const trialNoise = issues.number(`${sp}.trialNoise`, so.trialNoise, { optional: true, min: 0 });
    if (trialNoise !== undefined && trials === undefined)
      issues.add(`${sp}.trialNoise`, "trialNoise needs trials (the number of trials)");
    return {
      from,
      condition: cond("condition") ?? "",
      nodes: [nodes[0], nodes[1]],
      contrast: cond("contrast"),
      ...(trials !== undefined ? { trials } : {}),
      ...(trialNoise !== undefined ? { trialNoise } : {}),
    };
  }
  if (from === "slow") {
    return {
      from,
      terms:
        readTerms(issues, `${sp}.terms`, so.terms, slow, "a slow node or trait of the model") ?? {},
      offset: issues.number(`${sp}.offset`, so.offset, { optional: true }),
    };
  }
  if (from === "diary") {
    const variable = issues.string(`${sp}.variable`, so.variable) ?? "";
    if (variable && !cm.index.summary.has(variable) && !cm.index.slow.has(variable))
      issues.add(
        `${sp}.variable`,
        `expected a day summary or slow node of the model, got ${JSON.stringify(variable)}`,
      );
    return {
      from,
      variable,
      days: issues.number(`${sp}.days`, so.days, { integer: true, min: 1, max: 3650 }) ?? 7,
    };
  }
  return undefined;
}

/** A time course: sampling times, the peak (minutes) and an optional slow baseline. */
function readTimecourse(
  issues: Issues,
  path: string,
  v: unknown,
  cm: CompiledModel,
): ParadigmMeasure["timecourse"] {
  const t = issues.object(path, v);
  if (!t) return undefined;
  const times = (issues.array(`${path}.times`, t.times) ?? []).map(
    (x, j) => issues.number(`${path}.times[${j}]`, x) ?? 0,
  );
  const peak = issues.number(`${path}.peak`, t.peak, { positive: true }) ?? 1;
  const baseline =
    t.baseline === undefined
      ? undefined
      : readTerms(
          issues,
          `${path}.baseline`,
          t.baseline,
          (k) => isSlow(cm, k),
          "a slow node or trait of the model",
        );
  return { times, peak, baseline };
}

/** Package-relative name of the shipped paradigms file. */
export const PARADIGMS_DATA = "data/paradigms.yaml";

/**
 * Reads and validates a paradigms file (`paradigms: [...]`) through the current DataResolver
 * (default: the shipped paradigms).
 */
export function loadParadigms(
  cm: CompiledModel,
  path: string = shippedPath(PARADIGMS_DATA),
): Paradigm[] {
  return readParadigmFile(readData(path, "paradigm file"), `paradigm file ${path}`, cm);
}

/**
 * Validates the parsed content of a paradigms file (`paradigms: [...]` or one paradigm).
 * @param what names the file in the error, e.g. `paradigm file my.yaml`
 * @throws ValidationError listing every problem with its path
 */
export function readParadigmFile(raw: unknown, what: string, cm: CompiledModel): Paradigm[] {
  const issues = new Issues();
  const items = documentItems(issues, raw, "paradigms", "paradigm", "id, label and measures");
  const out = items.map(({ path, value }) => readParadigm(issues, path, value, cm));
  const ids = new Map<string, string>();
  out.forEach((p, i) => {
    if (!p) return;
    const first = ids.get(p.id);
    if (first !== undefined)
      issues.add(
        `${items[i].path}.id`,
        `duplicate paradigm id ${JSON.stringify(p.id)} (already used by ${first})`,
      );
    else ids.set(p.id, items[i].path);
  });
  issues.throwIfAny(what);
  return out as Paradigm[];
}
