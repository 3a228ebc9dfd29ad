/**
 * Compile step 2: naming. Every identifier of a formula becomes a local variable chosen here
 * (`x0` fast state, `r0` readout, `u0` input, `g0` slow state, `t0` trait, `e0` event, `s0`
 * day summary, `l0` practice load) or a parameter's value as a numeric literal. No text of
 * the model file is ever emitted: only these names and re-serialised numbers.
 */

import type { ModelLayout } from "./modelLayout.js";

/**
 * A JavaScript literal for a finite number (negatives parenthesised, −0 as 0).
 * @throws TypeError for anything but a finite number, so no other text reaches the source.
 */
export function num(v: number): string {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new TypeError(`compileModel: expected a finite number, got ${typeof v} ${String(v)}`);
  return Object.is(v, -0) ? "0" : v < 0 ? `(${v})` : String(v);
}

/** `[0, 1, …, n − 1]`. */
export const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** Maps identifiers to local names in a kernel; `fastVar` names fast states in context. */
export type Resolver = (name: string) => string;

/**
 * The resolver shared by every kernel: fast states through `fastVar`, then readouts, inputs,
 * slow states, traits, events, summaries, practice loads (`load_<skill>`), parameters.
 * `extra` names kernel-local variables (e.g. the jitter of a fast node).
 */
export function localNames(
  layout: ModelLayout,
  params: Readonly<Record<string, number>>,
): (fastVar: (i: number) => string, extra?: Record<string, string>) => Resolver {
  const { index } = layout;
  return (fastVar, extra = {}) =>
    (name) => {
      if (Object.hasOwn(extra, name)) return extra[name];
      const f = index.fast.get(name);
      if (f !== undefined) return fastVar(f);
      const r = index.readout.get(name);
      if (r !== undefined) return `r${r}`;
      const u = index.input.get(name);
      if (u !== undefined) return `u${u}`;
      const g = index.slow.get(name);
      if (g !== undefined) return `g${g}`;
      const t = index.trait.get(name);
      if (t !== undefined) return `t${t}`;
      const e = index.event.get(name);
      if (e !== undefined) return `e${e}`;
      const s = index.summary.get(name);
      if (s !== undefined) return `s${s}`;
      if (name.startsWith("load_") && index.skill.has(name.slice(5)))
        return `l${index.skill.get(name.slice(5))}`;
      if (Object.hasOwn(params, name)) return num(params[name]);
      throw new Error(`compileModel: unresolved identifier ${JSON.stringify(name)}`);
    };
}

/** Statements loading participant p's slow states and traits into locals `g*`, `t*`. */
export function loadPerson(layout: ModelLayout): string[] {
  return [
    ...layout.slow.map((_, k) => `const g${k} = slow[so + ${k}];`),
    ...layout.traits.map((_, k) => `const t${k} = traits[to + ${k}];`),
  ];
}

/** Statements loading participant p's events into locals `e*`. */
export function loadEvents(layout: ModelLayout): string[] {
  return layout.events.map((_, k) => `const e${k} = events[eo + ${k}];`);
}
