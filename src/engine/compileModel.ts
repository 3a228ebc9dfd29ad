/**
 * Compiles a validated model into specialised kernels over batches of participants.
 *
 * JavaScript is generated only from the validated structure: formulas are parsed into
 * whitelisted ASTs, identifiers become local variable names chosen here, and parameter
 * values are re-serialised numbers. Each fast-level kernel integrates one participant at a
 * time with every state in a local variable (a fully unrolled RK4), which is what a
 * hand-written loop would do.
 */

import { identifiers, parseFormula, type Formula } from "../model/formula.js";
import { portableMath } from "../numeric/portableMath.js";
import { formulaToJs, PORTABLE_MATH_PARAM } from "./formulaToJs.js";
import { modelHash } from "../model/modelHash.js";
import type { DaySummary, Model, ModelNode } from "../model/types.js";
import { dynamicsFormulas } from "../model/validateModel.js";

/** Summary statistics kept per output (fast node or readout) of an episode. */
export const SUMMARY_STATS = ["mean", "peak", "final"] as const;
/** Number of statistics per output in an episode's summary array. */
export const NSTAT = SUMMARY_STATS.length;

/**
 * Integrates a batch of participants through one episode with fixed-step RK4.
 * Arrays are participant-major: `slow[p*nSlow + k]`, `out[(p*nOut + i)*NSTAT + stat]`.
 * `inputs[k*nInputs + j]` holds input j during step k (shared by the batch).
 * Statistics accumulate over steps `[w0, w1)` (post-step states). When `traj` is given,
 * outputs are written every `every` steps (and at t = 0): `traj[(p*nRec + r)*nOut + i]`.
 * Returns the number of participants whose states became non-finite.
 */
export type EpisodeKernel = (
  P: number,
  slow: Float64Array,
  traits: Float64Array,
  events: Float64Array,
  inputs: Float64Array,
  dt: number,
  nSteps: number,
  jitter: Float64Array | null,
  out: Float64Array,
  w0: number,
  w1: number,
  traj: Float64Array | null,
  every: number,
) => number;

/**
 * Advances the slow level of a batch by `dtDays` with an exact exponential step, holding the
 * day's summaries, events and practice loads fixed. Returns the number of participants whose
 * states became non-finite; they are left unchanged and marked in `flags` when given.
 */
export type DayKernel = (
  P: number,
  slow: Float64Array,
  traits: Float64Array,
  events: Float64Array,
  summaries: Float64Array,
  loads: Float64Array,
  dtDays: number,
  flags: Uint8Array | null,
) => number;

/** Per-person quantities of the coupling: engagement in practice and summaries' defaults. */
export type PersonKernel = (
  P: number,
  slow: Float64Array,
  traits: Float64Array,
  engagement: Float64Array,
  otherwise: Float64Array,
) => void;

/** Right-hand side of one participant's fast level, for the adaptive reference solver. */
export type FastRhs = (
  y: Float64Array,
  dydt: Float64Array,
  inputs: Float64Array,
  slow: Float64Array,
  traits: Float64Array,
  events: Float64Array,
  jitter: Float64Array | null,
) => void;

/** A model compiled for simulation. */
export interface CompiledModel {
  model: Model;
  hash: string;
  /** Parameter values the kernels were compiled with. */
  params: Readonly<Record<string, number>>;
  fast: ModelNode[];
  readouts: ModelNode[];
  inputs: ModelNode[];
  slow: ModelNode[];
  traits: ModelNode[];
  /** Slow nodes trained by practice, in the order of the `loads` array. */
  skills: ModelNode[];
  events: string[];
  summaries: DaySummary[];
  /** Fast node ids followed by readout ids: the outputs of an episode. */
  outputs: string[];
  index: {
    fast: Map<string, number>;
    input: Map<string, number>;
    slow: Map<string, number>;
    trait: Map<string, number>;
    output: Map<string, number>;
    skill: Map<string, number>;
    event: Map<string, number>;
    summary: Map<string, number>;
  };
  episode: EpisodeKernel;
  /** The same kernel without trajectory support (the hot path). */
  day: DayKernel;
  person: PersonKernel;
  fastRhs: FastRhs;
  /** Initial fast states of one participant (the `init` formulas). */
  fastInit: (
    slow: Float64Array,
    traits: Float64Array,
    events: Float64Array,
    y: Float64Array,
  ) => void;
  /** The generated source, for inspection and debugging. */
  source: { episode: string; day: string; person: string; rhs: string };
}

/** Options for {@link compileModel}. */
export interface CompileOptions {
  /** Parameter values overriding the model's (e.g. a draw from the priors). */
  params?: Record<string, number>;
}

const num = (v: number): string => (Object.is(v, -0) ? "0" : v < 0 ? `(${v})` : String(v));

/** Adds the jitter variable inside a top-level sigmoid (state noise in logit units). */
function withJitter(f: Formula, jit: string): Formula {
  const j: Formula = { type: "id", name: jit };
  if (f.type === "call" && f.fn === "sigmoid")
    return {
      type: "call",
      fn: "sigmoid",
      args: [{ type: "bin", op: "+", left: f.args[0], right: j }],
    };
  return { type: "bin", op: "+", left: f, right: j };
}

/** Compiles a validated model (see `validateModel`) into simulation kernels. */
export function compileModel(model: Model, opts: CompileOptions = {}): CompiledModel {
  const params: Record<string, number> = {};
  for (const [k, p] of Object.entries(model.parameters)) params[k] = p.value;
  for (const [k, v] of Object.entries(opts.params ?? {})) {
    if (!(k in params)) throw new Error(`compileModel: unknown parameter ${JSON.stringify(k)}`);
    if (!Number.isFinite(v))
      throw new Error(`compileModel: parameter ${k} must be finite, got ${v}`);
    params[k] = v;
  }
  const by = (level: string): ModelNode[] => model.nodes.filter((n) => n.level === level);
  const fast = by("fast");
  const inputs = by("input");
  const slow = by("slow");
  const traits = by("trait");
  const readouts = orderReadouts(by("readout"));
  const skills = slow.filter((n) => n.dynamics?.form === "train");
  const events = model.coupling.events.map((e) => e.id);
  const summaries = model.coupling.summaries;
  const idx = <T extends { id: string }>(xs: T[]): Map<string, number> =>
    new Map(xs.map((x, i) => [x.id, i]));
  const index = {
    fast: idx(fast),
    input: idx(inputs),
    slow: idx(slow),
    trait: idx(traits),
    output: new Map([...fast, ...readouts].map((n, i) => [n.id, i])),
    skill: idx(skills),
    event: new Map(events.map((e, i) => [e, i])),
    summary: idx(summaries),
  };
  const NF = fast.length;
  const NO = NF + readouts.length;

  /** Resolver shared by all kernels; `fastVar` names the fast state variables in context. */
  const resolver =
    (fastVar: (i: number) => string, extra: Record<string, string> = {}) =>
    (name: string): string => {
      if (name in extra) return extra[name];
      const f = index.fast.get(name);
      if (f !== undefined) return fastVar(f);
      const r = readouts.findIndex((n) => n.id === name);
      if (r >= 0) return `r${r}`;
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
      if (name in params) return num(params[name]);
      throw new Error(`compileModel: unresolved identifier ${JSON.stringify(name)}`);
    };

  const fastEq = fast.map((n, i) => withJitter(parseFormula(n.equation!), `__jit${i}`));
  const jitNames = (i: number): Record<string, string> => ({ [`__jit${i}`]: `j${i}` });
  const eqJs = (prefix: string): string[] =>
    fastEq.map((f, i) =>
      formulaToJs(
        f,
        resolver((k) => `${prefix}${k}`, jitNames(i)),
      ),
    );
  const tauJs = fast.map((n) =>
    typeof n.tau === "number"
      ? num(n.tau)
      : formulaToJs(
          parseFormula(String(n.tau)),
          resolver(() => "NaN"),
        ),
  );
  const initJs = fast.map((n) =>
    n.init
      ? formulaToJs(
          parseFormula(n.init),
          resolver(() => "NaN"),
        )
      : "0",
  );
  const readoutJs = readouts.map((n) =>
    formulaToJs(
      parseFormula(n.equation!),
      resolver((k) => `x${k}`),
    ),
  );

  const loadPerson = (): string[] => [
    ...slow.map((_, k) => `const g${k} = slow[so + ${k}];`),
    ...traits.map((_, k) => `const t${k} = traits[to + ${k}];`),
  ];
  const loadEvents = (): string[] => events.map((_, k) => `const e${k} = events[eo + ${k}];`);
  const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

  // ---- episode kernel ------------------------------------------------------------------
  const stage = (ks: string, src: string): string[] => {
    const eq = eqJs(src);
    return range(NF).map((i) => `const ${ks}${i} = (${eq[i]} - ${src}${i}) * it${i};`);
  };
  const ep: string[] = [];
  ep.push(`"use strict";`, `let bad = 0;`, `const h = dt, hh = 0.5 * dt, h6 = dt / 6;`);
  ep.push(`for (let p = 0; p < P; p++) {`);
  ep.push(`const so = p * ${slow.length}, to = p * ${traits.length}, eo = p * ${events.length};`);
  ep.push(...loadPerson(), ...loadEvents());
  ep.push(...range(NF).map((i) => `const it${i} = 1 / (${tauJs[i]});`));
  ep.push(...range(NF).map((i) => `const j${i} = jitter === null ? 0 : jitter[p * ${NF} + ${i}];`));
  ep.push(...range(NF).map((i) => `let x${i} = ${initJs[i]};`));
  ep.push(...range(NO).map((i) => `let m${i} = 0, pk${i} = -Infinity;`));
  ep.push(...range(readouts.length).map((r) => `let r${r} = 0;`));
  const readoutBlock = [
    ...range(inputs.length).map((j) => `const u${j} = inputs[ub + ${j}];`),
    ...readouts.map((_, r) => `r${r} = ${readoutJs[r]};`),
  ];
  const outVar = (i: number): string => (i < NF ? `x${i}` : `r${i - NF}`);
  const record = (rec: string): string[] => [
    `if (traj !== null) { const tb = (p * nRec + ${rec}) * ${NO};`,
    ...range(NO).map((i) => `traj[tb + ${i}] = ${outVar(i)};`),
    `}`,
  ];
  ep.push(`const nRec = traj === null ? 0 : Math.floor(nSteps / every) + 1;`);
  ep.push(`{ const ub = 0; ${readoutBlock.join(" ")} ${record("0").join(" ")} }`);
  ep.push(`for (let k = 0; k < nSteps; k++) {`);
  ep.push(`const ib = k * ${inputs.length};`);
  ep.push(...range(inputs.length).map((j) => `const u${j} = inputs[ib + ${j}];`));
  ep.push(...stage("a", "x"));
  ep.push(...range(NF).map((i) => `const y${i} = x${i} + hh * a${i};`));
  ep.push(...stage("b", "y"));
  ep.push(...range(NF).map((i) => `const z${i} = x${i} + hh * b${i};`));
  ep.push(...stage("c", "z"));
  ep.push(...range(NF).map((i) => `const v${i} = x${i} + h * c${i};`));
  ep.push(...stage("d", "v"));
  ep.push(...range(NF).map((i) => `x${i} += h6 * (a${i} + 2 * b${i} + 2 * c${i} + d${i});`));
  ep.push(`const inWin = k >= w0 && k < w1;`);
  ep.push(`if (inWin || (traj !== null && (k + 1) % every === 0)) {`);
  ep.push(...readouts.map((_, r) => `r${r} = ${readoutJs[r]};`));
  ep.push(`}`);
  ep.push(`if (inWin) {`);
  ep.push(
    ...range(NO).map(
      (i) => `m${i} += ${outVar(i)}; if (${outVar(i)} > pk${i}) pk${i} = ${outVar(i)};`,
    ),
  );
  ep.push(`}`);
  ep.push(`if (traj !== null && (k + 1) % every === 0) {`, ...record("(k + 1) / every"), `}`);
  ep.push(`}`);
  ep.push(`{ const ub = (nSteps - 1) * ${inputs.length}; ${readoutBlock.join(" ")} }`);
  ep.push(`const nw = Math.max(1, Math.min(w1, nSteps) - Math.max(0, w0));`);
  ep.push(`const ob = p * ${NO * NSTAT};`);
  ep.push(`let finite = true;`);
  ep.push(
    ...range(NO).map(
      (i) =>
        `out[ob + ${i * NSTAT}] = m${i} / nw; out[ob + ${i * NSTAT + 1}] = pk${i}; out[ob + ${i * NSTAT + 2}] = ${outVar(i)}; if (!Number.isFinite(${outVar(i)})) finite = false;`,
    ),
  );
  ep.push(`if (!finite) bad++;`);
  ep.push(`}`, `return bad;`);
  const episodeSrc = ep.join("\n");
  const episode = compileKernel(
    [
      "P",
      "slow",
      "traits",
      "events",
      "inputs",
      "dt",
      "nSteps",
      "jitter",
      "out",
      "w0",
      "w1",
      "traj",
      "every",
    ],
    episodeSrc,
  ) as EpisodeKernel;

  // ---- day kernel ----------------------------------------------------------------------
  const slowRes = resolver(() => "NaN");
  const dy: string[] = [`"use strict";`, `let bad = 0;`];
  dy.push(`for (let p = 0; p < P; p++) {`);
  dy.push(
    `const so = p * ${slow.length}, to = p * ${traits.length}, eo = p * ${events.length}, sb = p * ${summaries.length}, lb = p * ${skills.length};`,
  );
  dy.push(...loadPerson(), ...loadEvents());
  dy.push(...summaries.map((_, k) => `const s${k} = sums[sb + ${k}];`));
  dy.push(...skills.map((_, k) => `const l${k} = loads[lb + ${k}];`));
  dy.push(`let ok = true;`);
  slow.forEach((n, k) => {
    const d = n.dynamics!;
    const f = Object.fromEntries(
      Object.entries(dynamicsFormulas(d)).map(([key, src]) => [
        key,
        formulaToJs(parseFormula(src), slowRes),
      ]),
    );
    let a: string, b: string;
    if (d.form === "relax") {
      a = `(${f.target}) / (${f.tau})`;
      b = `1 / (${f.tau})`;
    } else if (d.form === "train") {
      const load = `l${index.skill.get(n.id)}`;
      a = `(${f.rate}) * ${load} + (${f.decay}) * (${f.baseline})${f.drive ? ` + (${f.drive})` : ""}`;
      b = `(${f.rate}) * ${load} + (${f.decay})`;
    } else {
      a = f.drive;
      b = f.decay;
    }
    dy.push(`const A${k} = ${a}, B${k} = ${b};`);
    dy.push(
      `let n${k} = B${k} > 1e-12 ? A${k} / B${k} + (g${k} - A${k} / B${k}) * PM.exp(-B${k} * dtDays) : g${k} + A${k} * dtDays;`,
    );
    dy.push(
      `if (!Number.isFinite(n${k})) ok = false; else n${k} = Math.min(Math.max(n${k}, ${num(n.range[0])}), ${num(n.range[1])});`,
    );
  });
  dy.push(
    `if (ok) { ${slow.map((_, k) => `slow[so + ${k}] = n${k};`).join(" ")} } else { bad++; if (flags !== null) flags[p] = 1; }`,
  );
  dy.push(`}`, `return bad;`);
  const daySrc = dy.join("\n");
  const day = compileKernel(
    ["P", "slow", "traits", "events", "sums", "loads", "dtDays", "flags"],
    daySrc,
  ) as DayKernel;

  // ---- person kernel -------------------------------------------------------------------
  const pr: string[] = [`"use strict";`, `for (let p = 0; p < P; p++) {`];
  pr.push(`const so = p * ${slow.length}, to = p * ${traits.length};`, ...loadPerson());
  pr.push(`engagement[p] = ${formulaToJs(parseFormula(model.coupling.engagement), slowRes)};`);
  summaries.forEach((s, k) =>
    pr.push(
      `otherwise[p * ${summaries.length} + ${k}] = ${formulaToJs(parseFormula(s.otherwise), slowRes)};`,
    ),
  );
  pr.push(`}`);
  const personSrc = pr.join("\n");
  const person = compileKernel(
    ["P", "slow", "traits", "engagement", "otherwise"],
    personSrc,
  ) as PersonKernel;

  // ---- single-participant right-hand side (reference solver) ---------------------------
  const rh: string[] = [
    `"use strict";`,
    `const so = 0, to = 0, eo = 0;`,
    ...loadPerson(),
    ...loadEvents(),
  ];
  rh.push(...range(NF).map((i) => `const j${i} = jitter === null ? 0 : jitter[${i}];`));
  rh.push(...range(inputs.length).map((j) => `const u${j} = inputs[${j}];`));
  rh.push(...range(NF).map((i) => `const y${i} = y[${i}];`));
  const eqY = eqJs("y");
  rh.push(...range(NF).map((i) => `dydt[${i}] = (${eqY[i]} - y${i}) / (${tauJs[i]});`));
  const rhsSrc = rh.join("\n");
  const fastRhs = compileKernel(
    ["y", "dydt", "inputs", "slow", "traits", "events", "jitter"],
    rhsSrc,
  ) as FastRhs;

  const initSrc = [
    `"use strict";`,
    `const so = 0, to = 0, eo = 0;`,
    ...loadPerson(),
    ...loadEvents(),
    ...range(NF).map((i) => `y[${i}] = ${initJs[i]};`),
  ].join("\n");
  const fastInit = compileKernel(
    ["slow", "traits", "events", "y"],
    initSrc,
  ) as CompiledModel["fastInit"];

  return {
    model,
    hash: modelHash(model),
    params,
    fast,
    readouts,
    inputs,
    slow,
    traits,
    skills,
    events,
    summaries,
    outputs: [...fast, ...readouts].map((n) => n.id),
    index,
    episode,
    day,
    person,
    fastRhs,
    fastInit,
    source: { episode: episodeSrc, day: daySrc, person: personSrc, rhs: rhsSrc },
  };
}

/**
 * Builds a generated kernel: `body` becomes a function of `params` that closes over
 * `PM` = numeric/portableMath (the portable exp/log/pow/tanh the emitted code calls), so
 * kernels keep their signatures and give the same bits in every engine.
 */
function compileKernel(params: string[], body: string): unknown {
  const factory = new Function(
    PORTABLE_MATH_PARAM,
    `"use strict";\nreturn function kernel(${params.join(", ")}) {\n${body}\n};`,
  ) as (pm: typeof portableMath) => unknown;
  return factory(portableMath);
}

/** Orders readouts so that each comes after the readouts it reads (validated acyclic). */
function orderReadouts(readouts: ModelNode[]): ModelNode[] {
  const ids = new Set(readouts.map((r) => r.id));
  const deps = new Map(
    readouts.map((r) => [
      r.id,
      [...identifiers(parseFormula(r.equation!))].filter((d) => ids.has(d)),
    ]),
  );
  const out: ModelNode[] = [];
  const done = new Set<string>();
  const visit = (r: ModelNode): void => {
    if (done.has(r.id)) return;
    done.add(r.id);
    for (const d of deps.get(r.id) ?? []) visit(readouts.find((x) => x.id === d)!);
    out.push(r);
  };
  readouts.forEach(visit);
  return out;
}
