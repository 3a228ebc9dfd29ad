/**
 * What changed between two models: nodes, edges, parameters, content primitives and variants
 * added, removed or changed (field by field, equations in canonical formula text), for people
 * comparing a copied model with the default or two rival formulations.
 */

import { formatFormula, parseFormula } from "./formula.js";
import { modelHash } from "./modelHash.js";
import type { Model } from "./types.js";

/** One changed field, rendered as text. */
export interface FieldChange {
  /** Field name; nested fields are dotted, e.g. `dynamics.target` or `prior`. */
  field: string;
  before: string;
  after: string;
}

/** Items (nodes, edges, …) added, removed or changed between two models, by id. */
export interface SectionDiff {
  added: string[];
  removed: string[];
  changed: { id: string; fields: FieldChange[] }[];
}

/** The difference between model `a` and model `b`. */
export interface ModelDiff {
  a: { id: string; hash: string };
  b: { id: string; hash: string };
  /** True when both models have the same content hash. */
  identical: boolean;
  nodes: SectionDiff;
  edges: SectionDiff;
  parameters: SectionDiff;
  content: SectionDiff;
  variants: SectionDiff;
  /** Other top-level fields that differ (title, citation, evidence, hypotheses, coupling, …; not id). */
  other: string[];
}

/** Fields holding formulas, compared and shown in canonical form. */
const FORMULA_FIELDS = new Set([
  "equation",
  "init",
  "dynamics.target",
  "dynamics.tau",
  "dynamics.rate",
  "dynamics.decay",
  "dynamics.baseline",
  "dynamics.drive",
]);

/** Compact JSON with sorted keys, so key order never counts as a change. */
function canonical(v: unknown): string {
  if (v === undefined) return "";
  if (Array.isArray(v)) return `[${v.map(canonical).join(", ")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${k}: ${canonical((v as Record<string, unknown>)[k])}`)
      .join(", ")}}`;
  return typeof v === "string" ? v : String(v);
}

function render(field: string, v: unknown): string {
  if (FORMULA_FIELDS.has(field) && typeof v === "string") {
    try {
      return formatFormula(parseFormula(v));
    } catch {
      return v;
    }
  }
  return canonical(v);
}

/** Field-by-field changes; `dynamics` is compared per formula, other objects as wholes. */
function fieldChanges(a: object, b: object): FieldChange[] {
  const flat = (o: object): Map<string, unknown> => {
    const m = new Map<string, unknown>();
    for (const [k, v] of Object.entries(o)) {
      if (k === "dynamics" && v && typeof v === "object")
        for (const [dk, dv] of Object.entries(v)) m.set(`dynamics.${dk}`, dv);
      else m.set(k, v);
    }
    return m;
  };
  const fa = flat(a);
  const fb = flat(b);
  const out: FieldChange[] = [];
  for (const field of new Set([...fa.keys(), ...fb.keys()])) {
    const before = render(field, fa.get(field));
    const after = render(field, fb.get(field));
    if (before !== after) out.push({ field, before, after });
  }
  return out;
}

function diffSection<T extends object>(a: Map<string, T>, b: Map<string, T>): SectionDiff {
  const changed: SectionDiff["changed"] = [];
  for (const [id, x] of a) {
    const y = b.get(id);
    const fields = y ? fieldChanges(x, y) : [];
    if (fields.length) changed.push({ id, fields });
  }
  return {
    added: [...b.keys()].filter((id) => !a.has(id)),
    removed: [...a.keys()].filter((id) => !b.has(id)),
    changed,
  };
}

const byId = <T extends { id: string }>(xs: T[]): Map<string, T> =>
  new Map(xs.map((x) => [x.id, x]));
const byKey = <T extends object>(o: Record<string, T>): Map<string, T> =>
  new Map(Object.entries(o));

/** Lists what changed from model `a` to model `b`. */
export function diffModels(a: Model, b: Model): ModelDiff {
  const ha = modelHash(a);
  const hb = modelHash(b);
  const shown = ["id", "nodes", "edges", "parameters", "content", "variants"];
  const other = (Object.keys({ ...a, ...b }) as (keyof Model)[]).filter(
    (k) => !shown.includes(k) && canonical(a[k]) !== canonical(b[k]),
  );
  return {
    a: { id: a.id, hash: ha },
    b: { id: b.id, hash: hb },
    identical: ha === hb,
    nodes: diffSection(byId(a.nodes), byId(b.nodes)),
    edges: diffSection(byId(a.edges), byId(b.edges)),
    parameters: diffSection(byKey(a.parameters), byKey(b.parameters)),
    content: diffSection(byKey(a.content), byKey(b.content)),
    variants: diffSection(byId(a.variants), byId(b.variants)),
    other,
  };
}

/** The diff as text for people: one block per section, `+` added, `-` removed, `~` changed. */
export function formatModelDiff(d: ModelDiff): string {
  const head = `${d.a.id} (${d.a.hash}) -> ${d.b.id} (${d.b.hash})`;
  if (d.identical) return `${head}\nno differences\n`;
  const lines = [head];
  const sections: [string, SectionDiff][] = [
    ["nodes", d.nodes],
    ["edges", d.edges],
    ["parameters", d.parameters],
    ["content", d.content],
    ["variants", d.variants],
  ];
  for (const [name, s] of sections) {
    if (!s.added.length && !s.removed.length && !s.changed.length) continue;
    lines.push(
      `${name}: ${s.added.length} added, ${s.removed.length} removed, ${s.changed.length} changed`,
    );
    for (const id of s.added) lines.push(`  + ${id}`);
    for (const id of s.removed) lines.push(`  - ${id}`);
    for (const c of s.changed) {
      lines.push(`  ~ ${c.id}`);
      for (const f of c.fields)
        lines.push(
          `      ${f.field}: ${f.before || "(none)"}`,
          `      ${" ".repeat(f.field.length)}  -> ${f.after || "(none)"}`,
        );
    }
  }
  if (d.other.length) lines.push(`other fields changed: ${d.other.join(", ")}`);
  return lines.join("\n") + "\n";
}
