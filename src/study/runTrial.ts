/**
 * Virtual trials: randomise a sample into arms, live the study's days, measure every
 * participant still enrolled at each wave with the wave's battery of paradigms, and run the
 * planned analyses on the tidy data.
 */

import * as pm from "../numeric/portableMath.js";
import { compileModel, type CompiledModel } from "../engine/compileModel.js";
import { hashName, RandomStream } from "../numeric/random.js";
import { applyVariant } from "../model/applyVariant.js";
import { atField, InputError, Issues } from "../model/issues.js";
import { resolveModel } from "../model/loadModel.js";
import type { Model } from "../model/types.js";
import { loadParadigms, type Paradigm } from "../measure/paradigm.js";
import { runParadigm } from "../measure/runParadigm.js";
import { resolvePopulation, samplePopulation, type Population } from "../sim/population.js";
import { resolveProtocol } from "../sim/protocol.js";
import type { OnDivergence } from "../engine/divergence.js";
import { runCohort } from "../sim/runCohort.js";
import type { CohortResult, CohortSpec } from "../sim/simulateCohort.js";
import {
  adjustResults,
  runAnalysis,
  validateAnalysis,
  type AnalysisResult,
  type AnalysisSpec,
} from "./analyses.js";
import { checkStudySet, type StudySpec } from "./studySpec.js";
import type { TrialData, TrialParticipant, TrialRow } from "./trialData.js";

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
  /**
   * Participants whose states diverge (cohort or paradigms): `"fail"` (default) throws a
   * DivergenceError; `"drop"` leaves them out, listed in `cohort.divergences`.
   */
  onDivergence?: OnDivergence;
}

/** A finished trial. */
export interface TrialRun {
  spec: StudySpec;
  model: Model;
  data: TrialData;
  results: AnalysisResult[];
  /**
   * The simulated days. Its `days` are study days: with a run-in they start at −{@link
   * TrialRun.runInDays} (the run-in, without practice), and day 0 is the start of the
   * programme, as in the study's waves.
   */
  cohort: CohortResult;
  /** The paradigms the study could use (shipped plus its own), by id. */
  paradigms: Map<string, Paradigm>;
  /** Days of run-in simulated before day 0 for the diaries' look-back (see {@link runInDays}). */
  runInDays: number;
  seconds: number;
}

/** The study's model: file or default, variant, `set`, then option overrides. */
export function studyModel(spec: StudySpec): Model {
  const base = resolveModel(spec.model);
  return spec.variant ? atField("variant", () => applyVariant(base, spec.variant!)) : base;
}

/** Shipped paradigms plus the study's own, by id. */
export function studyParadigms(cm: CompiledModel, spec: StudySpec): Map<string, Paradigm> {
  const all = [
    ...loadParadigms(cm),
    ...spec.paradigms.flatMap((f) => loadParadigms(cm, f)),
  ];
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

/**
 * Days of run-in a study needs before day 0: diary measures (experience sampling, PANAS-PA)
 * average the `days` days up to their wave, so a diary at a wave on day d needs days
 * d − days + 1 … d, some of which come before the programme starts when days > d (a diary
 * at `pre`, day 0, needs all of them). Real studies collect those days in a run-in period;
 * the trial runner simulates one of this length (everyday life, no practice, no study
 * events) before day 0. 0 when no diary looks back past day 1, and the trial is then
 * simulated exactly as without this rule.
 */
export function runInDays(spec: StudySpec, paradigms: Map<string, Paradigm>): number {
  let need = 0;
  for (const wave of spec.waves)
    for (const ids of Object.values(spec.battery[wave.id] ?? {}))
      for (const id of ids)
        for (const m of paradigms.get(id)?.measures ?? [])
          if (m.source.from === "diary") need = Math.max(need, m.source.days - wave.day);
  return need;
}

/**
 * Day each participant drops out (null: completes), from a state-dependent daily hazard.
 * Study day `day` is record `day + runIn` of the cohort.
 */
function dropoutDays(
  spec: StudySpec,
  cohort: CohortResult,
  lastDay: number,
  runIn: number,
): (number | null)[] {
  const d = spec.dropout;
  const out: (number | null)[] = Array.from({ length: cohort.ids.length }, () => null);
  if (!d || d.perWeek <= 0) return out;
  const NV = cohort.variables.length;
  const v = d.dependsOn ? cohort.variables.indexOf(d.dependsOn) : -1;
  const stream = hashName("trial/dropout");
  for (let p = 0; p < cohort.ids.length; p++) {
    const rng = new RandomStream(spec.seed, cohort.ids[p], stream);
    for (let day = 1; day <= lastDay; day++) {
      const x = v >= 0 ? cohort.daily[(p * cohort.days.length + day + runIn) * NV + v] : 0.5;
      const hazard = Math.min(1, (d.perWeek / 7) * pm.exp((d.slope ?? 0) * (x - 0.5)));
      if (rng.uniform() < hazard) {
        out[p] = day;
        break;
      }
    }
  }
  return out;
}

/**
 * Checks a study against the model and paradigms it runs with: the battery names known
 * paradigms, analyses read measured values, events and dropout name model variables. Adds
 * one issue per problem (with its path in the study file) to `issues`.
 */
export function checkStudyDesign(
  s: StudySpec,
  cm: CompiledModel,
  paradigms: Map<string, Paradigm>,
  issues: Issues,
): void {
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
}

/** Arm of every participant id, and the stratum labels of stratified randomisation. */
function assignArms(
  s: StudySpec,
  cm: CompiledModel,
  population: Population,
  armPops: (Population | undefined)[],
  opts: TrialOptions,
): { assignment: Uint16Array; strata: string[] } {
  const seed = s.seed;
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
        throw new InputError(
          `randomisation.strata: expected a trait of the model, got ${JSON.stringify(t)} (traits: ${cm.traits.map((n) => n.id).join(", ")})`,
        );
      const vals = Array.from({ length: N }, (_, i) => sample.traits[i * cm.traits.length + ti]);
      const median = [...vals].sort((a, b) => a - b)[Math.floor(N / 2)];
      return vals.map((v) => (v >= median ? `${t}+` : `${t}-`));
    });
    strataOf = (id) => cols.map((c) => c[id]).join("/");
  }
  return armPops.some(Boolean)
    ? {
        assignment: Uint16Array.from(ns.flatMap((n, a) => Array.from({ length: n }, () => a))),
        strata: new Array<string>(N).fill(""),
      }
    : randomise(s, ns, strataOf);
}

/** What {@link measureWaves} reads. */
interface WaveContext {
  s: StudySpec;
  cm: CompiledModel;
  paradigms: Map<string, Paradigm>;
  cohort: CohortResult;
  dropout: (number | null)[];
  /** Study day d is record d + runIn of the cohort. */
  runIn: number;
  onProgress?: (fraction: number) => void;
  /** What to do with participants whose paradigm states diverge (see TrialOptions). */
  onDivergence?: OnDivergence;
}

/** The batch of participants present at a wave (and in the arm of `armKey`, unless "*"). */
function waveBatch(
  c: WaveContext,
  wave: { id: string; day: number },
  armKey: string,
): { present: number[]; slow: Float64Array; traits: Float64Array; events: Float64Array } {
  const { s, cm, cohort, dropout } = c;
  const armIds = s.arms.map((a) => a.id);
  const NV = cohort.variables.length;
  const NS = cm.slow.length;
  const NT = cm.traits.length;
  const NE = cm.events.length;
  const present: number[] = [];
  for (let p = 0; p < cohort.ids.length; p++) {
    if (dropout[p] !== null && dropout[p]! <= wave.day) continue;
    if (armKey !== "*" && armIds[cohort.arm[p]] !== armKey) continue;
    present.push(p);
  }
  const P = present.length;
  const slow = new Float64Array(P * NS);
  const traits = new Float64Array(P * NT);
  const events = new Float64Array(P * NE);
  present.forEach((p, q) => {
    const b = (p * cohort.days.length + wave.day + c.runIn) * NV;
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
  return { present, slow, traits, events };
}

/** Runs every wave's battery on the participants present and returns the tidy rows. */
function measureWaves(c: WaveContext): TrialRow[] {
  const { s, cm, paradigms, cohort } = c;
  const seed = s.seed;
  const NV = cohort.variables.length;
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
      const { present, slow, traits, events } = waveBatch(c, wave, armKey);
      const P = present.length;
      if (P === 0) continue;
      const ids = Uint32Array.from(present, (p) => cohort.ids[p]);
      const at = wave.day + c.runIn;
      const series = (q: number, variable: string, days: number): Float64Array => {
        const p = present[q];
        const v = cohort.variables.indexOf(variable);
        const n = Math.min(days, at);
        const out = new Float64Array(n);
        for (let k = 0; k < n; k++)
          out[k] = cohort.daily[(p * cohort.days.length + at - n + 1 + k) * NV + v];
        return out;
      };
      for (const pid of pids) {
        const paradigm = paradigms.get(pid)!;
        for (const r of runParadigm(
          cm,
          paradigm,
          { P, slow, traits, events },
          {
            seed,
            ids,
            occasion: wave.id,
            series,
            onDivergence: c.onDivergence,
            divergences: cohort.divergences,
          },
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
        c.onProgress?.(0.8 + (0.2 * ++done) / totalRuns);
      }
    }
  }
  return rows;
}

/**
 * Runs a study: randomisation, the days (after a run-in when a diary needs one, see
 * {@link runInDays}), the waves' batteries, the analyses.
 */
export async function runTrial(spec: StudySpec, opts: TrialOptions = {}): Promise<TrialRun> {
  const t0 = performance.now();
  const seed = opts.seed ?? spec.seed;
  const s: StudySpec = { ...spec, seed };
  const model = opts.model ?? studyModel(s);
  const params = { ...(s.set ?? {}), ...(opts.params ?? {}) };
  checkStudySet(s, model); // before compiling: an unknown set key is an input error
  const cm = compileModel(model, { params });
  const paradigms = studyParadigms(cm, s);
  const issues = new Issues();
  checkStudyDesign(s, cm, paradigms, issues);
  issues.throwIfAny(`study ${s.id}`);

  const population = atField("population", () => resolvePopulation(s.population, model));
  const armPops: (Population | undefined)[] = s.arms.map((a, i) =>
    a.population
      ? atField(`arms[${i}].population`, () => resolvePopulation(a.population!, model))
      : undefined,
  );
  const { assignment, strata } = assignArms(s, cm, population, armPops, opts);

  // The cohort lives `runIn` days without practice or study events, then the study's days:
  // study day d is cohort day d + runIn.
  const runIn = runInDays(s, paradigms);
  const lastDay = Math.max(...s.waves.map((w) => w.day));
  const cohortSpec: CohortSpec = {
    seed,
    days: lastDay + runIn,
    population,
    arms: s.arms.map((a, i) => ({
      id: a.id,
      protocol: atField(`arms[${i}].protocol`, () => resolveProtocol(a.protocol, model)),
      population: armPops[i],
      ...(runIn > 0 ? { startDay: runIn } : {}),
    })),
    assignment,
    events:
      runIn > 0
        ? s.events.map((e) => ({ ...e, from: e.from + runIn, to: e.to + runIn }))
        : s.events,
    recordEvery: 1,
    onDivergence: opts.onDivergence,
  };
  const simulated = await runCohort(model, cohortSpec, {
    threads: opts.threads,
    params,
    onProgress: (f) => opts.onProgress?.(0.8 * f),
  });
  const dropout = dropoutDays(s, simulated, lastDay, runIn);
  const rows = measureWaves({
    s,
    cm,
    paradigms,
    cohort: simulated,
    dropout,
    runIn,
    onProgress: opts.onProgress,
    onDivergence: opts.onDivergence,
  });
  simulated.diverged = new Set(simulated.divergences.map((d) => d.participant)).size;
  const cohort: CohortResult =
    runIn > 0 ? { ...simulated, days: simulated.days.map((d) => d - runIn) } : simulated;

  const NT = cm.traits.length;
  const armIds = s.arms.map((a) => a.id);
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
  return {
    spec: s,
    model,
    data,
    results,
    cohort,
    paradigms,
    runInDays: runIn,
    seconds: (performance.now() - t0) / 1000,
  };
}
