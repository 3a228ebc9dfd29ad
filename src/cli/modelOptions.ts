/**
 * Reading the model options every simulating command shares: `--model`, `--variant`,
 * `--set name=value`, and the per-command `--event` and `--person`.
 */

import type { CompiledModel } from "../engine/compileModel.js";
import { applyVariant } from "../model/applyVariant.js";
import { InputError } from "../model/issues.js";
import { resolveModel } from "../model/loadModel.js";
import { checkParameterValues } from "../model/parameterValues.js";
import type { Model } from "../model/types.js";
import type { Sample } from "../sim/population.js";
import type { EventSchedule } from "../sim/simulateCohort.js";
import { withFlag } from "./errors.js";

/** Parses `--event name:from-to[=value]` (days, inclusive; value 1 by default). */
export function parseEvent(s: string): EventSchedule {
  const m = /^([A-Za-z_]\w*):(\d+)(?:-(\d+))?(?:=(-?[\d.]+))?$/.exec(s.trim());
  if (!m)
    throw new InputError(
      `--event expects name:from-to[=value] (days), e.g. exclusion:0-27=1, got ${JSON.stringify(s)}`,
    );
  const from = Number(m[2]);
  const to = m[3] === undefined ? from : Number(m[3]);
  const value = m[4] === undefined ? 1 : Number(m[4]);
  if (to < from || !Number.isFinite(value))
    throw new InputError(`--event ${s}: expected from <= to and a finite value`);
  return { event: m[1], from, to, value };
}

/**
 * Parses `--set name=value` pairs against the model's parameters: unknown names, values
 * that are not numbers and values outside the prior's support are InputErrors naming them.
 */
export function parseSets(model: Model, sets: string[] = []): Record<string, number> {
  const out: Record<string, number> = Object.create(null); // `__proto__=1` is a key, not a prototype
  for (const s of sets) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(s.trim());
    if (!m) throw new InputError(`--set expects name=value, got ${JSON.stringify(s)}`);
    const v = Number(m[2]);
    if (m[2].trim() === "" || !Number.isFinite(v))
      throw new InputError(`--set ${m[1]}: expected a finite number, got ${JSON.stringify(m[2])}`);
    out[m[1]] = v;
  }
  withFlag("--set", () => checkParameterValues(model, out, "parameters"));
  return out;
}

/** Loads the model (with variant) named by `--model` and `--variant`. */
export function modelFromOptions(o: { model?: string; variant?: string }): Model {
  const base = withFlag("--model", () => resolveModel(o.model));
  return o.variant ? withFlag("--variant", () => applyVariant(base, o.variant!)) : base;
}

/**
 * Applies `--person node=value` to a sampled person: slow states and traits only, each
 * within its node's range.
 */
export function applyPerson(cm: CompiledModel, model: Model, s: Sample, person: string[]): void {
  for (const kv of person) {
    const m = /^([A-Za-z_]\w*)=(.+)$/.exec(kv);
    const v = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(v))
      throw new InputError(`--person expects node=value, got ${JSON.stringify(kv)}`);
    const node = model.nodes.find((n) => n.id === m[1]);
    const si = cm.index.slow.get(m[1]);
    const ti = cm.index.trait.get(m[1]);
    if (!node || (si === undefined && ti === undefined))
      throw new InputError(`--person: ${m[1]} is not a slow node or trait of the model`);
    const [lo, hi] = node.range;
    if (v < lo || v > hi)
      throw new InputError(
        `--person ${m[1]}: ${v} lies outside the node's range [${lo}, ${hi}] (${node.unit})`,
      );
    if (si !== undefined) s.slow[si] = v;
    else s.traits[ti!] = v;
  }
}
