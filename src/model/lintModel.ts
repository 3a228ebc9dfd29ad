/**
 * The model lint (issue 8 §3): structural smells that let a finding come out of the wiring
 * rather than the mechanism. Pure: works on a validated model, no file system.
 *
 * Checks:
 * - `single-edge-readout`: a readout whose own equation reads a manipulated input (an `input`
 *   node) or a trained skill (a slow node with `train` dynamics) directly, i.e. through one
 *   edge instead of through fast processes. A `lintJustification` on the edge, the readout
 *   or the node read moves the finding to `justified` (listed, not dropped).
 * - `narrow-assumption-prior`: a parameter with provenance `assumption` whose prior's central
 *   95% interval does not contain both value/2 and value×2 (mirrored for negative values;
 *   on a bounded support the ends are capped at half the way to the bound;
 *   fixed priors never cover). A zero value must have ±1 unit inside the interval, otherwise
 *   it gets a `zero-value-prior` note (a factor of two around 0 cannot be judged).
 * - `undescribed-parameters`: the parameters that have no one-line `description`, as one
 *   finding naming them all (absent when every parameter has one).
 * - summary: parameters by provenance kind and edges by whether they carry evidence.
 */

import { priorQuantile, priorSupport, type Prior } from "../numeric/priors.js";
import { identifiers, parseFormula } from "./formula.js";
import type { Model, ModelNode } from "./types.js";

/** Id of a lint check. */
export type LintCheck =
  "single-edge-readout" | "narrow-assumption-prior" | "zero-value-prior" | "undescribed-parameters";

/** One thing the lint found. */
export interface LintFinding {
  check: LintCheck;
  /** Node ids involved (for a readout finding: the readout, then the node it reads). */
  nodes: string[];
  /** Edge ids involved (the edges from the read node to the readout). */
  edges: string[];
  /** Parameter ids involved. */
  parameters: string[];
  /** One line: what is wrong. */
  message: string;
  /** The model's reason for keeping it (only on justified findings). */
  justification?: string;
}

/** Counts of the lint summary. */
export interface LintSummary {
  parameters: {
    total: number;
    /** Provenance kind → number of parameters; literature, calibrated and assumption always present. */
    byProvenance: Record<string, number>;
  };
  edges: { total: number; withEvidence: number; withoutEvidence: number };
}

/** The result of {@link lintModel}. */
export interface ModelLint {
  model: { id: string; version: string };
  /** Unjustified findings of the checks: readouts, then priors, then undescribed parameters. */
  findings: LintFinding[];
  /** Single-edge readouts with a `lintJustification` (on the edge, the readout or the node read). */
  justified: LintFinding[];
  /** Things the checks could not judge (a zero value whose prior does not reach ±1). */
  notes: LintFinding[];
  summary: LintSummary;
}

/** What a readout may not read directly: input nodes and trained skills, with their kind in words. */
function directSources(model: Model): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of model.nodes) {
    if (n.level === "input") out.set(n.id, "manipulated input");
    else if (n.level === "slow" && n.dynamics?.form === "train") out.set(n.id, "trained skill");
  }
  return out;
}

/** Single-edge readout findings of one readout node, each tagged with its justification if any. */
function readoutFindings(
  readout: ModelNode,
  sources: Map<string, string>,
  model: Model,
): LintFinding[] {
  const { edges } = model;
  if (readout.equation === undefined) return [];
  const out: LintFinding[] = [];
  for (const id of identifiers(parseFormula(readout.equation))) {
    const what = sources.get(id);
    if (what === undefined) continue;
    const via = edges.filter((e) => e.from === id && e.to === readout.id);
    const edgeWords = via.length > 0 ? ` (edge ${via.map((e) => e.id).join(", ")})` : "";
    const finding: LintFinding = {
      check: "single-edge-readout",
      nodes: [readout.id, id],
      edges: via.map((e) => e.id),
      parameters: [],
      message: `readout ${readout.id} reads the ${what} ${id} directly${edgeWords}, not through a fast process`,
    };
    const justification =
      via.find((e) => e.lintJustification !== undefined)?.lintJustification ??
      readout.lintJustification ??
      model.nodes.find((n) => n.id === id)?.lintJustification;
    if (justification !== undefined) finding.justification = justification;
    out.push(finding);
  }
  return out;
}

const fmt = (x: number): string => String(Number(x.toPrecision(4)));

/** Why `prior` does not cover a factor of two around `value`, or undefined when it does. */
function narrowness(prior: Prior, value: number): { check: LintCheck; why: string } | undefined {
  if (prior.dist === "fixed")
    return { check: "narrow-assumption-prior", why: "the prior is fixed (never varied)" };
  const lo = priorQuantile(prior, 0.025);
  const hi = priorQuantile(prior, 0.975);
  const interval = `central 95% prior interval [${fmt(lo)}, ${fmt(hi)}]`;
  if (value === 0) {
    if (lo <= -1 && hi >= 1) return undefined;
    return {
      check: "zero-value-prior",
      why: `zero value: cannot judge a factor of two (${interval} does not contain ±1 unit)`,
    };
  }
  const [lowEnd, highEnd] = priorSupport(prior);
  // on a bounded support a factor of two may not fit: then half the way to the bound counts
  const a = Math.max(value > 0 ? value / 2 : value * 2, value - (value - lowEnd) / 2);
  const b = Math.min(value > 0 ? value * 2 : value / 2, value + (highEnd - value) / 2);
  if (lo <= a && hi >= b) return undefined;
  return {
    check: "narrow-assumption-prior",
    why: `${interval} does not contain [${fmt(a)}, ${fmt(b)}] (a factor of two around ${fmt(value)}, or half the way to a bound of the support)`,
  };
}

/** Prior findings and notes for every parameter whose provenance is an assumption. */
function priorFindings(model: Model): LintFinding[] {
  const out: LintFinding[] = [];
  for (const [id, p] of Object.entries(model.parameters)) {
    if (p.provenance.kind !== "assumption") continue;
    const n = narrowness(p.prior, p.value);
    if (n === undefined) continue;
    out.push({
      check: n.check,
      nodes: [],
      edges: [],
      parameters: [id],
      message: `assumed parameter ${id} = ${fmt(p.value)} (${p.unit}): ${n.why}`,
    });
  }
  return out;
}

/** One finding naming every parameter without a description, or none when all have one. */
function descriptionFindings(model: Model): LintFinding[] {
  const ids = Object.entries(model.parameters)
    .filter(([, p]) => p.description === undefined)
    .map(([id]) => id);
  if (ids.length === 0) return [];
  const n = ids.length === 1 ? "1 parameter has" : `${ids.length} parameters have`;
  return [
    {
      check: "undescribed-parameters",
      nodes: [],
      edges: [],
      parameters: ids,
      message: `${n} no description: ${ids.join(", ")}`,
    },
  ];
}

/** Parameters by provenance kind, edges by evidence. */
function summarise(model: Model): LintSummary {
  const byProvenance: Record<string, number> = { literature: 0, calibrated: 0, assumption: 0 };
  const params = Object.values(model.parameters);
  for (const p of params)
    byProvenance[p.provenance.kind] = (byProvenance[p.provenance.kind] ?? 0) + 1;
  const withEvidence = model.edges.filter((e) => e.evidence.length > 0).length;
  return {
    parameters: { total: params.length, byProvenance },
    edges: {
      total: model.edges.length,
      withEvidence,
      withoutEvidence: model.edges.length - withEvidence,
    },
  };
}

/**
 * Lints a validated model (see the module comment for the checks). Never throws on a valid
 * model; the result lists findings, justified findings, notes and the summary counts.
 */
export function lintModel(model: Model): ModelLint {
  const sources = directSources(model);
  const readouts = model.nodes
    .filter((n) => n.level === "readout")
    .flatMap((n) => readoutFindings(n, sources, model));
  const priors = priorFindings(model);
  return {
    model: { id: model.id, version: model.version },
    findings: [
      ...readouts.filter((f) => f.justification === undefined),
      ...priors.filter((f) => f.check === "narrow-assumption-prior"),
      ...descriptionFindings(model),
    ],
    justified: readouts.filter((f) => f.justification !== undefined),
    notes: priors.filter((f) => f.check === "zero-value-prior"),
    summary: summarise(model),
  };
}

/** The lint as text: one line per finding, then the summary counts. */
export function formatModelLint(lint: ModelLint): string {
  const lines = [`model lint: ${lint.model.id} ${lint.model.version}`];
  const section = (title: string, list: LintFinding[], extra?: (f: LintFinding) => string) => {
    lines.push(`${title} (${list.length}):`);
    for (const f of list) lines.push(`  ${f.message}${extra ? extra(f) : ""}`);
  };
  const readouts = lint.findings.filter((f) => f.check === "single-edge-readout");
  section("single-edge readouts", readouts);
  section(
    "justified single-edge readouts",
    lint.justified,
    (f) => `; justified: ${f.justification}`,
  );
  section(
    "narrow assumption priors",
    lint.findings.filter((f) => f.check === "narrow-assumption-prior"),
  );
  const undescribed = lint.findings.flatMap((f) =>
    f.check === "undescribed-parameters" ? f.parameters : [],
  );
  lines.push(`parameters without a description (${undescribed.length}):`);
  if (undescribed.length > 0) lines.push(`  ${undescribed.join(", ")}`);
  if (lint.notes.length > 0) section("notes", lint.notes);
  const { parameters: p, edges: e } = lint.summary;
  const kinds = Object.entries(p.byProvenance).map(([k, n]) => `${k} ${n}`);
  lines.push(`parameters: ${p.total} (${kinds.join(", ")})`);
  lines.push(`edges: ${e.total} (${e.withEvidence} with evidence, ${e.withoutEvidence} without)`);
  return `${lines.join("\n")}\n`;
}
