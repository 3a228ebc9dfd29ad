/**
 * What each identifier of a model names, which kinds of identifier each kind of formula may
 * read, and parsing a formula field with its problems reported at the field's path.
 */

import { FormulaError, FORMULA_FUNCTIONS, parseFormula, type Formula } from "../formula.js";
import type { Issues } from "../issues.js";
import type { Model, SlowDynamics } from "../types.js";

/** A valid identifier: letters, digits and `_`, not starting with a digit. */
export const ID = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Function names, which cannot be identifiers. */
export const RESERVED: ReadonlySet<string> = new Set<string>([...FORMULA_FUNCTIONS]);

/** What an identifier in a formula refers to. */
export type Scope =
  "fast" | "input" | "readout" | "slow" | "trait" | "param" | "event" | "summary" | "load";

/** A kind of formula: a fast equation, a readout, slow dynamics, or a per-person constant. */
export type FormulaKind = "fast" | "readout" | "slow" | "person";

/** Which kinds of identifier each kind of formula may read. */
export const ALLOWED: Readonly<Record<FormulaKind, readonly Scope[]>> = {
  fast: ["fast", "input", "slow", "trait", "param", "event"],
  readout: ["fast", "input", "slow", "trait", "param", "event", "readout"],
  slow: ["slow", "trait", "param", "event", "summary", "load"],
  person: ["slow", "trait", "param"],
};

/** Parses a formula field, reporting syntax errors (and over-long formulas) at the field's path. */
export function formulaAt(issues: Issues, path: string, src: unknown): Formula | undefined {
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
