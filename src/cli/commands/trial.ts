/**
 * `kindsim trial STUDY`: runs a virtual trial from a study file and writes tidy data, the
 * analysis results, a summary table and plots.
 */

import type { Command } from "commander";
import {
  checkOnDivergence,
  describeDivergences,
  type OnDivergence,
} from "../../engine/divergence.js";
import { buildManifest, studyInputFiles } from "../../io/manifest.js";
import { formatResults, resultsJson, trialFiles } from "../../io/trialFiles.js";
import { runTrial, type TrialRun } from "../../study/runTrial.js";
import type { CliContext } from "../context.js";
import { intOption } from "../options.js";
import { withOutputs } from "../outputs.js";
import { progressBar } from "../progress.js";
import {
  modelOptions,
  onDivergenceOption,
  outOption,
  printOptions,
  seedOption,
  threadsOption,
  type CommonOptions,
  type ModelChoice,
} from "../sharedOptions.js";
import { loadStudyArg, studyModelChoice } from "../studyArg.js";

interface TrialOptions extends CommonOptions, ModelChoice {
  n?: number;
  onDivergence?: string;
}

/** The manifest of a trial run. */
function trialManifest(file: string, run: TrialRun, command: string, onDivergence: OnDivergence) {
  const { spec, data } = run;
  return buildManifest({
    command,
    model: { model: run.model, variant: spec.variant, parametersChanged: spec.set ?? {} },
    seed: spec.seed,
    inputs: studyInputFiles(file, spec),
    extra: {
      study: { id: spec.id, title: spec.title, findings: spec.findings ?? [] },
      arms: spec.arms,
      waves: spec.waves,
      participants: data.participants.length,
      droppedOut: data.participants.filter((p) => p.dropoutDay !== null).length,
      onDivergence,
      seconds: Number(run.seconds.toFixed(3)),
    },
  });
}

function printRun(o: TrialOptions, run: TrialRun): void {
  const { spec } = run;
  if (o.json) {
    const out = {
      study: spec.id,
      seed: run.spec.seed,
      participants: run.data.participants.length,
      results: resultsJson(run.results),
    };
    return void process.stdout.write(JSON.stringify(out, null, 2) + "\n");
  }
  const dropped = run.data.participants.filter((p) => p.dropoutDay !== null).length;
  process.stdout.write(
    `${spec.title}\n${run.data.participants.length} participants (${spec.arms.map((a) => `${a.id} ${o.n ?? a.n}`).join(", ")}), ${dropped} dropped out; ${run.seconds.toFixed(1)} s\n\n${formatResults(run.results)}\n${o.out ? `\nwrote ${o.out}/\n` : ""}`,
  );
}

/** Adds `trial` to the program. */
export function registerTrialCommand(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("trial")
    .argument("<study>", "study file (YAML or JSON), e.g. examples/mascaro2013-rmet.yaml")
    .description("run a virtual trial: randomise, simulate, measure at each wave, analyse")
    .option(
      "--n <n>",
      "participants per arm (default: the study's)",
      intOption("--n", 1, 1_000_000),
    );
  seedOption(cmd, "random seed (default: the study's)");
  modelOptions(cmd, false);
  threadsOption(cmd);
  onDivergenceOption(cmd);
  outOption(
    cmd,
    "data.csv, participants.csv, results.csv/json, means.csv, summary.txt, dictionary.csv, plots and manifest.json",
  );
  printOptions(cmd, "print the results as JSON").action(async (file: string, o: TrialOptions) => {
    const spec = studyModelChoice(loadStudyArg(file), o);
    const onDivergence = checkOnDivergence(o.onDivergence, "--on-divergence");
    const { value: run } = await withOutputs(o, async () => {
      const bar = progressBar(`trial ${spec.id}`, o.quiet || o.json);
      const run = await runTrial(spec, {
        seed: o.seed,
        n: o.n,
        threads: o.threads,
        onProgress: (f) => bar.update(f),
        onDivergence,
      });
      bar.done();
      if (run.cohort.diverged > 0)
        process.stderr.write(
          `kindsim: warning: ${run.cohort.diverged} participant(s) diverged and were dropped: ${describeDivergences(run.cohort.divergences, 5)}\n`,
        );
      return {
        value: run,
        outputs: () => ({
          files: trialFiles(run, trialManifest(file, run, ctx.commandLine, onDivergence)),
        }),
      };
    });
    printRun(o, run);
  });
}
