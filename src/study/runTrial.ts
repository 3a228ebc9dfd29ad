/**
 * Virtual trials: randomise a sample into arms, live the study's days, measure every
 * participant still enrolled at each wave with the wave's battery of paradigms, and run the
 * planned analyses on the tidy data.
 */

import { compileModel, type CompiledModel } from "../engine/compileModel.js";
import { hashName, RandomStream } from "../numeric/random.js";
import { applyVariant } from "../model/applyVariant.js";
import { Issues } from "../model/issues.js";
import { resolveModel } from "../model/loadModel.js";
import type { Model } from "../model/types.js";
import { loadParadigms, type Paradigm } from "../measure/paradigm.js";
import { runParadigm } from "../measure/runParadigm.js";
import { resolvePopulation, samplePopulation, type Population } from "../sim/population.js";
import { resolveProtocol } from "../sim/protocol.js";
import { runCohort } from "../sim/runCohort.js";
import type { CohortResult, CohortSpec } from "../sim/simulateCohort.js";
import {
  adjustResults,
  runAnalysis,
  validateAnalysis,
  type AnalysisResult,
  type AnalysisSpec,
} from "./analyses.js";
import type { StudySpec } from "./studySpec.js";
import type { TrialData, TrialParticipant, TrialRow } from "./trialData.js";
import * as pm from "../numeric/portableMath.js";

/** Options of {@link runTrial}. */
export interface TrialOptions {
  threads?: number;
  /** Parameter values overriding the model's (e.g. a draw from the priors). */
  params?: Record<string, number>;
  /** Participants per arm, overriding the study's (power analysis). */
  n?: number;
  seed?: number;
  /** A model to use instead of the study's (variant comparisons). */
  model?: Model;
  onProgress?: (fraction: number) => void;
}

/** A finished trial. */
export interface TrialRun {
  spec: StudySpec;
  model: Model;
  data: TrialData;
  results: AnalysisResult[];
  cohort: CohortResult;
  seconds: number;
}

/** The study's model: file or default, variant, `set`, then option overrides. */
export function studyModel(spec: StudySpec): Model {
  const base = resolveModel(spec.model);
  return spec.variant ? applyVariant(base, spec.variant) : base;
}

/** Shipped paradigms plus the study's own, by id. */
export function studyParadigms(cm: CompiledModel, spec: StudySpec): Map<string, Paradigm> {
  const all = [...loadParadigms(cm), ...spec.paradigms.flatMap((f) => loadParadigms(cm, f))];
  return new Map(all.map((p) => [p.id, p]));
}

/** Assigns participants 0 … N−1 to arms as the study's randomisation says. */
export function randomise(
  spec: StudySpec,
  ns: number[],
  strataOf?: (id: number) => string,
): { assignment: Uint16Array; strata: string[] } {
  const N = ns.reduce((a, b) => a + b, 0);
  const assignment = new Uint16Array(N);
  const strata = new Array<string>(N).fill("");
  const rng = new RandomStream(spec.seed, 0, hashName("trial/randomisation"));
  const shuffle = (xs: number[]): void => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
  };
  if (spec.randomisation.method === "simple") {
    for (let id = 0; id < N; id++) {
      let u = rng.uniform() * N;
      let a = 0;
      while (a < ns.length - 1 && u >= ns[a]) u -= ns[a++];
      assignment[id] = a;
    }
    return { assignment, strata };
  }
  if (spec.randomisation.method === "blocked" || !strataOf) {
    // Permuted blocks in id order: each block holds the arms in proportion to their n and is
    // shuffled; once an arm has its n, its places in later blocks go to the others.
    const pattern = ns.flatMap((n, a) =>
      Array.from(
        { length: Math.max(1, Math.round((n / N) * spec.randomisation.blockSize)) },
        () => a,
      ),
    );
    const left = ns.slice();
    let id = 0;
    while (id < N) {
      const block = pattern.slice();
      shuffle(block);
      for (const a of block) {
        if (id >= N) break;
        if (left[a] > 0) {
          assignment[id++] = a;
          left[a]--;
        }
      }
      if (block.every((a) => left[a] === 0))
        for (let a = 0; a < ns.length; a++)
          while (left[a] > 0 && id < N) {
            assignment[id++] = a;
            left[a]--;
          }
    }
    return { assignment, strata };
  }
  // Stratified: permuted blocks within each stratum, arms in proportion to their n.
  const byStratum = new Map<string, number[]>();
  for (let id = 0; id < N; id++) {
    const s = strataOf(id);
    strata[id] = s;
    if (!byStratum.has(s)) byStratum.set(s, []);
    byStratum.get(s)!.push(id);
  }
  const pattern = ns.flatMap((n, a) =>
    Array.from(
      { length: Math.max(1, Math.round((n / N) * spec.randomisation.blockSize)) },
      () => a,
    ),
  );
  for (const ids of [...byStratum.keys()].sort().map((k) => byStratum.get(k)!)) {
    for (let start = 0; start < ids.length; start += pattern.length) {
      const block = pattern.slice();
      shuffle(block);
      for (let k = 0; k < block.length && start + k < ids.length; k++)
        assignment[ids[start + k]] = block[k];
    }
  }
  return { assignment, strata };
}

/** Day each participant drops out (null: completes), from a state-dependent daily hazard. */
function dropoutDays(spec: StudySpec, cohort: CohortResult, lastDay: number): (number | null)[] {
  const d = spec.dropout;
  const out: (number | null)[] = Array.from({ length: cohort.ids.length }, () => null);
  if (!d || d.perWeek <= 0) return out;
  const NV = cohort.variables.length;
  const v = d.dependsOn ? cohort.variables.indexOf(d.dependsOn) : -1;
  const stream = hashName("trial/dropout");
  for (let p = 0; p < cohort.ids.length; p++) {
    const rng = new RandomStream(spec.seed, cohort.ids[p], stream);
    for (let day = 1; day <= lastDay; day++) {
      const x = v >= 0 ? cohort.daily[(p * cohort.days.length + day) * NV + v] : 0.5;
      const hazard = Math.min(1, (d.perWeek / 7) * pm.exp((d.slope ?? 0) * (x - 0.5)));
      if (rng.uniform() < hazard) {
        out[p] = day;
        break;
      }
    }
  }
  return out;
}

/** Runs a study: randomisation, the days, the waves' batteries, the analyses. */
export async function runTrial(spec: StudySpec, opts: TrialOptions = {}): Promise<TrialRun> {
  const t0 = performance.now();
  const seed = opts.seed ?? spec.seed;
  const s: StudySpec = { ...spec, seed };
  const model = opts.model ?? studyModel(s);
  const params = { ...(s.set ?? {}), ...(opts.params ?? {}) };
  const cm = compileModel(model, { params });
  const paradigms = studyParadigms(cm, s);

  // Check the battery and the analyses against what the study measures.
  const issues = new Issues();
  const measures = new Set<string>();
  for (const [w, byArm] of Object.entries(s.battery))
    for (const [a, ids] of Object.entries(byArm))
      ids.forEach((id, i) => {
        const p = paradigms.get(id);
        if (!p)
          issues.add(
            `battery.${w}${a === "*" ? "" : `.${a}`}[${i}]`,
            `unknown paradigm ${JSON.stringify(id)} (known: ${[...paradigms.keys()].join(", ")})`,
          );
        else p.measures.forEach((m) => measures.add(m.id));
      });
  const participantFields = [
    "minutes",
    "practiceDays",
    "adherence",
    "priorHours",
    ...cm.traits.map((n) => n.id),
  ];
  s.analyses.forEach((a, i) => {
    for (const e of validateAnalysis(a, `analyses[${i}]`, {
      arms: s.arms.map((x) => x.id),
      waves: s.waves.map((w) => w.id),
      measures: [...measures],
      participantFields,
    })) {
      const k = e.indexOf(": ");
      issues.add(k > 0 ? e.slice(0, k) : `analyses[${i}]`, k > 0 ? e.slice(k + 2) : e);
    }
  });
  for (const [i, e] of s.events.entries())
    if (!cm.index.event.has(e.event))
      issues.add(
        `events[${i}].event`,
        `unknown event ${JSON.stringify(e.event)} (model events: ${cm.events.join(", ")})`,
      );
  if (
    s.dropout?.dependsOn &&
    !cm.index.slow.has(s.dropout.dependsOn) &&
    !cm.index.summary.has(s.dropout.dependsOn)
  )
    issues.add(
      "dropout.dependsOn",
      `expected a slow node or day summary, got ${JSON.stringify(s.dropout.dependsOn)}`,
    );
  issues.throwIfAny(`study ${s.id}`);

  const population = resolvePopulation(s.population, model);
  const armPops: (Population | undefined)[] = s.arms.map((a) =>
    a.population ? resolvePopulation(a.population, model) : undefined,
  );
  const ns = s.arms.map((a) => opts.n ?? a.n);
  const N = ns.reduce((a, b) => a + b, 0);
  let strataOf: ((id: number) => string) | undefined;
  if (s.randomisation.method === "stratified") {
    const sample = samplePopulation(
      cm,
      population,
      seed,
      Uint32Array.from({ length: N }, (_, i) => i),
    );
    const cols = s.randomisation.strata.map((t) => {
      const ti = cm.index.trait.get(t);
      if (ti === undefined)
        throw new Error(`randomisation.strata: ${t} is not a trait of the model`);
      const vals = Array.from({ length: N }, (_, i) => sample.traits[i * cm.traits.length + ti]);
      const median = [...vals].sort((a, b) => a - b)[Math.floor(N / 2)];
      return vals.map((v) => (v >= median ? `${t}+` : `${t}-`));
    });
    strataOf = (id) => cols.map((c) => c[id]).join("/");
  }
  const { assignment, strata } = armPops.some(Boolean)
    ? {
        assignment: Uint16Array.from(ns.flatMap((n, a) => Array.from({ length: n }, () => a))),
        strata: new Array<string>(N).fill(""),
      }
    : randomise(s, ns, strataOf);

  const lastDay = Math.max(...s.waves.map((w) => w.day));
  const cohortSpec: CohortSpec = {
    seed,
    days: lastDay,
    population,
    arms: s.arms.map((a, i) => ({
      id: a.id,
      protocol: resolveProtocol(a.protocol, model),
      population: armPops[i],
    })),
    assignment,
    events: s.events,
    recordEvery: 1,
  };
  const cohort = await runCohort(model, cohortSpec, {
    threads: opts.threads,
    params,
    onProgress: (f) => opts.onProgress?.(0.8 * f),
  });
  const dropout = dropoutDays(s, cohort, lastDay);

  const NV = cohort.variables.length;
  const NS = cm.slow.length;
  const NT = cm.traits.length;
  const NE = cm.events.length;
  const rows: TrialRow[] = [];
  const armIds = s.arms.map((a) => a.id);
  let done = 0;
  const totalRuns =
    s.waves.reduce(
      (a, w) => a + Object.values(s.battery[w.id] ?? {}).reduce((b, l) => b + l.length, 0),
      0,
    ) || 1;
  for (const wave of s.waves) {
    for (const [armKey, pids] of Object.entries(s.battery[wave.id] ?? {})) {
      const present: number[] = [];
      for (let p = 0; p < cohort.ids.length; p++) {
        if (dropout[p] !== null && dropout[p]! <= wave.day) continue;
        if (armKey !== "*" && armIds[cohort.arm[p]] !== armKey) continue;
        present.push(p);
      }
      const P = present.length;
      if (P === 0) continue;
      const slow = new Float64Array(P * NS);
      const traits = new Float64Array(P * NT);
      const events = new Float64Array(P * NE);
      present.forEach((p, q) => {
        const b = (p * cohort.days.length + wave.day) * NV;
        for (let k = 0; k < NS; k++) slow[q * NS + k] = cohort.daily[b + k];
        traits.set(cohort.traits.subarray(p * NT, (p + 1) * NT), q * NT);
        for (const e of s.events)
          if (
            wave.day >= e.from &&
            wave.day <= e.to &&
            (!e.arms || e.arms.includes(armIds[cohort.arm[p]]))
          )
            events[q * NE + cm.index.event.get(e.event)!] = e.value;
      });
      const ids = Uint32Array.from(present, (p) => cohort.ids[p]);
      const series = (q: number, variable: string, days: number): Float64Array => {
        const p = present[q];
        const v = cohort.variables.indexOf(variable);
        const n = Math.min(days, wave.day);
        const out = new Float64Array(n);
        for (let k = 0; k < n; k++)
          out[k] = cohort.daily[(p * cohort.days.length + wave.day - n + 1 + k) * NV + v];
        return out;
      };
      for (const pid of pids) {
        const paradigm = paradigms.get(pid)!;
        for (const r of runParadigm(
          cm,
          paradigm,
          { P, slow, traits, events },
          { seed, ids, occasion: wave.id, series },
        )) {
          const p = present[r.p];
          rows.push({
            participant: cohort.ids[p],
            arm: armIds[cohort.arm[p]],
            wave: wave.id,
            day: wave.day,
            paradigm: pid,
            measure: r.measure,
            time: r.time,
            value: r.value,
          });
        }
        opts.onProgress?.(0.8 + (0.2 * ++done) / totalRuns);
      }
    }
  }
  const traitIds = cm.traits.map((n) => n.id);
  const participants: TrialParticipant[] = Array.from(cohort.ids, (id, p) => ({
    id,
    arm: armIds[cohort.arm[p]],
    stratum: strata[id] ?? "",
    minutes: cohort.minutes[p],
    practiceDays: cohort.practiceDays[p],
    adherence: cohort.adherence[p],
    dropoutDay: dropout[p],
    traits: {
      ...Object.fromEntries(traitIds.map((t, k) => [t, cohort.traits[p * NT + k]])),
      priorHours: cohort.priorHours[p],
    },
  }));
  const data: TrialData = { participants, rows, waves: s.waves, arms: armIds };
  const results = adjustResults(
    s.analyses.map((a) => runAnalysis(a as AnalysisSpec, data, seed)),
    s.adjust,
  );
  return { spec: s, model, data, results, cohort, seconds: (performance.now() - t0) / 1000 };
}
