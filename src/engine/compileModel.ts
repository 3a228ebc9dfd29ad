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
import { formulaToJs } from "./formulaToJs.js";
import { modelHash } from "../model/modelHash.js";
import type { DaySummary, Model, ModelNode } from "../model/types.js";
import { dynamicsFormulas } from "../model/validateModel.js";

/** Summary statistics kept per output (fast node or readout) of an episode. */
export const SUMMARY_STATS = ["mean", "peak", "final"] as const;
/** Number of statistics per output in an episode's summary array. */
export const NSTAT = SUMMARY_STATS.length;

/** Participant-major state of a batch: `slow[p*nSlow + k]`, `traits[p*nTraits + k]`, … */
export interface ParticipantBatch {
  /** Number of participants in the batch. */
  count: number;
  /** Slow states, `count × slow.length`. */
  slow: Float64Array;
  /** Traits, `count × traits.length`. */
  traits: Float64Array;
  /** The day's event levels, `count × events.length`. */
  events: Float64Array;
}

/** Trajectory recording of an episode: outputs every `every` steps (and at t = 0). */
export interface TrajectoryBuffer {
  /** `values[(p*nRec + r)*nOut + i]` with `nRec = floor(nSteps / every) + 1`. */
  values: Float64Array;
  /** Record every `every` steps (≥ 1). */
  every: number;
}

/** What the episode kernel reads (states) and writes (summaries, trajectories) per participant. */
export interface EpisodeBatch extends ParticipantBatch {
  /** State noise (logit units), `count × fast.length`; none when null or absent. */
  jitter?: Float64Array | null;
  /** Summary statistics written here: `out[(p*nOut + i)*NSTAT + stat]`. */
  out: Float64Array;
  /** Trajectories, when wanted (default none). */
  trajectory?: TrajectoryBuffer | null;
}

/** The stimulus schedule of an episode, shared by every participant of a batch. */
export interface EpisodeSchedule {
  /** `inputs[k*nInputs + j]`: input j during step k. */
  inputs: Float64Array;
  /** RK4 step (seconds). */
  dt: number;
  /** Number of steps. */
  nSteps: number;
  /** Summary statistics accumulate over steps `[w0, w1)` (post-step states). */
  w0: number;
  w1: number;
}

/**
 * Integrates a batch of participants through one episode with fixed-step RK4.
 * Returns the number of participants whose states became non-finite.
 */
export type EpisodeKernel = (batch: EpisodeBatch, schedule: EpisodeSchedule) => number;

/** What the day kernel reads and advances: states plus the day's summaries and practice loads. */
export interface DayBatch extends ParticipantBatch {
  /** Day summaries, `count × summaries.length`. */
  summaries: Float64Array;
  /** Practice load on each skill, `count × skills.length`. */
  loads: Float64Array;
  /** Participants whose states became non-finite are marked 1 here, when given. */
  flags?: Uint8Array | null;
}

/**
 * Advances the slow level of a batch by `dtDays` with an exact exponential step, holding the
 * day's summaries, events and practice loads fixed. Returns the number of participants whose
 * states became non-finite; they are left unchanged and marked in `flags` when given.
 */
export type DayKernel = (batch: DayBatch, dtDays: number) => number;

/** What the person kernel reads (slow states, traits) and writes (engagement, defaults). */
export interface PersonBatch {
  count: number;
  slow: Float64Array;
  traits: Float64Array;
  /** Engagement in practice, one per participant (written). */
  engagement: Float64Array;
  /** Day summaries' values when no episode feeds them, `count × summaries.length` (written). */
  otherwise: Float64Array;
}

/** Per-person quantities of the coupling: engagement in practice and summaries' defaults. */
export type PersonKernel = (batch: PersonBatch) => void;

/** One participant's states, for the single-participant functions (reference solver). */
export interface OneParticipant {
  slow: Float64Array;
  traits: Float64Array;
  events: Float64Array;
  /** State noise of each fast node (logit units); none when null or absent. */
  jitter?: Float64Array | null;
}

/** Right-hand side of one participant's fast level, for the adaptive reference solver. */
export type FastRhs = (
  y: Float64Array,
  dydt: Float64Array,
  inputs: Float64Array,
  person: OneParticipant,
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
  fastInit: (person: OneParticipant, y: Float64Array) => void;
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
  ep.push(
    `"use strict";`,
    `const P = batch.count, slow = batch.slow, traits = batch.traits, events = batch.events, out = batch.out;`,
    `const jitter = batch.jitter ?? null, trajectory = batch.trajectory ?? null;`,
    `const traj = trajectory === null ? null : trajectory.values, every = trajectory === null ? 1 : trajectory.every;`,
    `const inputs = schedule.inputs, dt = schedule.dt, nSteps = schedule.nSteps, w0 = schedule.w0, w1 = schedule.w1;`,
  );
  ep.push(`let bad = 0;`, `const h = dt, hh = 0.5 * dt, h6 = dt / 6;`);
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
  const episode = new Function("batch", "schedule", episodeSrc) as EpisodeKernel;

  // ---- day kernel ----------------------------------------------------------------------
  const slowRes = resolver(() => "NaN");
  const dy: string[] = [
    `"use strict";`,
    `const P = batch.count, slow = batch.slow, traits = batch.traits, events = batch.events;`,
    `const sums = batch.summaries, loads = batch.loads, flags = batch.flags ?? null;`,
    `let bad = 0;`,
  ];
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
      `let n${k} = B${k} > 1e-12 ? A${k} / B${k} + (g${k} - A${k} / B${k}) * Math.exp(-B${k} * dtDays) : g${k} + A${k} * dtDays;`,
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
  const day = new Function("batch", "dtDays", daySrc) as DayKernel;

  // ---- person kernel -------------------------------------------------------------------
  const pr: string[] = [
    `"use strict";`,
    `const P = batch.count, slow = batch.slow, traits = batch.traits;`,
    `const engagement = batch.engagement, otherwise = batch.otherwise;`,
    `for (let p = 0; p < P; p++) {`,
  ];
  pr.push(`const so = p * ${slow.length}, to = p * ${traits.length};`, ...loadPerson());
  pr.push(`engagement[p] = ${formulaToJs(parseFormula(model.coupling.engagement), slowRes)};`);
  summaries.forEach((s, k) =>
    pr.push(
      `otherwise[p * ${summaries.length} + ${k}] = ${formulaToJs(parseFormula(s.otherwise), slowRes)};`,
    ),
  );
  pr.push(`}`);
  const personSrc = pr.join("\n");
  const person = new Function("batch", personSrc) as PersonKernel;

  // ---- single-participant right-hand side (reference solver) ---------------------------
  const rh: string[] = [
    `"use strict";`,
    `const slow = person.slow, traits = person.traits, events = person.events, jitter = person.jitter ?? null;`,
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
  const fastRhs = new Function("y", "dydt", "inputs", "person", rhsSrc) as FastRhs;

  const initSrc = [
    `"use strict";`,
    `const slow = person.slow, traits = person.traits, events = person.events;`,
    `const so = 0, to = 0, eo = 0;`,
    ...loadPerson(),
    ...loadEvents(),
    ...range(NF).map((i) => `y[${i}] = ${initJs[i]};`),
  ].join("\n");
  const fastInit = new Function("person", "y", initSrc) as CompiledModel["fastInit"];

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
