/**
 * Compile step 4: the episode kernel — a fully unrolled fixed-step RK4 over the fast level,
 * one participant at a time with every state in a local, accumulating the summaries (mean,
 * peak, final) of each output over the schedule's window and recording trajectories when
 * asked. Its body reads `batch` (an `EpisodeBatch`) and `schedule` (an `EpisodeSchedule`).
 * A participant whose outputs end non-finite or a fast state far out of its range counts as
 * diverged: the kernel returns how many did and marks each in `batch.status`.
 */

import { NSTAT } from "../kernelTypes.js";
import type { FastExpressions } from "./fastExpressions.js";
import { loadEvents, loadPerson, num, range } from "./localNames.js";
import type { ModelLayout } from "./modelLayout.js";

/** Unpacks the batch and schedule into the locals the kernel body uses. */
function prologue(): string[] {
  return [
    `"use strict";`,
    `const P = batch.count, slow = batch.slow, traits = batch.traits, events = batch.events, out = batch.out;`,
    `const jitter = batch.jitter ?? null, trajectory = batch.trajectory ?? null, status = batch.status ?? null;`,
    `const traj = trajectory === null ? null : trajectory.values, every = trajectory === null ? 1 : trajectory.every;`,
    `const inputs = schedule.inputs, dt = schedule.dt, nSteps = schedule.nSteps, w0 = schedule.w0, w1 = schedule.w1;`,
    `let bad = 0;`,
    `const h = dt, hh = 0.5 * dt, h6 = dt / 6;`,
  ];
}

/** One RK4 step of every fast node from the states `x*` (stages a, b, c, d). */
function rk4Step(NF: number, fx: FastExpressions): string[] {
  const stage = (ks: string, src: string): string[] => {
    const eq = fx.equations(src);
    return range(NF).map((i) => `const ${ks}${i} = (${eq[i]} - ${src}${i}) * it${i};`);
  };
  return [
    ...stage("a", "x"),
    ...range(NF).map((i) => `const y${i} = x${i} + hh * a${i};`),
    ...stage("b", "y"),
    ...range(NF).map((i) => `const z${i} = x${i} + hh * b${i};`),
    ...stage("c", "z"),
    ...range(NF).map((i) => `const v${i} = x${i} + h * c${i};`),
    ...stage("d", "v"),
    ...range(NF).map((i) => `x${i} += h6 * (a${i} + 2 * b${i} + 2 * c${i} + d${i});`),
  ];
}

/**
 * How far outside its range a fast state may end (in widths of the range) before the episode
 * counts as diverged: RK4 at a stable step overshoots a bounded target only slightly.
 */
export const RANGE_SLACK = 1;

/**
 * A JavaScript condition true when output i of participant p is healthy: its mean and final
 * value finite and, for a fast node, its final value and peak within the node's range widened
 * by {@link RANGE_SLACK} widths on each side.
 */
function healthy(layout: ModelLayout, i: number): string {
  const NF = layout.fast.length;
  const v = i < NF ? `x${i}` : `r${i - NF}`;
  const mean = `Number.isFinite(m${i})`;
  if (i >= NF) return `Number.isFinite(${v}) && ${mean}`;
  const [lo, hi] = layout.fast[i].range;
  const w = RANGE_SLACK * (hi - lo);
  return `${v} >= ${num(lo - w)} && ${v} <= ${num(hi + w)} && pk${i} <= ${num(hi + w)} && ${mean}`;
}

/** Emits the body of the episode kernel. */
export function emitEpisodeKernel(layout: ModelLayout, fx: FastExpressions): string {
  const { slow, traits, events, inputs, readouts } = layout;
  const NF = layout.fast.length;
  const NO = NF + readouts.length;
  const NI = inputs.length;
  const outVar = (i: number): string => (i < NF ? `x${i}` : `r${i - NF}`);
  const readoutBlock = [
    ...range(NI).map((j) => `const u${j} = inputs[ub + ${j}];`),
    ...readouts.map((_, r) => `r${r} = ${fx.readouts[r]};`),
  ];
  const record = (rec: string): string[] => [
    `if (traj !== null) { const tb = (p * nRec + ${rec}) * ${NO};`,
    ...range(NO).map((i) => `traj[tb + ${i}] = ${outVar(i)};`),
    `}`,
  ];
  const ep: string[] = [...prologue()];
  // Per participant: load states, set up the fast level, record t = 0.
  ep.push(`for (let p = 0; p < P; p++) {`);
  ep.push(`const so = p * ${slow.length}, to = p * ${traits.length}, eo = p * ${events.length};`);
  ep.push(...loadPerson(layout), ...loadEvents(layout));
  ep.push(...range(NF).map((i) => `const it${i} = 1 / (${fx.tau[i]});`));
  ep.push(...range(NF).map((i) => `const j${i} = jitter === null ? 0 : jitter[p * ${NF} + ${i}];`));
  ep.push(...range(NF).map((i) => `let x${i} = ${fx.init[i]};`));
  ep.push(...range(NO).map((i) => `let m${i} = 0, pk${i} = -Infinity;`));
  ep.push(...range(readouts.length).map((r) => `let r${r} = 0;`));
  ep.push(`const nRec = traj === null ? 0 : Math.floor(nSteps / every) + 1;`);
  ep.push(`{ const ub = 0; ${readoutBlock.join(" ")} ${record("0").join(" ")} }`);
  // The steps: inputs of step k, one RK4 step, readouts, window statistics, recording.
  ep.push(`for (let k = 0; k < nSteps; k++) {`);
  ep.push(`const ib = k * ${NI};`);
  ep.push(...range(NI).map((j) => `const u${j} = inputs[ib + ${j}];`));
  ep.push(...rk4Step(NF, fx));
  ep.push(`const inWin = k >= w0 && k < w1;`);
  ep.push(`if (inWin || (traj !== null && (k + 1) % every === 0)) {`);
  ep.push(...readouts.map((_, r) => `r${r} = ${fx.readouts[r]};`));
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
  // Summaries: readouts at the last step's inputs, mean over the window, peak, final.
  ep.push(`{ const ub = (nSteps - 1) * ${NI}; ${readoutBlock.join(" ")} }`);
  ep.push(`const nw = Math.max(1, Math.min(w1, nSteps) - Math.max(0, w0));`);
  ep.push(`const ob = p * ${NO * NSTAT};`);
  ep.push(`let first = -1;`);
  ep.push(
    ...range(NO).map(
      (i) =>
        `out[ob + ${i * NSTAT}] = m${i} / nw; out[ob + ${i * NSTAT + 1}] = pk${i}; out[ob + ${i * NSTAT + 2}] = ${outVar(i)}; if (first < 0 && !(${healthy(layout, i)})) first = ${i};`,
    ),
  );
  ep.push(
    `if (first >= 0) { bad++; if (status !== null) status[p] = first + 1; } else if (status !== null) status[p] = 0;`,
  );
  ep.push(`}`, `return bad;`);
  return ep.join("\n");
}
