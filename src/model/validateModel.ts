/**
 * Validation of model files: structure, identifiers, edges, signs and cycles. Every problem
 * is reported with the path of the field and what was expected.
 */

import { validatePrior } from "../numeric/priors.js";
import {
  FormulaError,
  FORMULA_FUNCTIONS,
  identifiers,
  parseFormula,
  partialSign,
  type Formula,
} from "./formula.js";
import { dict, has, own } from "./dict.js";
import { Issues, show } from "./issues.js";
import type {
  ContentPrimitive,
  Coupling,
  DaySummary,
  EdgeEffect,
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
const ID = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set<string>([...FORMULA_FUNCTIONS]);

/** What an identifier in a formula refers to. */
export type Scope =
  "fast" | "input" | "readout" | "slow" | "trait" | "param" | "event" | "summary" | "load";

/** Which kinds of identifier each kind of formula may read. */
const ALLOWED: Record<string, readonly Scope[]> = {
  fast: ["fast", "input", "slow", "trait", "param", "event"],
  readout: ["fast", "input", "slow", "trait", "param", "event", "readout"],
  slow: ["slow", "trait", "param", "event", "summary", "load"],
  person: ["slow", "trait", "param"],
};

/** Parses a formula field, reporting syntax errors at the field's path. */
function formulaAt(issues: Issues, path: string, src: unknown): Formula | undefined {
  if (typeof src === "number" && Number.isFinite(src)) return { type: "num", value: src };
  const text = issues.string(path, src);
  if (text === undefined) return undefined;
  try {
    return parseFormula(text);
  } catch (e) {
    if (e instanceof FormulaError)
      issues.add(path, `bad formula at column ${e.position + 1}: ${e.message}`);
    else throw e;
    return undefined;
  }
}

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

function readParameter(issues: Issues, path: string, v: unknown): ModelParameter | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  issues.unknownKeys(path, o, ["value", "prior", "unit", "provenance", "description"]);
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
    description: o.description as string | undefined,
  };
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
    issues.unknownKeys(path, o, ["form", "rate", "decay", "baseline", "drive"]);
    const rate = need("rate");
    const decay = need("decay");
    const baseline = need("baseline");
    const drive = o.drive === undefined ? undefined : need("drive");
    return rate && decay && baseline ? { form, rate, decay, baseline, drive } : undefined;
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
] as const;

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
  if (o.default !== undefined) node.default = issues.number(`${path}.default`, o.default);
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
  if (edge.evidence.length === 0 && Array.isArray(o.evidence))
    issues.add(`${path}.evidence`, "expected at least one evidence id");
  return edge;
}

function readContent(issues: Issues, path: string, v: unknown): ContentPrimitive | undefined {
  const o = issues.object(path, v);
  if (!o) return undefined;
  issues.unknownKeys(path, o, ["label", "trains", "inputs"]);
  const label = issues.string(`${path}.label`, o.label);
  const trains = issues.numberMap(`${path}.trains`, o.trains);
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
  };
}

/** The formulas of a slow node's dynamics, as named fields. */
export function dynamicsFormulas(d: SlowDynamics): Record<string, string> {
  if (d.form === "relax") return { target: d.target, tau: d.tau };
  if (d.form === "train")
    return d.drive
      ? { rate: d.rate, decay: d.decay, baseline: d.baseline, drive: d.drive }
      : { rate: d.rate, decay: d.decay, baseline: d.baseline };
  return { drive: d.drive, decay: d.decay };
}

/** Maps every identifier of a model to what it names. */
export function scopeOf(model: Model): Map<string, Scope> {
  const scope = new Map<string, Scope>();
  for (const n of model.nodes) scope.set(n.id, n.level === "input" ? "input" : n.level);
  for (const k of Object.keys(model.parameters)) if (!scope.has(k)) scope.set(k, "param");
  for (const e of model.coupling.events) if (!scope.has(e.id)) scope.set(e.id, "event");
  for (const s of model.coupling.summaries) if (!scope.has(s.id)) scope.set(s.id, "summary");
  for (const n of model.nodes)
    if (n.dynamics?.form === "train" && !scope.has(`load_${n.id}`))
      scope.set(`load_${n.id}`, "load");
  return scope;
}

/** Checks references, edges, signs and cycles of a structurally valid model. */
function checkSemantics(issues: Issues, model: Model): void {
  const seen = new Map<string, string>();
  const claim = (id: string, path: string): void => {
    if (seen.has(id))
      issues.add(
        path,
        `duplicate identifier ${JSON.stringify(id)} (already used at ${seen.get(id)})`,
      );
    else seen.set(id, path);
  };
  model.nodes.forEach((n, i) => claim(n.id, `nodes[${i}].id`));
  for (const k of Object.keys(model.parameters)) {
    if (!ID.test(k) || RESERVED.has(k))
      issues.add(
        `parameters.${k}`,
        "expected an identifier (letters, digits, _; not a function name)",
      );
    claim(k, `parameters.${k}`);
  }
  model.coupling.events.forEach((e, i) => claim(e.id, `coupling.events[${i}].id`));
  model.coupling.summaries.forEach((s, i) => claim(s.id, `coupling.summaries[${i}].id`));
  const scope = scopeOf(model);
  const nodeById = new Map(model.nodes.map((n) => [n.id, n]));
  const evidenceIds = new Set(Object.keys(model.evidence));
  const used = new Set<string>();
  let parseFailed = false;

  const check = (
    path: string,
    src: string | number | undefined,
    kind: keyof typeof ALLOWED,
    own?: string,
  ): Formula | undefined => {
    if (src === undefined) return undefined;
    const f = formulaAt(issues, path, src);
    if (!f) {
      parseFailed = true;
      return undefined;
    }
    for (const name of identifiers(f)) {
      const s = scope.get(name);
      if (s === undefined)
        issues.add(
          path,
          `unknown identifier ${JSON.stringify(name)} (not a node, parameter, event or day summary)`,
        );
      else if (!ALLOWED[kind].includes(s))
        issues.add(
          path,
          `${JSON.stringify(name)} is a ${s} identifier, which a ${kind} formula cannot read (allowed: ${ALLOWED[kind].join(", ")})`,
        );
      else if (s === "load" && name !== `load_${own}`)
        issues.add(path, `${JSON.stringify(name)} is another skill's practice load`);
      used.add(name);
    }
    return f;
  };

  // Each node's formulas with the path of their field; `broken` nodes have one that did not parse.
  const equations = new Map<string, { path: string; f: Formula }[]>();
  const broken = new Set<string>();
  model.nodes.forEach((n, i) => {
    const p = `nodes[${i}]`;
    for (const e of n.evidence ?? [])
      if (!evidenceIds.has(e))
        issues.add(`${p}.evidence`, `unknown evidence id ${JSON.stringify(e)}`);
    const fs: { path: string; f: Formula }[] = [];
    const add = (path: string, src: string | undefined, kind: keyof typeof ALLOWED): void => {
      const f = check(path, src, kind, n.id);
      if (f) fs.push({ path, f });
      else if (src !== undefined) broken.add(n.id);
    };
    if (n.level === "fast") {
      add(`${p}.equation`, n.equation, "fast");
      check(`${p}.init`, n.init, "person");
      if (typeof n.tau === "string") check(`${p}.tau`, n.tau, "person");
    } else if (n.level === "readout") {
      add(`${p}.equation`, n.equation, "readout");
    } else if (n.level === "slow" && n.dynamics) {
      for (const [k, src] of Object.entries(dynamicsFormulas(n.dynamics)))
        add(`${p}.dynamics.${k}`, src, "slow");
    }
    equations.set(n.id, fs);
  });

  // Readouts may read other readouts, but not in a cycle.
  const readouts = model.nodes.filter((n) => n.level === "readout");
  const state = new Map<string, number>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 2) return;
    if (state.get(id) === 1) {
      const i = model.nodes.findIndex((n) => n.id === id);
      issues.add(
        `nodes[${i}].equation`,
        `readouts form a cycle: ${[...trail, id].join(" -> ")} (readouts are algebraic and cannot depend on themselves)`,
      );
      return;
    }
    state.set(id, 1);
    for (const { f } of equations.get(id) ?? [])
      for (const d of identifiers(f)) if (scope.get(d) === "readout") visit(d, [...trail, id]);
    state.set(id, 2);
  };
  for (const r of readouts) visit(r.id, []);

  // Edges: endpoints exist, appear in the target's formulas, and have the declared sign.
  const edgeIds = new Set<string>();
  const covered = new Set<string>();
  model.edges.forEach((e, i) => {
    const p = `edges[${i}]`;
    if (edgeIds.has(e.id)) issues.add(`${p}.id`, `duplicate edge id ${JSON.stringify(e.id)}`);
    edgeIds.add(e.id);
    for (const ev of e.evidence)
      if (!evidenceIds.has(ev))
        issues.add(`${p}.evidence`, `unknown evidence id ${JSON.stringify(ev)}`);
    for (const h of e.hypotheses ?? [])
      if (!has(model.hypotheses, h))
        issues.add(`${p}.hypotheses`, `unknown hypothesis id ${JSON.stringify(h)}`);
    const from = nodeById.get(e.from);
    const to = nodeById.get(e.to);
    if (!from) issues.add(`${p}.from`, `unknown node ${JSON.stringify(e.from)}`);
    if (!to) issues.add(`${p}.to`, `unknown node ${JSON.stringify(e.to)}`);
    if (e.weight !== undefined) {
      if (!has(model.parameters, e.weight))
        issues.add(`${p}.weight`, `unknown parameter ${JSON.stringify(e.weight)}`);
      else used.add(e.weight);
    }
    if (!from || !to) return;
    const fs = (equations.get(to.id) ?? []).map((x) => x.f);
    const mentions = fs.filter((f) => identifiers(f).has(from.id));
    if (mentions.length === 0) {
      if (!broken.has(to.id))
        issues.add(
          `${p}.from`,
          `${from.id} does not appear in the equation of ${to.id}, so the edge has no effect`,
        );
      return;
    }
    covered.add(`${from.id}->${to.id}`);
    if (
      e.weight !== undefined &&
      has(model.parameters, e.weight) &&
      !fs.some((f) => identifiers(f).has(e.weight!))
    )
      issues.add(
        `${p}.weight`,
        `parameter ${e.weight} does not appear in the equation of ${to.id}`,
      );
    if (to.level === "slow") return; // slow dynamics are checked through their targets below
    const env = (name: string): number => {
      if (has(e.signAt, name)) return e.signAt![name];
      const par = own(model.parameters, name);
      if (par) return name === e.weight && par.value === 0 ? 1 : par.value;
      const n = nodeById.get(name);
      if (n) return (n.range[0] + n.range[1]) / 2;
      return 0.5;
    };
    let sign: number;
    try {
      sign = partialSign(mentions[0], from.id, env);
    } catch {
      issues.add(
        `${p}.from`,
        `the effect of ${from.id} on ${to.id} is not defined at the reference point`,
      );
      return;
    }
    const want = e.effect === "inhibit" ? -1 : 1;
    if (sign !== want)
      issues.add(
        `${p}.effect`,
        `declared ${e.effect}, but ${to.id} ${sign === 0 ? "does not change" : sign > 0 ? "increases" : "decreases"} with ${from.id} at the reference point (set signAt if the sign depends on context)`,
      );
  });

  // Every node that an equation reads must be an edge's source (traits set person constants).
  for (const n of model.nodes) {
    for (const { path, f } of equations.get(n.id) ?? []) {
      for (const d of identifiers(f)) {
        const dn = nodeById.get(d);
        if (!dn || dn.id === n.id || dn.level === "trait") continue;
        if (!covered.has(`${d}->${n.id}`)) {
          issues.add(
            path,
            `${n.id} reads ${d}, but no edge ${d} -> ${n.id} declares it (expected an edge with its evidence)`,
          );
          covered.add(`${d}->${n.id}`);
        }
      }
    }
  }

  // Coupling.
  model.coupling.summaries.forEach((s, i) => {
    const p = `coupling.summaries[${i}]`;
    const n = nodeById.get(s.node);
    if (!n) issues.add(`${p}.node`, `unknown node ${JSON.stringify(s.node)}`);
    else if (n.level !== "fast" && n.level !== "readout")
      issues.add(`${p}.node`, `expected a fast or readout node, got ${n.id} (${n.level})`);
    check(`${p}.otherwise`, s.otherwise, "person");
  });
  check("coupling.engagement", model.coupling.engagement, "person");

  // Content primitives.
  for (const [k, c] of Object.entries(model.content)) {
    for (const [skill, w] of Object.entries(c.trains)) {
      const n = nodeById.get(skill);
      if (!n) issues.add(`content.${k}.trains.${skill}`, `unknown node ${JSON.stringify(skill)}`);
      else if (n.dynamics?.form !== "train")
        issues.add(
          `content.${k}.trains.${skill}`,
          `expected a trained skill (slow node with form: train), got ${skill}`,
        );
      if (w < 0) issues.add(`content.${k}.trains.${skill}`, `expected a load >= 0, got ${w}`);
    }
    for (const [inp, lvl] of Object.entries(c.inputs)) {
      const n = nodeById.get(inp);
      if (!n || n.level !== "input")
        issues.add(
          `content.${k}.inputs.${inp}`,
          `expected an input node, got ${JSON.stringify(inp)}`,
        );
      else if (lvl < n.range[0] || lvl > n.range[1])
        issues.add(
          `content.${k}.inputs.${inp}`,
          `expected a level within [${n.range[0]}, ${n.range[1]}], got ${lvl}`,
        );
    }
  }

  // Parameters should all be used somewhere.
  for (const k of Object.keys(model.parameters)) {
    if (!used.has(k) && !parseFailed)
      issues.add(
        `parameters.${k}`,
        "expected to be used by an equation or edge weight, but nothing uses it",
      );
    const par = model.parameters[k];
    const pr = par.prior;
    const lo = "min" in pr && pr.min !== undefined ? pr.min : -Infinity;
    const hi = "max" in pr && pr.max !== undefined ? pr.max : Infinity;
    if (par.value < lo || par.value > hi)
      issues.add(
        `parameters.${k}.value`,
        `value ${par.value} lies outside its prior's bounds [${lo}, ${hi}]`,
      );
  }

  // Variants.
  model.variants.forEach((v, i) => {
    const p = `variants[${i}]`;
    for (const k of Object.keys(v.set ?? {}))
      if (!has(model.parameters, k))
        issues.add(`${p}.set.${k}`, `unknown parameter ${JSON.stringify(k)}`);
    for (const [j, e] of (v.removeEdges ?? []).entries())
      if (!edgeIds.has(e))
        issues.add(`${p}.removeEdges[${j}]`, `unknown edge ${JSON.stringify(e)}`);
    for (const [j, e] of (v.flipEdges ?? []).entries())
      if (!edgeIds.has(e)) issues.add(`${p}.flipEdges[${j}]`, `unknown edge ${JSON.stringify(e)}`);
    for (const [k, src] of Object.entries(v.equations ?? {})) {
      const n = nodeById.get(k);
      if (!n || (n.level !== "fast" && n.level !== "readout"))
        issues.add(
          `${p}.equations.${k}`,
          `expected a fast or readout node, got ${JSON.stringify(k)}`,
        );
      else check(`${p}.equations.${k}`, src, n.level === "fast" ? "fast" : "readout");
    }
    for (const h of v.hypotheses ?? [])
      if (!has(model.hypotheses, h))
        issues.add(`${p}.hypotheses`, `unknown hypothesis id ${JSON.stringify(h)}`);
    for (const [k, c] of Object.entries(v.content ?? {})) {
      if (!has(model.content, k)) {
        issues.add(
          `${p}.content.${k}`,
          `unknown content primitive (the model has: ${Object.keys(model.content).join(", ")})`,
        );
        continue;
      }
      for (const skill of Object.keys(c.trains ?? {}))
        if (nodeById.get(skill)?.dynamics?.form !== "train")
          issues.add(
            `${p}.content.${k}.trains.${skill}`,
            `expected a trained skill, got ${JSON.stringify(skill)}`,
          );
    }
  });
  const variantIds = new Set<string>();
  model.variants.forEach((v, i) => {
    if (variantIds.has(v.id))
      issues.add(`variants[${i}].id`, `duplicate variant id ${JSON.stringify(v.id)}`);
    variantIds.add(v.id);
  });
}

/**
 * Validates a parsed model file (the object from YAML or JSON) and returns it typed.
 * @throws ValidationError listing every problem with the path of its field.
 */
export function validateModel(raw: unknown, what = "model"): Model {
  const issues = new Issues();
  const model = readModel(issues, raw);
  if (model) checkSemantics(issues, model);
  issues.throwIfAny(what);
  return model!;
}
