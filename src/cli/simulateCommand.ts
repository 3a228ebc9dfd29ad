/**
 * `kindsim simulate` (a cohort on one or more practice protocols over weeks) and
 * `kindsim demo` (the embedded demonstration: CBCT vs health education).
 */

import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { applyVariant } from "../model/applyVariant.js";
import { resolveModel } from "../model/loadModel.js";
import { modelHash } from "../model/modelHash.js";
import type { Model } from "../model/types.js";
import { resolvePopulation } from "../sim/population.js";
import { resolveProtocol, therapistProtocol } from "../sim/protocol.js";
import { checkOnDivergence, describeDivergences } from "../engine/divergence.js";
import { runCohort } from "../sim/runCohort.js";
import {
  blockAssignment,
  type CohortResult,
  type CohortSpec,
  type EventSchedule,
} from "../sim/simulateCohort.js";
import { VERSION } from "../model/version.js";
import { CliError, commandLine } from "./main.js";
import { intOption } from "./options.js";
import { progressBar } from "./progress.js";
import { csvField, csvNumber, writeOutputs } from "./writeOutputs.js";

/** Options shared by `simulate` and `demo`. */
export interface SimulateOptions {
  model?: string;
  variant?: string;
  set?: string[];
  protocol: string;
  population: string;
  n: number;
  weeks: number;
  seed: number;
  threads: number;
  out?: string;
  json?: boolean;
  recordEvery: number;
  quiet?: boolean;
  event?: string[];
  /** Participants whose states diverge: fail (default) or drop and count. */
  onDivergence?: string;
}

/** Parses `--event name:from-to[=value]` (days, inclusive; value 1 by default). */
export function parseEvent(s: string): EventSchedule {
  const m = /^([A-Za-z_]\w*):(\d+)(?:-(\d+))?(?:=(-?[\d.]+))?$/.exec(s.trim());
  if (!m)
    throw new CliError(
      `--event expects name:from-to[=value] (days), e.g. exclusion:0-27=1, got ${JSON.stringify(s)}`,
    );
  const from = Number(m[2]);
  const to = m[3] === undefined ? from : Number(m[3]);
  const value = m[4] === undefined ? 1 : Number(m[4]);
  if (to < from || !Number.isFinite(value))
    throw new CliError(`--event ${s}: expected from <= to and a finite value`);
  return { event: m[1], from, to, value };
}

/** Parses `--set name=value` pairs against the model's parameters. */
export function parseSets(model: Model, sets: string[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of sets) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(s.trim());
    if (!m) throw new CliError(`--set expects name=value, got ${JSON.stringify(s)}`);
    if (!(m[1] in model.parameters))
      throw new CliError(
        `--set: unknown parameter ${JSON.stringify(m[1])} (see kindsim model show)`,
      );
    const v = Number(m[2]);
    if (!Number.isFinite(v))
      throw new CliError(`--set ${m[1]}: expected a finite number, got ${JSON.stringify(m[2])}`);
    out[m[1]] = v;
  }
  return out;
}

/** Loads the model (with variant) named by CLI options. */
export function modelFromOptions(o: { model?: string; variant?: string }): Model {
  const base = resolveModel(o.model);
  return o.variant ? applyVariant(base, o.variant) : base;
}

/** Per-arm summary: mean (SD) of variables at the first and last recorded day. */
export function summariseCohort(
  r: CohortResult,
  armIds: string[],
  variables: string[],
): Record<
  string,
  Record<string, { pre: number; post: number; change: number; sdChange: number; n: number }>
> {
  const out: ReturnType<typeof summariseCohort> = {};
  const NV = r.variables.length;
  const last = r.days.length - 1;
  armIds.forEach((armId, a) => {
    out[armId] = {};
    for (const v of variables) {
      const vi = r.variables.indexOf(v);
      if (vi < 0) continue;
      let n = 0;
      let sPre = 0;
      let sPost = 0;
      let sD = 0;
      let sD2 = 0;
      for (let p = 0; p < r.ids.length; p++) {
        if (r.arm[p] !== a) continue;
        const pre = r.daily[p * r.days.length * NV + vi];
        const post = r.daily[(p * r.days.length + last) * NV + vi];
        n++;
        sPre += pre;
        sPost += post;
        sD += post - pre;
        sD2 += (post - pre) ** 2;
      }
      const mean = sD / n;
      out[armId][v] = {
        pre: sPre / n,
        post: sPost / n,
        change: mean,
        sdChange: Math.sqrt(Math.max(0, sD2 / n - mean * mean) * (n / Math.max(1, n - 1))),
        n,
      };
    }
  });
  return out;
}

/** Builds the tidy output files of a cohort run. */
export function cohortFiles(
  r: CohortResult,
  spec: CohortSpec,
  model: Model,
  manifest: Record<string, unknown>,
) {
  const NV = r.variables.length;
  const armIds = spec.arms.map((a) => a.id);
  const lines: string[] = ["participant,arm,day,variable,value"];
  for (let p = 0; p < r.ids.length; p++) {
    const arm = csvField(armIds[r.arm[p]]);
    for (let d = 0; d < r.days.length; d++) {
      const b = (p * r.days.length + d) * NV;
      for (let v = 0; v < NV; v++)
        lines.push(
          `${r.ids[p]},${arm},${r.days[d]},${r.variables[v]},${csvNumber(r.daily[b + v])}`,
        );
    }
  }
  const traitIds = model.nodes.filter((n) => n.level === "trait").map((n) => n.id);
  const slowIds = model.nodes.filter((n) => n.level === "slow").map((n) => n.id);
  const NT = traitIds.length;
  const NS = slowIds.length;
  const plines = [
    [
      "participant",
      "arm",
      "adherence",
      "minutes",
      "practice_days",
      "prior_hours",
      ...traitIds,
      ...slowIds.map((s) => `final_${s}`),
    ].join(","),
  ];
  for (let p = 0; p < r.ids.length; p++) {
    plines.push(
      [
        r.ids[p],
        csvField(armIds[r.arm[p]]),
        csvNumber(r.adherence[p]),
        csvNumber(r.minutes[p]),
        csvNumber(r.practiceDays[p]),
        csvNumber(r.priorHours[p]),
        ...Array.from(r.traits.subarray(p * NT, (p + 1) * NT), csvNumber),
        ...Array.from(r.slow.subarray(p * NS, (p + 1) * NS), csvNumber),
      ].join(","),
    );
  }
  return [
    { name: "daily.csv", content: lines.join("\n") + "\n" },
    { name: "participants.csv", content: plines.join("\n") + "\n" },
    { name: "manifest.json", content: JSON.stringify(manifest, null, 2) + "\n" },
  ];
}

/** Variables shown in the printed summary. */
export const SUMMARY_VARIABLES = [
  "depression",
  "isolation",
  "inflammation",
  "vagal",
  "connectedness",
  "warmth",
  "selfOther",
  "mentalizing",
  "mirroring",
  "reappraisal",
];

/** Runs a cohort simulation from CLI options; prints a summary; writes files when `out`. */
export async function simulate(o: SimulateOptions, command: string): Promise<void> {
  const model = modelFromOptions(o);
  const params = parseSets(model, o.set);
  const population = resolvePopulation(o.population, model);
  const arms: CohortSpec["arms"] = [];
  for (const id of o.protocol.split(",")) {
    const protocol = resolveProtocol(id.trim(), model);
    arms.push({ id: protocol.id, protocol });
    // A dyadic protocol (CFT) brings one therapist per patient, drawn from healthy adults.
    const therapist = therapistProtocol(protocol);
    if (therapist)
      arms.push({
        id: therapist.id,
        protocol: therapist,
        population: resolvePopulation("healthy-adults", model),
      });
  }
  const spec: CohortSpec = {
    seed: o.seed,
    days: o.weeks * 7,
    population,
    arms,
    assignment: blockAssignment(arms.map(() => o.n)),
    recordEvery: o.recordEvery,
    events: (o.event ?? []).map(parseEvent),
    onDivergence: checkOnDivergence(o.onDivergence, "--on-divergence"),
  };
  const bar = progressBar("simulating", o.quiet || o.json);
  const t0 = performance.now();
  const r = await runCohort(model, spec, {
    threads: o.threads,
    params,
    onProgress: (f) => bar.update(f),
  });
  bar.done();
  const seconds = (performance.now() - t0) / 1000;
  if (r.diverged > 0)
    process.stderr.write(
      `kindsim: warning: ${r.diverged} participant(s) diverged (states non-finite or far out of range) and were dropped: ${describeDivergences(r.divergences, 5)}\n`,
    );
  const summary = summariseCohort(
    r,
    spec.arms.map((a) => a.id),
    SUMMARY_VARIABLES,
  );
  const manifest = {
    kindsim: VERSION,
    created: new Date().toISOString(),
    command,
    model: {
      id: model.id,
      hash: modelHash(model),
      variant: o.variant ?? null,
      parametersChanged: params,
    },
    seed: o.seed,
    population: population.id,
    arms: spec.arms.map((a) => ({ id: a.id, label: a.protocol.label, n: o.n })),
    days: spec.days,
    threads: o.threads,
    recordEvery: o.recordEvery,
    diverged: r.diverged,
    seconds: Number(seconds.toFixed(3)),
  };
  if (o.out) writeOutputs(o.out, cohortFiles(r, spec, model, manifest));
  if (o.json) {
    process.stdout.write(JSON.stringify({ manifest, summary }, null, 2) + "\n");
    return;
  }
  const out: string[] = [];
  out.push(
    `${model.title} (${model.id}${o.variant ? ` + ${o.variant}` : ""}), ${population.label}, ${o.n} per arm, ${o.weeks} weeks, seed ${o.seed}`,
  );
  out.push(
    `simulated ${r.ids.length} participants x ${spec.days} days in ${seconds.toFixed(1)} s on ${o.threads} thread(s)`,
  );
  out.push("");
  out.push(`Change from day 0 to day ${spec.days}: mean (SD of change)`);
  out.push(["variable".padEnd(14), ...spec.arms.map((a) => a.id.padStart(31))].join(""));
  for (const v of SUMMARY_VARIABLES) {
    const cells = spec.arms.map((a) => {
      const s = summary[a.id][v];
      return s
        ? `${s.pre.toFixed(3)}->${s.post.toFixed(3)} (${s.change >= 0 ? "+" : ""}${s.change.toFixed(3)}±${s.sdChange.toFixed(3)})`.padStart(
            31,
          )
        : "".padStart(31);
    });
    out.push([v.padEnd(14), ...cells].join(""));
  }
  const minutes = spec.arms.map((a, ai) => {
    let s = 0;
    let n = 0;
    for (let p = 0; p < r.ids.length; p++) {
      if (r.arm[p] !== ai) continue;
      s += r.minutes[p];
      n++;
    }
    return `${a.id}: ${(s / n / 60).toFixed(1)} h`;
  });
  out.push("", `mean practice per participant: ${minutes.join(", ")}`);
  if (o.out) out.push(`wrote ${o.out}/daily.csv, participants.csv, manifest.json`);
  process.stdout.write(out.join("\n") + "\n");
}

function addSimulateOptions(cmd: Command, defaults: Partial<SimulateOptions>): Command {
  return cmd
    .option("--model <file>", "model file (YAML or JSON); default: the embedded mascaro2015")
    .option("--variant <id>", "apply a named variant of the model")
    .option("--set <name=value...>", "override parameters")
    .option(
      "--protocol <ids>",
      "protocol id(s), comma-separated (one arm each), or a protocol file",
      defaults.protocol,
    )
    .option("--population <id>", "population id or file", defaults.population ?? "healthy-adults")
    .option("--n <n>", "participants per arm", intOption("--n", 1, 10_000_000), defaults.n ?? 100)
    .option(
      "--weeks <weeks>",
      "weeks to simulate",
      intOption("--weeks", 1, 520),
      defaults.weeks ?? 8,
    )
    .option("--seed <seed>", "random seed", intOption("--seed", 0), 1)
    .option(
      "--threads <k>",
      "worker threads",
      intOption("--threads", 1, 256),
      defaults.threads ?? 1,
    )
    .option(
      "--record-every <days>",
      "record daily values every k days",
      intOption("--record-every", 1, 3650),
      defaults.recordEvery ?? 1,
    )
    .option("--out <dir>", "write daily.csv, participants.csv and manifest.json here", defaults.out)
    .option(
      "--event <name:from-to=value...>",
      "life events and challenges by day, e.g. exclusion:0-27=1 endotoxin:14",
    )
    .option("--json", "print a JSON summary")
    .option("--quiet", "no progress bar")
    .option(
      "--on-divergence <mode>",
      "participants whose states diverge: fail (stop, exit 2) or drop (exclude and count)",
      "fail",
    );
}

/** Adds `simulate` and `demo` to the program. */
export function registerSimulateCommands(program: Command): void {
  addSimulateOptions(
    program
      .command("simulate")
      .description("simulate a cohort practising one or more protocols (one arm each)"),
    { protocol: "cbct" },
  ).action(async (o: SimulateOptions) => {
    if (!o.protocol) throw new CliError("--protocol is required");
    await simulate(o, commandLine());
  });
  const threads = Math.max(1, Math.min(2, availableParallelism()));
  addSimulateOptions(
    program
      .command("demo")
      .description(
        "the demonstration cohort: CBCT vs health education, 1,000 healthy adults per arm, 8 weeks",
      )
      .addHelpText(
        "after",
        "\nWrites out/demo/{daily.csv, participants.csv, manifest.json} and prints a summary.",
      ),
    {
      protocol: "cbct,health-education",
      n: 1000,
      weeks: 8,
      threads,
      out: "out/demo",
      recordEvery: 7,
    },
  ).action(async (o: SimulateOptions) => {
    await simulate(o, commandLine());
  });
}
