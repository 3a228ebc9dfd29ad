/**
 * A model for people: a readable text summary (`kindsim model show`) and a compact JSON
 * summary (`kindsim model show --json`).
 */

import { modelHash } from "./modelHash.js";
import type { Model, ModelNode, NodeLevel, Prior } from "./types.js";
import { dynamicsFormulas } from "./validateModel.js";

const LEVELS: readonly NodeLevel[] = ["input", "fast", "readout", "slow", "trait"];

/** Rows of cells as lines with left-aligned, padded columns. */
function table(rows: string[][], indent = "  "): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => r[c].length))) ?? [];
  return rows.map(
    (r) =>
      indent +
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c])))
        .join("  ")
        .trimEnd(),
  );
}

function formatPrior(p: Prior): string {
  const bounds = (min?: number, max?: number): string =>
    min === undefined && max === undefined ? "" : ` on [${min ?? "-inf"}, ${max ?? "inf"}]`;
  switch (p.dist) {
    case "uniform":
      return `uniform(${p.min}, ${p.max})`;
    case "normal":
      return `normal(${p.mean}, ${p.sd})${bounds(p.min, p.max)}`;
    case "lognormal":
      return `lognormal(${p.meanlog}, ${p.sdlog})`;
    case "beta":
      return `beta(${p.a}, ${p.b})${bounds(p.min, p.max)}`;
    case "fixed":
      return `fixed(${p.value})`;
  }
}

/** The formula line of a node: equation (fast, readout) or dynamics (slow). */
function nodeFormula(n: ModelNode): string | undefined {
  if (n.level === "fast") return `tau ${n.tau} s, drive ${n.equation}`;
  if (n.level === "readout") return `${n.id} = ${n.equation}`;
  if (n.level === "slow" && n.dynamics) {
    const use =
      n.dynamics.form === "train"
        ? n.dynamics.use !== undefined
          ? `; learns from ${n.dynamics.use} exercised in practice (above rest)`
          : "; open-loop (content loads)"
        : "";
    return `${n.dynamics.form}: ${list(dynamicsFormulas(n.dynamics), " = ", "; ")}${use}`;
  }
  return undefined;
}

const list = (m: Record<string, number | string>, sep = " ", join = ", "): string =>
  Object.entries(m)
    .map(([k, v]) => `${k}${sep}${v}`)
    .join(join) || "nothing";

/**
 * The parameter table (id, value, prior, unit, provenance kind), each row followed by the
 * parameter's description on its own indented line when the model gives one.
 */
function parameterTable(model: Model): string[] {
  const entries = Object.entries(model.parameters);
  const rows = table([
    ["id", "value", "prior", "unit", "provenance"],
    ...entries.map(([k, p]) => [
      k,
      String(p.value),
      formatPrior(p.prior),
      p.unit,
      p.provenance.kind,
    ]),
  ]);
  const out = [rows[0]];
  entries.forEach(([, p], i) => {
    out.push(rows[i + 1]);
    if (p.description !== undefined) out.push(`      ${p.description}`);
  });
  return out;
}

/** A readable, plain-text summary of a whole model. */
export function describeModel(model: Model): string {
  const out: string[] = [
    model.title,
    `${model.id} version ${model.version} (hash ${modelHash(model)})`,
    `Citation: ${model.citation}`,
  ];
  if (model.description) out.push("", model.description);
  const counts = [
    `${model.nodes.length} nodes`,
    `${model.edges.length} edges`,
    `${Object.keys(model.parameters).length} parameters`,
    `${Object.keys(model.evidence).length} evidence items`,
    `${Object.keys(model.hypotheses).length} hypotheses`,
    `${Object.keys(model.content).length} content primitives`,
    `${model.variants.length} variants`,
  ];
  out.push("", counts.join(", "), "", "Nodes");
  for (const level of LEVELS) {
    const nodes = model.nodes.filter((n) => n.level === level);
    if (!nodes.length) continue;
    out.push(`  ${level} (${nodes.length})`);
    for (const n of nodes) {
      const regions = n.regions?.length ? ` [${n.regions.join(", ")}]` : "";
      out.push(
        `    ${n.id}${n.symbol ? ` (${n.symbol})` : ""}  ${n.label}${regions}${n.default !== undefined && !n.dynamics ? ` (default ${n.default})` : ""}`,
      );
      const f = nodeFormula(n);
      if (f) out.push(`        ${f}`);
    }
  }
  out.push("", `Edges (${model.edges.length})`);
  out.push(
    ...table([
      ["id", "from -> to", "effect", "weight", "evidence", "hypotheses"],
      ...model.edges.map((e) => [
        e.id,
        `${e.from} -> ${e.to}`,
        e.effect,
        e.weight ?? "-",
        e.evidence.join(", "),
        e.hypotheses?.length ? e.hypotheses.join(", ") : "",
      ]),
    ]),
  );
  out.push("", `Parameters (${Object.keys(model.parameters).length})`);
  out.push(...parameterTable(model));
  if (model.everyday) {
    const entries = Object.entries(model.everyday);
    out.push("", `Everyday life (${entries.length})`);
    out.push(
      ...table([
        ["id", "value", "unit", "provenance"],
        ...entries.map(([k, e]) => [k, String(e!.value), e!.unit, e!.provenance.kind]),
      ]),
    );
  }
  out.push("", `Content primitives (${Object.keys(model.content).length})`);
  out.push(
    ...table(
      Object.entries(model.content).map(([k, c]) => [
        k,
        c.label,
        `trains ${list(c.trains)}`,
        `inputs ${list(c.inputs)}`,
      ]),
    ),
  );
  out.push("", `Variants (${model.variants.length})`);
  for (const v of model.variants) {
    const edits = [
      v.negates?.length && `negates ${v.negates.join(", ")} (cuts every edge tagged with it)`,
      v.set && `sets ${list(v.set, " = ")}`,
      v.removeEdges?.length && `removes ${v.removeEdges.join(", ")}`,
      v.flipEdges?.length && `flips ${v.flipEdges.join(", ")}`,
      v.equations && `replaces the equations of ${Object.keys(v.equations).join(", ")}`,
    ].filter(Boolean);
    out.push(`  ${v.id}  ${v.description}`, ...(edits.length ? [`      ${edits.join("; ")}`] : []));
  }
  return out.join("\n") + "\n";
}

/** The JSON summary of a model printed by `kindsim model show --json`. */
export interface ModelSummary {
  id: string;
  title: string;
  version: string;
  citation: string;
  hash: string;
  counts: {
    nodes: number;
    edges: number;
    parameters: number;
    evidence: number;
    hypotheses: number;
    content: number;
    variants: number;
  };
  nodes: {
    id: string;
    label: string;
    kind: string;
    level: NodeLevel;
    regions: string[];
    evidence: number;
    /** The node's short diagram symbol, present only when the model file gives one. */
    symbol?: string;
    /** Present only when the model file gives one (see `kindsim model lint`). */
    lintJustification?: string;
  }[];
  edges: {
    id: string;
    from: string;
    to: string;
    effect: string;
    weight: string | null;
    evidence: number;
    hypotheses: string[];
    /** Present only when the model file gives one (see `kindsim model lint`). */
    lintJustification?: string;
  }[];
  /** Every parameter: value, unit, provenance kind and (when the model gives one) its description. */
  parameters: {
    id: string;
    value: number;
    unit: string;
    provenance: string;
    description?: string;
  }[];
  variants: { id: string; description: string }[];
  /** Everyday life's values (`everyday:` section), present only when the model gives it. */
  everyday?: Record<string, { value: number; unit: string }>;
}

/** A compact, JSON-ready summary: nodes and edges with their evidence counts, counts and hash. */
export function modelSummaryJson(model: Model): ModelSummary {
  return {
    id: model.id,
    title: model.title,
    version: model.version,
    citation: model.citation,
    hash: modelHash(model),
    counts: {
      nodes: model.nodes.length,
      edges: model.edges.length,
      parameters: Object.keys(model.parameters).length,
      evidence: Object.keys(model.evidence).length,
      hypotheses: Object.keys(model.hypotheses).length,
      content: Object.keys(model.content).length,
      variants: model.variants.length,
    },
    nodes: model.nodes.map((n) => ({
      id: n.id,
      label: n.label,
      kind: n.kind,
      level: n.level,
      regions: n.regions ?? [],
      evidence: n.evidence?.length ?? 0,
      ...(n.symbol === undefined ? {} : { symbol: n.symbol }),
      ...(n.lintJustification === undefined ? {} : { lintJustification: n.lintJustification }),
    })),
    edges: model.edges.map((e) => ({
      id: e.id,
      from: e.from,
      to: e.to,
      effect: e.effect,
      weight: e.weight ?? null,
      evidence: e.evidence.length,
      hypotheses: e.hypotheses ?? [],
      ...(e.lintJustification === undefined ? {} : { lintJustification: e.lintJustification }),
    })),
    parameters: Object.entries(model.parameters).map(([id, p]) => ({
      id,
      value: p.value,
      unit: p.unit,
      provenance: p.provenance.kind,
      ...(p.description === undefined ? {} : { description: p.description }),
    })),
    variants: model.variants.map((v) => ({ id: v.id, description: v.description })),
    ...(model.everyday === undefined
      ? {}
      : {
          everyday: Object.fromEntries(
            Object.entries(model.everyday).map(([k, e]) => [k, { value: e!.value, unit: e!.unit }]),
          ),
        }),
  };
}
