/**
 * `kindsim simulate` (a cohort on one or more practice protocols over weeks) and
 * `kindsim demo` (the embedded demonstration: CBCT vs health education).
 */

import { checkOnDivergence, describeDivergences } from "../../engine/divergence.js";
import type { Command } from "commander";
import { cohortFiles } from "../../io/cohortFiles.js";
import { buildManifest } from "../../io/manifest.js";
import { describeIdOrRaw } from "../../model/describeId.js";
import { InputError } from "../../model/issues.js";
import type { Model } from "../../model/types.js";
import { simulateProtocols, type ProtocolCohortRun } from "../../study/simulateProtocols.js";
import {
  meanPracticeHours,
  SUMMARY_VARIABLES,
  summariseCohort,
} from "../../study/summariseCohort.js";
import type { CliContext } from "../context.js";
import { modelFromOptions, parseEvent, parseSets } from "../modelOptions.js";
import { intOption } from "../options.js";
import { withOutputs } from "../outputs.js";
import { progressBar } from "../progress.js";
import {
  DEFAULT_THREADS,
  modelOptions,
  onDivergenceOption,
  outOption,
  printOptions,
  type ModelChoice,
} from "../sharedOptions.js";

/** Options shared by `simulate` and `demo`. */
export interface SimulateOptions extends ModelChoice {
  protocol: string;
  population: string;
  n: number;
  weeks: number;
  seed: number;
  threads: number;
  out?: string;
  force?: boolean;
  json?: boolean;
  recordEvery: number;
  quiet?: boolean;
  event?: string[];
  /** Participants whose states diverge: fail (default) or drop and count. */
  onDivergence?: string;
}

function manifestOf(
  o: SimulateOptions,
  model: Model,
  params: Record<string, number>,
  run: ProtocolCohortRun,
  command: string,
) {
  const { spec, result: r } = run;
  return buildManifest({
    command,
    model: { model, variant: o.variant, parametersChanged: params },
    seed: o.seed,
    inputs: [o.model, o.population, ...o.protocol.split(",").map((s) => s.trim())],
    extra: {
      population: run.population.id,
      arms: spec.arms.map((a) => ({ id: a.id, label: a.protocol.label, n: o.n })),
      days: spec.days,
      threads: o.threads,
      recordEvery: o.recordEvery,
      onDivergence: checkOnDivergence(o.onDivergence, "--on-divergence"),
      diverged: r.diverged,
      seconds: Number(run.seconds.toFixed(3)),
    },
  });
}

/** Label, unit and scale of each summary variable (what scale the summary's numbers are on). */
export function summaryScales(
  model: Model,
): Record<string, { label: string; unit: string; scale: string }> {
  return Object.fromEntries(
    SUMMARY_VARIABLES.map((v) => {
      const d = describeIdOrRaw(model, v);
      return [v, { label: d.label, unit: d.unit, scale: d.scale }];
    }),
  );
}

function printSummary(o: SimulateOptions, model: Model, run: ProtocolCohortRun): void {
  const { spec, result: r } = run;
  const summary = summariseCohort(
    r,
    spec.arms.map((a) => a.id),
    SUMMARY_VARIABLES,
  );
  const out: string[] = [
    `${model.title} (${model.id}${o.variant ? ` + ${o.variant}` : ""}), ${run.population.label}, ${o.n} per arm, ${o.weeks} weeks, seed ${o.seed}`,
    `simulated ${r.ids.length} participants x ${spec.days} days in ${run.seconds.toFixed(1)} s on ${o.threads} thread(s)`,
    "",
    `Change from day 0 to day ${spec.days}: mean (SD of change)`,
    ["variable".padEnd(14), ...spec.arms.map((a) => a.id.padStart(31)), "  label: scale"].join(""),
  ];
  const scales = summaryScales(model);
  for (const v of SUMMARY_VARIABLES) {
    const cells = spec.arms.map((a) => {
      const s = summary[a.id][v];
      return s
        ? `${s.pre.toFixed(3)}->${s.post.toFixed(3)} (${s.change >= 0 ? "+" : ""}${s.change.toFixed(3)}±${s.sdChange.toFixed(3)})`.padStart(
            31,
          )
        : "".padStart(31);
    });
    out.push([v.padEnd(14), ...cells, `  ${scales[v].label}: ${scales[v].scale}`].join(""));
  }
  const hours = meanPracticeHours(r, spec.arms.length);
  const minutes = spec.arms.map((a, ai) => `${a.id}: ${hours[ai].toFixed(1)} h`);
  out.push("", `mean programme time per participant (class contact + home practice + sessions): ${minutes.join(", ")}`);
  if (o.out) out.push(`wrote ${o.out}/daily.csv, participants.csv, dictionary.csv, manifest.json`);
  process.stdout.write(out.join("\n") + "\n");
}

/** Runs a cohort simulation from CLI options; prints a summary; writes files when `out`. */
export async function simulate(o: SimulateOptions, command: string): Promise<void> {
  const model = modelFromOptions(o);
  const params = parseSets(model, o.set);
  const events = (o.event ?? []).map(parseEvent);
  const { value: run } = await withOutputs(o, async () => {
    const bar = progressBar("simulating", o.quiet || o.json);
    const run = await simulateProtocols(model, {
      protocols: o.protocol.split(","),
      population: o.population,
      n: o.n,
      weeks: o.weeks,
      seed: o.seed,
      recordEvery: o.recordEvery,
      events,
      onDivergence: checkOnDivergence(o.onDivergence, "--on-divergence"),
      threads: o.threads,
      params,
      onProgress: (f) => bar.update(f),
    });
    bar.done();
    const manifest = manifestOf(o, model, params, run, command);
    return {
      value: { run, manifest },
      outputs: () => ({ files: cohortFiles(run.result, run.spec, model), manifest }),
    };
  });
  if (run.run.result.diverged > 0)
    process.stderr.write(
      `kindsim: warning: ${run.run.result.diverged} participant(s) diverged (states non-finite or far out of range) and were dropped: ${describeDivergences(run.run.result.divergences, 5)}\n`,
    );
  if (o.json) {
    const { spec, result } = run.run;
    const summary = summariseCohort(
      result,
      spec.arms.map((a) => a.id),
      SUMMARY_VARIABLES,
    );
    const variables = summaryScales(model);
    process.stdout.write(
      JSON.stringify({ manifest: run.manifest, summary, variables }, null, 2) + "\n",
    );
    return;
  }
  printSummary(o, model, run.run);
}

function addSimulateOptions(cmd: Command, defaults: Partial<SimulateOptions>): Command {
  modelOptions(cmd)
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
    );
  outOption(
    cmd,
    "daily.csv, participants.csv, dictionary.csv and manifest.json",
    defaults.out,
  ).option(
    "--event <name:from-to=value...>",
    "life events and challenges by day, e.g. exclusion:0-27=1 endotoxin:14",
  );
  onDivergenceOption(cmd);
  return printOptions(cmd, "print a JSON summary");
}

/** Adds `simulate` and `demo` to the program. */
export function registerSimulateCommands(program: Command, ctx: CliContext): void {
  addSimulateOptions(
    program
      .command("simulate")
      .description("simulate a cohort practising one or more protocols (one arm each)"),
    { protocol: "cbct" },
  ).action(async (o: SimulateOptions) => {
    if (!o.protocol) throw new InputError("--protocol is required");
    await simulate(o, ctx.commandLine);
  });
  addSimulateOptions(
    program
      .command("demo")
      .description(
        "the demonstration cohort: CBCT vs health education, 1,000 healthy adults per arm, 8 weeks",
      )
      .addHelpText(
        "after",
        "\nWrites out/demo/{daily.csv, participants.csv, dictionary.csv, manifest.json} and prints a summary.\nAn existing out/demo from an earlier demo is replaced (the demo always passes --force).",
      ),
    {
      protocol: "cbct,health-education",
      n: 1000,
      weeks: 8,
      threads: DEFAULT_THREADS,
      out: "out/demo",
      recordEvery: 7,
    },
  ).action(async (o: SimulateOptions) => {
    await simulate({ ...o, force: o.force ?? o.out === "out/demo" }, ctx.commandLine);
  });
}
