/**
 * Running a paradigm for a batch of participants: each condition through the fast level,
 * each measure's latent source computed and read through its instrument.
 */

import { NSTAT, type CompiledModel } from "../engine/compileModel.js";
import { hashName, RandomStream } from "../numeric/random.js";
import { episodeInputs, type Batch } from "../sim/episode.js";
import { measure, measureDiary } from "./instruments/measure.js";
import type { DiaryInstrument } from "./instruments/types.js";
import type { Paradigm } from "./paradigm.js";
import * as pm from "../numeric/portableMath.js";

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
  /** State noise (logit SD per fast node and condition). */
  noise?: number;
  /** For diary sources: values of a variable over the last `days` days for batch member p. */
  series?: (p: number, variable: string, days: number) => Float64Array;
}

const gammaResponse = (t: number, peak: number): number =>
  t <= 0 ? 0 : (t / peak) * pm.exp(1 - t / peak);

/** Runs a paradigm for a batch and returns one row per participant × measure (× time). */
export function runParadigm(
  cm: CompiledModel,
  paradigm: Paradigm,
  batch: Batch,
  ctx: ParadigmContext,
): MeasureRow[] {
  const P = batch.P;
  const NO = cm.outputs.length;
  const NF = cm.fast.length;
  const noise = ctx.noise ?? 0.3;
  const needTraj = new Set(
    paradigm.measures.flatMap((m) =>
      m.source.from === "coupling" ? [m.source.condition, m.source.contrast ?? ""] : [],
    ),
  );
  const results = new Map<
    string,
    { summaries: Float64Array; coupling?: (a: number, b: number, p: number) => number }
  >();
  for (const c of paradigm.conditions) {
    const ei = episodeInputs(cm, {
      type: c.id,
      duration: c.duration,
      dt: c.dt ?? 0.1,
      segments: c.segments,
      window: c.window,
    });
    const jitter = new Float64Array(P * NF);
    if (noise > 0) {
      const stream = hashName(`paradigm/${paradigm.id}/${c.id}/${ctx.occasion}`);
      for (let p = 0; p < P; p++) {
        const r = new RandomStream(ctx.seed, ctx.ids[p], stream);
        for (let i = 0; i < NF; i++) jitter[p * NF + i] = noise * r.normal();
      }
    }
    const summaries = new Float64Array(P * NO * NSTAT);
    const rec = needTraj.has(c.id);
    const nRec = rec ? ei.nSteps + 1 : 0;
    const traj = rec ? new Float64Array(P * nRec * NO) : null;
    cm.episode(
      P,
      batch.slow,
      batch.traits,
      batch.events,
      ei.inputs,
      ei.dt,
      ei.nSteps,
      noise > 0 ? jitter : null,
      summaries,
      ei.w0,
      ei.w1,
      traj,
      1,
    );
    const coupling = traj
      ? (a: number, b: number, p: number): number => {
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
        }
      : undefined;
    results.set(c.id, { summaries, coupling });
  }
  const stat = (
    cond: string,
    node: string,
    p: number,
    which: "mean" | "peak" | "final",
  ): number => {
    const r = results.get(cond)!;
    const i = cm.index.output.get(node)!;
    return r.summaries[(p * NO + i) * NSTAT + (which === "mean" ? 0 : which === "peak" ? 1 : 2)];
  };
  const slowValue = (node: string, p: number): number => {
    const s = cm.index.slow.get(node);
    if (s !== undefined) return batch.slow[p * cm.slow.length + s];
    return batch.traits[p * cm.traits.length + cm.index.trait.get(node)!];
  };
  const rows: MeasureRow[] = [];
  for (const m of paradigm.measures) {
    const stream = hashName(`measure/${paradigm.id}/${m.id}/${ctx.occasion}`);
    for (let p = 0; p < P; p++) {
      const rng = new RandomStream(ctx.seed, ctx.ids[p], stream);
      const src = m.source;
      if (src.from === "diary") {
        if (!ctx.series)
          throw new Error(`measure ${m.id}: a diary needs the days before the occasion`);
        const d = measureDiary(
          m.instrument as DiaryInstrument,
          ctx.series(p, src.variable, src.days),
          rng,
        );
        rows.push({ p, measure: m.id, time: null, value: d.mean });
        continue;
      }
      let latent = 0;
      if (src.from === "episode") {
        const which = src.stat ?? "mean";
        for (const [node, w] of Object.entries(src.terms)) {
          latent += w * stat(src.condition, node, p, which);
          if (src.contrast) latent -= w * stat(src.contrast, node, p, which);
        }
        latent += src.offset ?? 0;
      } else if (src.from === "coupling") {
        const a = cm.index.output.get(src.nodes[0])!;
        const b = cm.index.output.get(src.nodes[1])!;
        latent = results.get(src.condition)!.coupling!(a, b, p);
        if (src.contrast) latent -= results.get(src.contrast)!.coupling!(a, b, p);
      } else {
        for (const [node, w] of Object.entries(src.terms)) latent += w * slowValue(node, p);
        latent += src.offset ?? 0;
      }
      if (m.timecourse) {
        let base = 0;
        for (const [node, w] of Object.entries(m.timecourse.baseline ?? {}))
          base += w * slowValue(node, p);
        for (const t of m.timecourse.times)
          rows.push({
            p,
            measure: m.id,
            time: t,
            value: measure(m.instrument, base + latent * gammaResponse(t, m.timecourse.peak), rng),
          });
      } else rows.push({ p, measure: m.id, time: null, value: measure(m.instrument, latent, rng) });
    }
  }
  return rows;
}
