/**
 * `npm run bench`: performance and accuracy figures of kindsim, each with its target.
 *
 *   node build/bench/run.js          readable report
 *   node build/bench/run.js --json   one JSON object on stdout
 *
 * Figures: fast-level throughput of the generated RK4 kernel against a hand-written one;
 * cohort throughput on 1 and 2 threads; wall time of the demonstration cohort; RK4 episode
 * summaries against the adaptive Dormand–Prince solver; peak memory of a 10,000-person
 * cohort (measured in a fresh child process, so earlier figures do not inflate it).
 */

import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { compileModel, NSTAT, type CompiledModel } from "../src/engine/compileModel.js";
import { dopri5 } from "../src/numeric/dopri.js";
import { defaultModel } from "../src/model/loadModel.js";
import {
  episodeInputs,
  practiceEpisode,
  socialEpisode,
  sufferingEpisode,
  EPISODE_DT,
  EPISODE_DURATION,
  type EpisodeSpec,
} from "../src/sim/episode.js";
import { resolvePopulation, samplePopulation } from "../src/sim/population.js";
import { resolveProtocol } from "../src/sim/protocol.js";
import { runCohort } from "../src/sim/runCohort.js";
// Makes the worker-thread runner the default, so `threads` > 1 runs on workers.
import "../src/io/workerCohortRunner.js";
import { blockAssignment, type CohortSpec } from "../src/sim/simulateCohort.js";
import type { Model } from "../src/model/types.js";
import { handWrittenEpisode } from "./handWrittenKernel.js";

const SEED = 20150313;
const POPULATION = "healthy-adults";

interface Check {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
}

const checks: Check[] = [];
const json = process.argv.includes("--json");
const log = (s = ""): void => {
  if (!json) console.log(s);
};
const check = (
  name: string,
  value: number,
  unit: string,
  target: string,
  pass: boolean,
  digits = 3,
): void => {
  checks.push({ name, value, unit, target, pass });
  log(
    `  ${name.padEnd(44)} ${fmt(value, digits).padStart(12)} ${unit.padEnd(8)} target ${target.padEnd(10)} ${pass ? "PASS" : "MISS"}`,
  );
};
const fmt = (v: number, digits = 3): string =>
  !Number.isFinite(v)
    ? String(v)
    : Math.abs(v) !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e7)
      ? v.toExponential(2)
      : v.toFixed(digits);
const info = (name: string, value: string): void => log(`  ${name.padEnd(44)} ${value}`);

function cohortSpec(
  model: Model,
  arms: string[],
  perArm: number,
  days: number,
  recordEvery?: number,
): CohortSpec {
  return {
    seed: SEED,
    days,
    population: resolvePopulation(POPULATION, model),
    arms: arms.map((id) => ({ id, protocol: resolveProtocol(id, model) })),
    assignment: blockAssignment(arms.map(() => perArm)),
    recordEvery,
  };
}

/** Sampled participants (initial slow states and traits) with no events. */
function sample(
  cm: CompiledModel,
  P: number,
): { slow: Float64Array; traits: Float64Array; events: Float64Array } {
  const ids = Uint32Array.from({ length: P }, (_, i) => i);
  const s = samplePopulation(cm, resolvePopulation(POPULATION, cm.model), SEED, ids);
  return { slow: s.slow, traits: s.traits, events: new Float64Array(P * cm.events.length) };
}

// ---- 1. fast-level throughput --------------------------------------------------------------

function fastThroughput(cm: CompiledModel): Record<string, number> {
  const P = 2000;
  const steps = 300;
  const spec = socialEpisode({ duration: steps * EPISODE_DT, dt: EPISODE_DT });
  const ei = episodeInputs(cm, spec);
  const { slow, traits, events } = sample(cm, P);
  const NF = cm.fast.length;
  const out = new Float64Array(P * cm.outputs.length * NSTAT);
  const fin = new Float64Array(P * NF);
  const compiled = (): void => void cm.episode({ count: P, slow, traits, events, out }, ei);
  const hand = (): void =>
    handWrittenEpisode(cm, P, slow, traits, events, ei.inputs, ei.dt, ei.nSteps, fin);
  const time = (f: () => void): number => {
    const t0 = performance.now();
    f();
    return (performance.now() - t0) / 1000;
  };
  for (let r = 0; r < 2; r++) {
    compiled();
    hand();
  }
  // Interleaved, so background load hits both alike; best of 5 each.
  let bestC = Infinity;
  let bestH = Infinity;
  for (let r = 0; r < 5; r++) {
    bestC = Math.min(bestC, time(compiled));
    bestH = Math.min(bestH, time(hand));
  }
  let maxDiff = 0;
  for (let p = 0; p < P; p++)
    for (let i = 0; i < NF; i++)
      maxDiff = Math.max(
        maxDiff,
        Math.abs(out[(p * cm.outputs.length + i) * NSTAT + 2] - fin[p * NF + i]),
      );
  const updates = P * steps * NF;
  log(
    `Fast level: ${P} participants x ${steps} RK4 steps x ${NF} fast nodes, 1 thread, best of 5 after warm-up`,
  );
  info(
    "compiled kernel",
    `${fmt(updates / bestC / 1e6, 1)} M node-updates/s (${fmt(bestC * 1000, 1)} ms, incl. readouts and summaries)`,
  );
  info(
    "hand-written kernel",
    `${fmt(updates / bestH / 1e6, 1)} M node-updates/s (${fmt(bestH * 1000, 1)} ms, final states only)`,
  );
  info("max |compiled - hand-written| final state", fmt(maxDiff));
  check(
    "time ratio compiled / hand-written",
    bestC / bestH,
    "",
    "<= 1.25",
    bestC / bestH <= 1.25,
    2,
  );
  log();
  return {
    participants: P,
    steps,
    fastNodes: NF,
    compiledSeconds: bestC,
    handSeconds: bestH,
    compiledUpdatesPerSecond: updates / bestC,
    handUpdatesPerSecond: updates / bestH,
    ratio: bestC / bestH,
    maxFinalDiff: maxDiff,
  };
}

// ---- 2./3. cohort throughput and the demonstration cohort -----------------------------------

async function timeCohort(
  model: Model,
  spec: CohortSpec,
  threads: number,
): Promise<{ seconds: number; diverged: number }> {
  const t0 = performance.now();
  const r = await runCohort(model, spec, { threads });
  return { seconds: (performance.now() - t0) / 1000, diverged: r.diverged };
}

async function scaling(model: Model): Promise<Record<string, number>> {
  const perArm = 1000;
  const days = 28;
  const spec = cohortSpec(model, ["cbct", "health-education"], perArm, days);
  const pd = 2 * perArm * days;
  log(
    `Cohort throughput: 2 arms x ${perArm} x ${days} days (${pd} participant-days); after warm-up (workers are pooled; their start-up is timed separately)`,
  );
  // Cold start of the worker pool: thread start-up, module load, model compilation.
  const tiny = cohortSpec(model, ["cbct", "health-education"], 1, 1);
  const overhead =
    (await timeCohort(model, tiny, 2)).seconds - (await timeCohort(model, tiny, 1)).seconds;
  // Steady state, as in power analyses and the scorecard: kernels JIT-warm on every thread.
  const warm = cohortSpec(model, ["cbct", "health-education"], 200, 7);
  await timeCohort(model, warm, 1);
  await timeCohort(model, warm, 2);
  const one = await timeCohort(model, spec, 1);
  const two = await timeCohort(model, spec, 2);
  info("1 thread", `${fmt(pd / one.seconds, 0)} participant-days/s (${fmt(one.seconds, 2)} s)`);
  info("2 threads", `${fmt(pd / two.seconds, 0)} participant-days/s (${fmt(two.seconds, 2)} s)`);
  info("2-thread start-up of the pool (1+1 people, 1 day)", `${fmt(overhead, 2)} s`);
  info("speed-up counting the cold start", `${fmt(one.seconds / (two.seconds + overhead), 2)} x`);
  check(
    "speed-up 2 threads / 1 thread (warm)",
    one.seconds / two.seconds,
    "x",
    ">= 1.8",
    one.seconds / two.seconds >= 1.8,
    2,
  );
  log();
  return {
    participantDays: pd,
    seconds1: one.seconds,
    seconds2: two.seconds,
    rate1: pd / one.seconds,
    rate2: pd / two.seconds,
    speedup: one.seconds / two.seconds,
    overheadSeconds2: overhead,
  };
}

async function demo(model: Model): Promise<Record<string, number>> {
  const perArm = 1000;
  const days = 56;
  log(
    `Demonstration cohort: cbct vs health-education, 2 x ${perArm} ${POPULATION}, ${days} days, 2 threads`,
  );
  const r = await timeCohort(
    model,
    cohortSpec(model, ["cbct", "health-education"], perArm, days),
    2,
  );
  info("participant-days/s", fmt((2 * perArm * days) / r.seconds, 0));
  if (r.diverged > 0) info("diverged participants", String(r.diverged));
  check("wall time", r.seconds, "s", "<= 15", r.seconds <= 15, 2);
  log();
  return { participants: 2 * perArm, days, seconds: r.seconds, diverged: r.diverged };
}

// ---- 4. accuracy against dopri5 -------------------------------------------------------------

function accuracy(cm: CompiledModel): Record<string, number> {
  const P = 20;
  const { slow, traits, events } = sample(cm, P);
  const NS = cm.slow.length,
    NT = cm.traits.length,
    NE = cm.events.length,
    NF = cm.fast.length,
    NO = cm.outputs.length,
    NI = cm.inputs.length;
  const timing = { dt: EPISODE_DT, duration: EPISODE_DURATION };
  const cbct = resolveProtocol("cbct", cm.model);
  const episodes: { name: string; spec: EpisodeSpec }[] = [
    { name: "suffering", spec: sufferingEpisode({ intensity: 0.8, ...timing }) },
    {
      name: "suffering (easy escape)",
      spec: sufferingEpisode({ intensity: 0.5, escape: 1, cost: 0.5, ...timing }),
    },
    { name: "social", spec: socialEpisode(timing) },
    ...cbct.modules.map((m) => ({
      name: `practice (${m.id})`,
      spec: practiceEpisode(cm, m.content, timing),
    })),
  ];
  log(
    `Accuracy: RK4 (dt ${EPISODE_DT} s, ${EPISODE_DURATION} s) vs dopri5 (rtol 1e-10, atol 1e-12), ${P} sampled people, mean and final of every fast node`,
  );
  const perEpisode: Record<string, number> = {};
  let worst = 0;
  for (const { name, spec } of episodes) {
    const ei = episodeInputs(cm, spec);
    const out = new Float64Array(P * NO * NSTAT);
    cm.episode({ count: P, slow, traits, events, out }, ei);
    const tEval = Array.from({ length: ei.nSteps }, (_, k) => (k + 1) * ei.dt);
    const lo = Math.max(0, ei.w0),
      hi = Math.min(ei.w1, ei.nSteps),
      nw = Math.max(1, hi - lo);
    let err = 0;
    for (let p = 0; p < P; p++) {
      const s = slow.subarray(p * NS, (p + 1) * NS),
        tr = traits.subarray(p * NT, (p + 1) * NT),
        ev = events.subarray(p * NE, (p + 1) * NE);
      const y0 = new Float64Array(NF);
      cm.fastInit({ slow: s, traits: tr, events: ev }, y0);
      const rhs = (t: number, y: Float64Array, dy: Float64Array): void => {
        const k = Math.min(ei.nSteps - 1, Math.max(0, Math.floor(t / ei.dt + 1e-9)));
        cm.fastRhs(y, dy, ei.inputs.subarray(k * NI, (k + 1) * NI), {
          slow: s,
          traits: tr,
          events: ev,
        });
      };
      const ref = dopri5(rhs, y0, 0, ei.nSteps * ei.dt, {
        tEval,
        rtol: 1e-10,
        atol: 1e-12,
        breakpoints: ei.breaks,
      });
      for (let i = 0; i < NF; i++) {
        let m = 0;
        for (let k = lo; k < hi; k++) m += ref.y[k][i];
        m /= nw;
        const ob = (p * NO + i) * NSTAT;
        err = Math.max(err, Math.abs(m - out[ob]), Math.abs(ref.y[ei.nSteps - 1][i] - out[ob + 2]));
      }
    }
    perEpisode[name] = err;
    worst = Math.max(worst, err);
    info(name, fmt(err));
  }
  check("max |RK4 - dopri5| of episode summaries", worst, "", "<= 1e-4", worst <= 1e-4);
  log();
  return {
    people: P,
    maxError: worst,
    ...Object.fromEntries(Object.entries(perEpisode).map(([k, v]) => [`error ${k}`, v])),
  };
}

// ---- 5. peak memory (child process) ---------------------------------------------------------

/** Two threads keep the run short; the peak then includes both workers' heaps (conservative). */
const MEM = { people: 10_000, days: 56, recordEvery: 7, threads: 2 };

/** Child mode: runs the memory cohort and prints one JSON line of figures. */
async function memoryChild(): Promise<void> {
  const model = defaultModel();
  const spec = cohortSpec(model, ["cbct"], MEM.people, MEM.days, MEM.recordEvery);
  let peak = process.memoryUsage().rss;
  const sampleRss = (): void => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  // With more than one thread the cohort runs on worker threads and this thread stays free
  // to sample; in-thread (1 thread) the timer only fires between days, hence onProgress.
  const timer = setInterval(sampleRss, 20);
  const t0 = performance.now();
  const { diverged } = await runCohort(model, spec, {
    threads: MEM.threads,
    onProgress: sampleRss,
  });
  const seconds = (performance.now() - t0) / 1000;
  sampleRss();
  clearInterval(timer);
  const maxRss = process.resourceUsage().maxRSS * 1024; // kilobytes
  process.stdout.write(JSON.stringify({ peakRss: peak, maxRss, seconds, diverged }) + "\n");
}

async function memory(): Promise<Record<string, number>> {
  log(
    `Peak memory: ${MEM.people} ${POPULATION} x ${MEM.days} days, cbct, ${MEM.threads} simulation threads, recordEvery ${MEM.recordEvery} (fresh process)`,
  );
  const me = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [...process.execArgv, me, "--memory-child"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let text = "";
  child.stdout.on("data", (d: Buffer) => (text += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`memory child exited with code ${code}`);
  const r = JSON.parse(text.trim().split("\n").pop()!) as {
    peakRss: number;
    maxRss: number;
    seconds: number;
    diverged: number;
  };
  const GiB = 1024 ** 3;
  info(
    "wall time",
    `${fmt(r.seconds, 1)} s (${fmt((MEM.people * MEM.days) / r.seconds, 0)} participant-days/s)`,
  );
  check("peak rss (sampled every 20 ms)", r.peakRss / 2 ** 20, "MiB", "< 1024", r.peakRss < GiB, 0);
  check("maxRSS (resourceUsage)", r.maxRss / 2 ** 20, "MiB", "< 1024", r.maxRss < GiB, 0);
  log();
  return {
    people: MEM.people,
    days: MEM.days,
    seconds: r.seconds,
    peakRssBytes: r.peakRss,
    maxRssBytes: r.maxRss,
  };
}

// ---- main -----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const t0 = performance.now();
  const model = defaultModel();
  const cm = compileModel(model);
  log(
    `kindsim bench — model ${model.id} ${model.version}, node ${process.version}, ${availableParallelism()} cores`,
  );
  log();
  const fast = fastThroughput(cm);
  const threads = await scaling(model);
  const demoFig = await demo(model);
  const acc = accuracy(cm);
  const mem = await memory();
  const total = (performance.now() - t0) / 1000;
  const passed = checks.filter((c) => c.pass).length;
  log(`${passed}/${checks.length} targets met; bench took ${fmt(total, 1)} s`);
  if (json) {
    console.log(
      JSON.stringify(
        {
          model: model.id,
          node: process.version,
          cores: availableParallelism(),
          fast,
          threads,
          demo: demoFig,
          accuracy: acc,
          memory: mem,
          checks,
          totalSeconds: total,
        },
        null,
        2,
      ),
    );
  }
}

if (process.argv.includes("--memory-child")) await memoryChild();
else await main();
