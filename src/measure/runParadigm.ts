/**
 * Running a paradigm for a batch of participants: each condition through the fast level,
 * each measure's latent source computed and read through its instrument.
 */

import * as pm from "../numeric/portableMath.js";
import { NSTAT, type CompiledModel } from "../engine/compileModel.js";
import {
  checkOnDivergence,
  DivergenceError,
  episodeDivergences,
  type Divergence,
  type OnDivergence,
} from "../engine/divergence.js";
import { hashName, RandomStream } from "../numeric/random.js";
import { episodeInputs, type Batch, type EpisodeInputs } from "../sim/episode.js";
import { measure, measureDiary } from "./instruments/measure.js";
import type { DiaryInstrument } from "./instruments/types.js";
import type { Paradigm, ParadigmMeasure } from "./paradigm.js";

/** One recorded value: participant (batch index), measure, optional time (minutes), value. */
export interface MeasureRow {
  p: number;
  measure: string;
  time: number | null;
  value: number;
}

/** What a paradigm run needs besides the model and the batch. */
export interface ParadigmContext {
  seed: number;
  /** Participant ids of the batch (random-stream keys). */
  ids: Uint32Array;
  /** Label of the occasion (wave), part of the random-stream names. */
  occasion: string;
  /** State noise (logit SD per fast node and condition; default {@link PARADIGM_NOISE}). */
  noise?: number;
  /**
   * Participants whose states diverge in a condition: `"fail"` (default) throws a
   * DivergenceError naming them; `"drop"` leaves their rows out and appends them to
   * `divergences` (when given), so the caller can count them.
   */
  onDivergence?: OnDivergence;
  /** Receives the participants dropped under `onDivergence: "drop"`. */
  divergences?: Divergence[];
  /** For diary sources: values of a variable over the last `days` days for batch member p. */
  series?: (p: number, variable: string, days: number) => Float64Array;
}

/** Default RK4 step (seconds) of a paradigm condition without its own `dt`. */
export const PARADIGM_DT = 0.1;
/** Default state noise (logit SD per fast node and condition) of a paradigm run. */
export const PARADIGM_NOISE = 0.3;

const gammaResponse = (t: number, peak: number): number =>
  t <= 0 ? 0 : (t / peak) * pm.exp(1 - t / peak);

/** What one condition of a paradigm gave for the batch. */
interface ConditionResult {
  /** `summaries[(p*nOut + i)*NSTAT + stat]`. */
  summaries: Float64Array;
  /** Covariance of outputs a and b over the window for member p (when recorded). */
  coupling?: (a: number, b: number, p: number) => number;
  /** Per trial (when the condition has trials): each output's mean, `[(p*nOut + i)]`. */
  trialMeans?: Float64Array[];
}

/** State noise of each batch member and fast node for one condition and occasion. */
function conditionJitter(
  cm: CompiledModel,
  paradigm: Paradigm,
  condition: string,
  ctx: ParadigmContext,
  P: number,
  noise: number,
  trial?: number,
): Float64Array | null {
  if (!(noise > 0)) return null;
  const NF = cm.fast.length;
  const jitter = new Float64Array(P * NF);
  const stream = hashName(
    `paradigm/${paradigm.id}/${condition}/${ctx.occasion}${trial === undefined ? "" : `/trial ${trial}`}`,
  );
  for (let p = 0; p < P; p++) {
    const r = new RandomStream(ctx.seed, ctx.ids[p], stream);
    for (let i = 0; i < NF; i++) jitter[p * NF + i] = noise * r.normal();
  }
  return jitter;
}

/** Covariance of two outputs over the window of a recorded episode (post-step states). */
function windowCoupling(
  traj: Float64Array,
  ei: EpisodeInputs,
  NO: number,
): (a: number, b: number, p: number) => number {
  const nRec = ei.nSteps + 1;
  return (a, b, p) => {
    const k0 = Math.max(1, ei.w0 + 1);
    const k1 = Math.min(ei.nSteps, ei.w1);
    let ma = 0;
    let mb = 0;
    for (let k = k0; k <= k1; k++) {
      ma += traj[(p * nRec + k) * NO + a];
      mb += traj[(p * nRec + k) * NO + b];
    }
    const n = k1 - k0 + 1;
    ma /= n;
    mb /= n;
    let s = 0;
    for (let k = k0; k <= k1; k++)
      s += (traj[(p * nRec + k) * NO + a] - ma) * (traj[(p * nRec + k) * NO + b] - mb);
    return s / n;
  };
}

/**
 * Runs every condition of the paradigm through the fast level for the batch; members whose
 * states diverge are added to `diverged` (batch index → first divergence).
 */
function runConditions(
  cm: CompiledModel,
  paradigm: Paradigm,
  batch: Batch,
  ctx: ParadigmContext,
  diverged: Map<number, Divergence>,
): Map<string, ConditionResult> {
  const P = batch.P;
  const NO = cm.outputs.length;
  const noise = ctx.noise ?? PARADIGM_NOISE;
  const needTraj = new Set(
    paradigm.measures.flatMap((m) =>
      m.source.from === "coupling" ? [m.source.condition, m.source.contrast ?? ""] : [],
    ),
  );
  const trialsOf = new Map<string, number>();
  for (const m of paradigm.measures)
    if (m.source.from === "coupling" && m.source.trials !== undefined)
      for (const c of [m.source.condition, m.source.contrast])
        if (c !== undefined) trialsOf.set(c, Math.max(trialsOf.get(c) ?? 0, m.source.trials));
  const results = new Map<string, ConditionResult>();
  for (const c of paradigm.conditions) {
    const ei = episodeInputs(cm, {
      type: c.id,
      duration: c.duration,
      dt: c.dt ?? PARADIGM_DT,
      segments: c.segments,
      window: c.window,
    });
    const summaries = new Float64Array(P * NO * NSTAT);
    const traj = needTraj.has(c.id) ? new Float64Array(P * (ei.nSteps + 1) * NO) : null;
    const status = new Int32Array(P);
    const bad = cm.episode(
      {
        count: P,
        slow: batch.slow,
        traits: batch.traits,
        events: batch.events,
        jitter: conditionJitter(cm, paradigm, c.id, ctx, P, noise),
        out: summaries,
        trajectory: traj === null ? null : { values: traj, every: 1 },
        status,
      },
      ei,
    );
    if (bad > 0) {
      const where = `paradigm ${paradigm.id}, condition ${c.id}, occasion ${ctx.occasion}`;
      const list = episodeDivergences(cm, status, P, summaries, (q) => q, where);
      for (const d of list)
        if (!diverged.has(d.participant))
          diverged.set(d.participant, { ...d, participant: ctx.ids[d.participant] });
    }
    const trialMeans: Float64Array[] = [];
    for (let t = 0; t < (trialsOf.get(c.id) ?? 0); t++)
      trialMeans.push(runTrial(cm, paradigm, c.id, ei, batch, ctx, noise, t, diverged));
    results.set(c.id, {
      summaries,
      coupling: traj ? windowCoupling(traj, ei, NO) : undefined,
      trialMeans: trialMeans.length > 0 ? trialMeans : undefined,
    });
  }
  return results;
}

/** One trial of a condition (its own state noise): each output's mean for every member. */
function runTrial(
  cm: CompiledModel,
  paradigm: Paradigm,
  condition: string,
  ei: EpisodeInputs,
  batch: Batch,
  ctx: ParadigmContext,
  noise: number,
  t: number,
  diverged: Map<number, Divergence>,
): Float64Array {
  const P = batch.P;
  const NO = cm.outputs.length;
  const summaries = new Float64Array(P * NO * NSTAT);
  const status = new Int32Array(P);
  const bad = cm.episode(
    {
      count: P,
      slow: batch.slow,
      traits: batch.traits,
      events: batch.events,
      jitter: conditionJitter(cm, paradigm, condition, ctx, P, noise, t),
      out: summaries,
      trajectory: null,
      status,
    },
    ei,
  );
  if (bad > 0) {
    const where = `paradigm ${paradigm.id}, condition ${condition} (trial ${t + 1}), occasion ${ctx.occasion}`;
    for (const d of episodeDivergences(cm, status, P, summaries, (q) => q, where))
      if (!diverged.has(d.participant))
        diverged.set(d.participant, { ...d, participant: ctx.ids[d.participant] });
  }
  const means = new Float64Array(P * NO);
  for (let i = 0; i < P * NO; i++) means[i] = summaries[i * NSTAT];
  return means;
}

/**
 * Beta-series coupling of outputs a and b for member p: the Fisher-z correlation across the
 * condition's trials of the two trial means, each with measurement noise of SD `trialNoise`
 * drawn from the participant's own stream for this measure and occasion.
 */
function trialCoupling(
  trialMeans: Float64Array[],
  NO: number,
  a: number,
  b: number,
  p: number,
  trialNoise: number,
  rng: RandomStream,
): number {
  const T = trialMeans.length;
  const x = new Float64Array(T);
  const y = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    x[t] = trialMeans[t][p * NO + a] + trialNoise * rng.normal();
    y[t] = trialMeans[t][p * NO + b] + trialNoise * rng.normal();
  }
  let mx = 0;
  let my = 0;
  for (let t = 0; t < T; t++) {
    mx += x[t] / T;
    my += y[t] / T;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let t = 0; t < T; t++) {
    sxy += (x[t] - mx) * (y[t] - my);
    sxx += (x[t] - mx) ** 2;
    syy += (y[t] - my) ** 2;
  }
  if (!(sxx > 0 && syy > 0)) return 0;
  const r = Math.min(Math.max(sxy / Math.sqrt(sxx * syy), -0.999999), 0.999999);
  return 0.5 * pm.log((1 + r) / (1 - r));
}

/** The latent value a measure's source gives for batch member p (not for diaries). */
function latentOf(
  cm: CompiledModel,
  src: Exclude<ParadigmMeasure["source"], { from: "diary" }>,
  results: Map<string, ConditionResult>,
  batch: Batch,
  p: number,
  couplingRng?: RandomStream,
): number {
  const NO = cm.outputs.length;
  const stat = (cond: string, node: string, which: "mean" | "peak" | "final"): number => {
    const i = cm.index.output.get(node)!;
    const k = which === "mean" ? 0 : which === "peak" ? 1 : 2;
    return results.get(cond)!.summaries[(p * NO + i) * NSTAT + k];
  };
  let latent = 0;
  if (src.from === "episode") {
    const which = src.stat ?? "mean";
    for (const [node, w] of Object.entries(src.terms)) {
      latent += w * stat(src.condition, node, which);
      if (src.contrast) latent -= w * stat(src.contrast, node, which);
    }
    return latent + (src.offset ?? 0);
  }
  if (src.from === "coupling") {
    const a = cm.index.output.get(src.nodes[0])!;
    const b = cm.index.output.get(src.nodes[1])!;
    if (src.trials !== undefined) {
      const of = (cond: string): number =>
        trialCoupling(
          results.get(cond)!.trialMeans!.slice(0, src.trials),
          NO,
          a,
          b,
          p,
          src.trialNoise ?? 0,
          couplingRng!,
        );
      return of(src.condition) - (src.contrast ? of(src.contrast) : 0);
    }
    latent = results.get(src.condition)!.coupling!(a, b, p);
    if (src.contrast) latent -= results.get(src.contrast)!.coupling!(a, b, p);
    return latent;
  }
  for (const [node, w] of Object.entries(src.terms)) latent += w * slowValue(cm, batch, node, p);
  return latent + (src.offset ?? 0);
}

/** A slow state or trait of batch member p. */
function slowValue(cm: CompiledModel, batch: Batch, node: string, p: number): number {
  const s = cm.index.slow.get(node);
  if (s !== undefined) return batch.slow[p * cm.slow.length + s];
  return batch.traits[p * cm.traits.length + cm.index.trait.get(node)!];
}

/** The rows one measure gives for batch member p, through its instrument. */
function measureRows(
  cm: CompiledModel,
  m: ParadigmMeasure,
  results: Map<string, ConditionResult>,
  batch: Batch,
  ctx: ParadigmContext,
  p: number,
  rng: RandomStream,
): MeasureRow[] {
  const src = m.source;
  if (src.from === "diary") {
    if (!ctx.series) throw new Error(`measure ${m.id}: a diary needs the days before the occasion`);
    const d = measureDiary(
      m.instrument as DiaryInstrument,
      ctx.series(p, src.variable, src.days),
      rng,
    );
    return [{ p, measure: m.id, time: null, value: d.mean }];
  }
  const latent = latentOf(cm, src, results, batch, p, rng);
  if (!m.timecourse)
    return [{ p, measure: m.id, time: null, value: measure(m.instrument, latent, rng) }];
  let base = 0;
  for (const [node, w] of Object.entries(m.timecourse.baseline ?? {}))
    base += w * slowValue(cm, batch, node, p);
  const { peak } = m.timecourse;
  return m.timecourse.times.map((t) => ({
    p,
    measure: m.id,
    time: t,
    value: measure(m.instrument, base + latent * gammaResponse(t, peak), rng),
  }));
}

/**
 * Runs a paradigm for a batch and returns one row per participant × measure (× time).
 * Participants whose states diverge stop the run or are left out (see `ctx.onDivergence`).
 */
export function runParadigm(
  cm: CompiledModel,
  paradigm: Paradigm,
  batch: Batch,
  ctx: ParadigmContext,
): MeasureRow[] {
  const mode = checkOnDivergence(ctx.onDivergence);
  const diverged = new Map<number, Divergence>();
  const results = runConditions(cm, paradigm, batch, ctx, diverged);
  if (diverged.size > 0) {
    if (mode === "fail") throw new DivergenceError([...diverged.values()]);
    ctx.divergences?.push(...diverged.values());
  }
  const rows: MeasureRow[] = [];
  for (const m of paradigm.measures) {
    const stream = hashName(`measure/${paradigm.id}/${m.id}/${ctx.occasion}`);
    for (let p = 0; p < batch.P; p++) {
      if (diverged.has(p)) continue;
      const rng = new RandomStream(ctx.seed, ctx.ids[p], stream);
      rows.push(...measureRows(cm, m, results, batch, ctx, p, rng));
    }
  }
  return rows;
}
