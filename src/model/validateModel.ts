/**
 * Validation of model files: structure, identifiers, edges, signs and cycles. Every problem
 * is reported with the path of the field and what was expected.
 */

import { validatePrior } from "../numeric/priors.js";
import { dict } from "./dict.js";
import { EVERYDAY_KEYS, type EverydayKey } from "./everydayKeys.js";
import { Issues, show } from "./issues.js";
import { checkSemantics } from "./validate/checkSemantics.js";
import { ID, RESERVED } from "./validate/scope.js";
import { markValidated, type ValidatedModel } from "./validatedModel.js";
import type {
  ContentPrimitive,
  Coupling,
  DaySummary,
  EdgeEffect,
  EverydayEntry,
  Model,
  ModelEdge,
  ModelNode,
  ModelParameter,
  NodeKind,
  NodeLevel,
  Prior,
  Provenance,
  SlowDynamics,
  Variant,
} from "./types.js";

const NODE_KINDS: readonly NodeKind[] = [
  "input",
  "process",
  "modulator",
  "affect",
  "outcome",
  "neuromodulator",
  "skill",
  "milieu",
  "trait",
];
const NODE_LEVELS: readonly NodeLevel[] = ["input", "fast", "readout", "slow", "trait"];
const EFFECTS: readonly EdgeEffect[] = ["drive", "inhibit", "gain"];

export { dynamicsFormulas, scopeOf, type Scope } from "./validate/scope.js";
function readProvenance(issues: Issues, path: string, v: unknown): Provenance | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  const kind = issues.oneOf(`${path}.kind`, o.kind, [
    "literature",
    "calibrated",
    "assumption",
  ] as const);
  if (kind)
    issues.unknownKeys(
      path,
      o,
      kind === "literature"
        ? ["kind", "citation", "note"]
        : kind === "calibrated"
          ? ["kind", "against", "note"]
          : ["kind", "reason"],
    );
  if (kind === "literature") {
    const citation = issues.string(`${path}.citation`, o.citation);
    return citation ? { kind, citation, note: o.note as string | undefined } : undefined;
  }
  if (kind === "calibrated") {
    const against = issues.stringList(`${path}.against`, o.against);
    return against ? { kind, against, note: o.note as string | undefined } : undefined;
  }
  if (kind === "assumption") {
    const reason = issues.string(`${path}.reason`, o.reason);
    return reason ? { kind, reason } : undefined;
  }
  return undefined;
}

/** Longest parameter description accepted (characters): one line, read beside the id. */
export const MAX_PARAMETER_DESCRIPTION = 160;

/** A parameter's optional `description`: one non-empty line of at most 160 characters. */
function readDescription(issues: Issues, path: string, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v.trim().length === 0) {
    issues.add(path, `expected a one-line description (a non-empty string), got ${show(v)}`);
    return undefined;
  }
  if (/[\r\n]/.test(v)) {
    issues.add(path, "expected a one-line description, got a string with a line break");
    return undefined;
  }
  if (v.length > MAX_PARAMETER_DESCRIPTION) {
    issues.add(
      path,
      `expected a one-line description of at most ${MAX_PARAMETER_DESCRIPTION} characters, got ${v.length}`,
    );
    return undefined;
  }
  return v;
}

function readParameter(issues: Issues, path: string, v: unknown): ModelParameter | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  issues.unknownKeys(path, o, ["value", "prior", "unit", "provenance", "description"]);
  const description = readDescription(issues, `${path}.description`, o.description);
  const value = issues.number(`${path}.value`, o.value);
  const unit = issues.string(`${path}.unit`, o.unit);
  const provenance = readProvenance(issues, `${path}.provenance`, o.provenance);
  const priorErrors =
    o.prior === undefined
      ? [`${path}.prior: expected a prior, got nothing`]
      : validatePrior(o.prior, `${path}.prior`);
  for (const e of priorErrors) {
    const i = e.indexOf(": ");
    issues.add(i > 0 ? e.slice(0, i) : `${path}.prior`, i > 0 ? e.slice(i + 2) : e);
  }
  if (value === undefined || unit === undefined || !provenance || priorErrors.length)
    return undefined;
  return {
    value,
    unit,
    provenance,
    prior: o.prior as Prior,
    ...(description === undefined ? {} : { description }),
  };
}

/** The optional `everyday:` section: known keys, each `{ value, unit, provenance }`. */
function readEveryday(issues: Issues, v: unknown): Model["everyday"] {
  if (v === undefined) return undefined;
  const o = issues.object("everyday", v);
  if (!o) return undefined;
  issues.unknownKeys("everyday", o, EVERYDAY_KEYS);
  const out: Partial<Record<EverydayKey, EverydayEntry>> = dict();
  for (const k of EVERYDAY_KEYS) {
    if (!Object.hasOwn(o, k)) continue;
    const path = `everyday.${k}`;
    const e = issues.object(path, o[k]);
    if (!e) continue;
    issues.unknownKeys(path, e, ["value", "unit", "provenance"]);
    const value = issues.number(`${path}.value`, e.value);
    const unit = issues.string(`${path}.unit`, e.unit);
    const provenance = readProvenance(issues, `${path}.provenance`, e.provenance);
    if (value !== undefined && unit !== undefined && provenance)
      out[k] = { value, unit, provenance };
  }
  return out;
}

function readDynamics(issues: Issues, path: string, v: unknown): SlowDynamics | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  const form = issues.oneOf(`${path}.form`, o.form, ["relax", "train", "linear"] as const);
  const need = (k: string): string | undefined => {
    const x = o[k];
    if (typeof x === "number" && Number.isFinite(x)) return String(x);
    return issues.string(`${path}.${k}`, x);
  };
  if (form === "relax") {
    issues.unknownKeys(path, o, ["form", "target", "tau"]);
    const target = need("target");
    const tau = need("tau");
    return target && tau ? { form, target, tau } : undefined;
  }
  if (form === "train") {
    issues.unknownKeys(path, o, ["form", "rate", "decay", "baseline", "drive", "use"]);
    const rate = need("rate");
    const decay = need("decay");
    const baseline = need("baseline");
    const drive = o.drive === undefined ? undefined : need("drive");
    const use = o.use === undefined ? undefined : issues.string(`${path}.use`, o.use);
    if (!(rate && decay && baseline)) return undefined;
    const d: SlowDynamics = { form, rate, decay, baseline, drive };
    if (use !== undefined) d.use = use;
    return d;
  }
  if (form === "linear") {
    issues.unknownKeys(path, o, ["form", "drive", "decay"]);
    const drive = need("drive");
    const decay = need("decay");
    return drive && decay ? { form, drive, decay } : undefined;
  }
  return undefined;
}

const NODE_KEYS = [
  "id",
  "symbol",
  "label",
  "kind",
  "level",
  "regions",
  "range",
  "unit",
  "meaning",
  "evidence",
  "tau",
  "equation",
  "init",
  "dynamics",
  "default",
  "lintJustification",
] as const;

/** Most characters of a node's `symbol`. */
export const MAX_SYMBOL_LENGTH = 4;

/** A node's optional short symbol: a non-blank string of at most `MAX_SYMBOL_LENGTH` characters. */
function readSymbol(issues: Issues, path: string, v: unknown): string | undefined {
  const s = issues.string(path, v);
  if (s === undefined) return undefined;
  if (!s.trim() || [...s].length > MAX_SYMBOL_LENGTH || s !== s.trim()) {
    issues.add(
      path,
      `expected a short symbol (1 to ${MAX_SYMBOL_LENGTH} characters, no surrounding spaces), got ${JSON.stringify(s)}`,
    );
    return undefined;
  }
  return s;
}

function readNode(issues: Issues, path: string, v: unknown): ModelNode | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  issues.unknownKeys(path, o, NODE_KEYS);
  const id = issues.string(`${path}.id`, o.id);
  if (id !== undefined && (!ID.test(id) || RESERVED.has(id)))
    issues.add(
      `${path}.id`,
      `expected an identifier (letters, digits, _; not a function name), got ${JSON.stringify(id)}`,
    );
  const label = issues.string(`${path}.label`, o.label);
  const kind = issues.oneOf(`${path}.kind`, o.kind, NODE_KINDS);
  const level = issues.oneOf(`${path}.level`, o.level, NODE_LEVELS);
  const unit = issues.string(`${path}.unit`, o.unit);
  const meaning = issues.string(`${path}.meaning`, o.meaning);
  const regions = issues.stringList(`${path}.regions`, o.regions, true);
  const evidence = issues.stringList(`${path}.evidence`, o.evidence, true);
  let range: [number, number] | undefined;
  const r = issues.array(`${path}.range`, o.range);
  if (r) {
    const lo = issues.number(`${path}.range[0]`, r[0]);
    const hi = issues.number(`${path}.range[1]`, r[1]);
    if (r.length !== 2)
      issues.add(`${path}.range`, `expected [min, max], got a list of ${r.length}`);
    else if (lo !== undefined && hi !== undefined && !(lo < hi))
      issues.add(`${path}.range`, `expected min < max, got [${lo}, ${hi}]`);
    else if (lo !== undefined && hi !== undefined) range = [lo, hi];
  }
  const node: Partial<ModelNode> = {
    id,
    label,
    kind,
    level,
    unit,
    meaning,
    regions,
    evidence,
    range,
  };
  if (level === "fast") {
    if (typeof o.tau === "number") issues.number(`${path}.tau`, o.tau, { positive: true });
    else if (o.tau === undefined)
      issues.add(
        `${path}.tau`,
        "expected a time constant in seconds (number or parameter id), got nothing",
      );
    else issues.string(`${path}.tau`, o.tau);
    node.tau = o.tau as number | string;
    node.equation = issues.string(`${path}.equation`, o.equation);
    node.init = issues.string(`${path}.init`, o.init, true);
  } else if (level === "readout") {
    node.equation = issues.string(`${path}.equation`, o.equation);
  } else if (level) {
    for (const k of ["tau", "equation", "init"] as const)
      if (o[k] !== undefined)
        issues.add(`${path}.${k}`, `only fast or readout nodes have ${k} (this node is ${level})`);
  }
  if (level === "slow") node.dynamics = readDynamics(issues, `${path}.dynamics`, o.dynamics);
  else if (level && o.dynamics !== undefined)
    issues.add(`${path}.dynamics`, `only slow nodes have dynamics (this node is ${level})`);
  if (o.symbol !== undefined) node.symbol = readSymbol(issues, `${path}.symbol`, o.symbol);
  if (o.default !== undefined) node.default = issues.number(`${path}.default`, o.default);
  if (o.lintJustification !== undefined)
    node.lintJustification = issues.string(`${path}.lintJustification`, o.lintJustification);
  return node as ModelNode;
}

function readEdge(issues: Issues, path: string, v: unknown): ModelEdge | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  issues.unknownKeys(path, o, [
    "id",
    "from",
    "to",
    "effect",
    "weight",
    "neutral",
    "evidence",
    "hypotheses",
    "signAt",
    "note",
    "lintJustification",
  ]);
  const edge: ModelEdge = {
    id: issues.string(`${path}.id`, o.id) ?? "",
    from: issues.string(`${path}.from`, o.from) ?? "",
    to: issues.string(`${path}.to`, o.to) ?? "",
    effect: issues.oneOf(`${path}.effect`, o.effect, EFFECTS) ?? "drive",
    weight: issues.string(`${path}.weight`, o.weight, true),
    neutral: issues.number(`${path}.neutral`, o.neutral, { optional: true }),
    evidence: issues.stringList(`${path}.evidence`, o.evidence) ?? [],
    hypotheses: issues.stringList(`${path}.hypotheses`, o.hypotheses, true),
    signAt: issues.numberMap(`${path}.signAt`, o.signAt, true),
    note: issues.string(`${path}.note`, o.note, true),
  };
  if (o.lintJustification !== undefined)
    edge.lintJustification = issues.string(`${path}.lintJustification`, o.lintJustification);
  if (edge.evidence.length === 0 && Array.isArray(o.evidence))
    issues.add(`${path}.evidence`, "expected at least one evidence id");
  return edge;
}

function readContent(issues: Issues, path: string, v: unknown): ContentPrimitive | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  issues.unknownKeys(path, o, ["label", "trains", "inputs"]);
  const label = issues.string(`${path}.label`, o.label);
  const trains = o.trains === undefined ? {} : issues.numberMap(`${path}.trains`, o.trains);
  const inputs = issues.numberMap(`${path}.inputs`, o.inputs);
  return label && trains && inputs ? { label, trains, inputs } : undefined;
}

function readCoupling(issues: Issues, path: string, v: unknown): Coupling | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  issues.unknownKeys(path, o, ["summaries", "events", "engagement"]);
  const summaries: DaySummary[] = [];
  (issues.array(`${path}.summaries`, o.summaries) ?? []).forEach((s, i) => {
    const p = `${path}.summaries[${i}]`;
    const so = issues.object(p, s);
    if (!so) return;
    issues.unknownKeys(p, so, ["id", "label", "episodes", "node", "op", "combine", "otherwise"]);
    const otherwise =
      typeof so.otherwise === "number"
        ? String(so.otherwise)
        : issues.string(`${p}.otherwise`, so.otherwise);
    summaries.push({
      id: issues.string(`${p}.id`, so.id) ?? "",
      label: issues.string(`${p}.label`, so.label) ?? "",
      episodes: issues.stringList(`${p}.episodes`, so.episodes) ?? [],
      node: issues.string(`${p}.node`, so.node) ?? "",
      op: issues.oneOf(`${p}.op`, so.op, ["mean", "peak", "final", "area"] as const) ?? "mean",
      combine: issues.oneOf(`${p}.combine`, so.combine, ["mean", "sum", "max"] as const) ?? "mean",
      otherwise: otherwise ?? "0",
    });
  });
  const events: { id: string; label: string }[] = [];
  (issues.array(`${path}.events`, o.events) ?? []).forEach((e, i) => {
    const p = `${path}.events[${i}]`;
    const eo = issues.object(p, e);
    if (!eo) return;
    issues.unknownKeys(p, eo, ["id", "label"]);
    events.push({
      id: issues.string(`${p}.id`, eo.id) ?? "",
      label: issues.string(`${p}.label`, eo.label) ?? "",
    });
  });
  const engagement = issues.string(`${path}.engagement`, o.engagement);
  return engagement ? { summaries, events, engagement } : undefined;
}

function readVariant(issues: Issues, path: string, v: unknown): Variant | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  issues.unknownKeys(path, o, [
    "id",
    "description",
    "hypotheses",
    "negates",
    "set",
    "removeEdges",
    "flipEdges",
    "equations",
    "content",
  ]);
  let content: Variant["content"];
  if (o.content !== undefined) {
    content = dict();
    for (const [k, c] of Object.entries(issues.object(`${path}.content`, o.content) ?? {})) {
      const co = issues.object(`${path}.content.${k}`, c);
      if (!co) continue;
      issues.unknownKeys(`${path}.content.${k}`, co, ["trains", "inputs"]);
      content[k] = {
        trains: issues.numberMap(`${path}.content.${k}.trains`, co.trains, true),
        inputs: issues.numberMap(`${path}.content.${k}.inputs`, co.inputs, true),
      };
    }
  }
  const rawEquations =
    o.equations === undefined ? undefined : issues.object(`${path}.equations`, o.equations);
  let equations: Record<string, string> | undefined;
  if (rawEquations) {
    equations = dict();
    for (const [k, x] of Object.entries(rawEquations)) {
      const src = issues.string(`${path}.equations.${k}`, x);
      if (src !== undefined) equations[k] = src;
    }
  }
  return {
    id: issues.string(`${path}.id`, o.id) ?? "",
    description: issues.string(`${path}.description`, o.description) ?? "",
    hypotheses: issues.stringList(`${path}.hypotheses`, o.hypotheses, true),
    negates: issues.stringList(`${path}.negates`, o.negates, true),
    set: issues.numberMap(`${path}.set`, o.set, true),
    removeEdges: issues.stringList(`${path}.removeEdges`, o.removeEdges, true),
    flipEdges: issues.stringList(`${path}.flipEdges`, o.flipEdges, true),
    equations,
    content,
  };
}

/** Reads the structure of a model file; semantic checks follow in {@link validateModel}. */
function readModel(issues: Issues, raw: unknown): Model | undefined {
  if (raw === null || raw === undefined || typeof raw !== "object" || Array.isArray(raw)) {
    const got = raw === null || raw === undefined ? "an empty file" : show(raw);
    issues.add(
      "(model)",
      `expected a model (an object with id, title, nodes, edges, parameters…), got ${got}`,
    );
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  issues.unknownKeys("(model)", o, [
    "id",
    "title",
    "version",
    "citation",
    "description",
    "evidence",
    "hypotheses",
    "parameters",
    "nodes",
    "edges",
    "content",
    "coupling",
    "variants",
    "everyday",
  ]);
  const evidence: Model["evidence"] = dict();
  for (const [k, e] of Object.entries(issues.object("evidence", o.evidence) ?? {})) {
    const eo = issues.object(`evidence.${k}`, e);
    if (!eo) continue;
    issues.unknownKeys(`evidence.${k}`, eo, ["citation", "kind", "summary"]);
    const citation = issues.string(`evidence.${k}.citation`, eo.citation);
    const kind = issues.oneOf(`evidence.${k}.kind`, eo.kind, [
      "finding",
      "review",
      "theory",
      "meta-analysis",
    ] as const);
    if (citation && kind)
      evidence[k] = { citation, kind, summary: eo.summary as string | undefined };
  }
  const hypotheses: Model["hypotheses"] = dict();
  for (const [k, h] of Object.entries(issues.object("hypotheses", o.hypotheses) ?? {})) {
    const s = issues.string(`hypotheses.${k}`, h);
    if (s) hypotheses[k] = s;
  }
  const parameters: Model["parameters"] = dict();
  for (const [k, p] of Object.entries(issues.object("parameters", o.parameters) ?? {})) {
    const par = readParameter(issues, `parameters.${k}`, p);
    if (par) parameters[k] = par;
  }
  const nodes = (issues.array("nodes", o.nodes) ?? []).map((n, i) =>
    readNode(issues, `nodes[${i}]`, n),
  );
  const edges = (issues.array("edges", o.edges) ?? []).map((e, i) =>
    readEdge(issues, `edges[${i}]`, e),
  );
  const content: Model["content"] = dict();
  for (const [k, c] of Object.entries(issues.object("content", o.content) ?? {})) {
    const cp = readContent(issues, `content.${k}`, c);
    if (cp) content[k] = cp;
  }
  const coupling = readCoupling(issues, "coupling", o.coupling);
  const everyday = readEveryday(issues, o.everyday);
  const variants =
    o.variants === undefined
      ? []
      : (issues.array("variants", o.variants) ?? []).map((v, i) =>
          readVariant(issues, `variants[${i}]`, v),
        );
  const id = issues.string("id", o.id);
  const title = issues.string("title", o.title);
  const version =
    typeof o.version === "number" ? String(o.version) : issues.string("version", o.version);
  const citation = issues.string("citation", o.citation);
  if (!issues.ok || !id || !title || !version || !citation || !coupling) return undefined;
  return {
    id,
    title,
    version,
    citation,
    description: o.description as string | undefined,
    evidence,
    hypotheses,
    parameters,
    nodes: nodes as ModelNode[],
    edges: edges as ModelEdge[],
    content,
    coupling,
    variants: variants as Variant[],
    ...(everyday === undefined ? {} : { everyday }),
  };
}

/**
 * Validates a parsed model file (the object from YAML or JSON) and returns it typed.
 * @throws ValidationError listing every problem with the path of its field.
 */
export function validateModel(raw: unknown, what = "model"): ValidatedModel {
  const issues = new Issues();
  const model = readModel(issues, raw);
  if (model) checkSemantics(issues, model);
  issues.throwIfAny(what);
  return markValidated(model!);
}
