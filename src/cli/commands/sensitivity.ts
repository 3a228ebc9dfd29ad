/** `kindsim sensitivity STUDY`: Morris screening or Sobol' indices of each planned outcome. */

import type { Command } from "commander";
import { sensitivityFiles, sensitivityIndexName } from "../../io/designFiles.js";
import { buildManifest, studyInputFiles } from "../../io/manifest.js";
import { InputError } from "../../model/issues.js";
import { studyModel } from "../../study/runTrial.js";
import {
  plannedEvaluations,
  studySensitivity,
  type SensitivityResult,
} from "../../study/studySensitivity.js";
import type { StudySpec } from "../../study/studySpec.js";
import type { CliContext } from "../context.js";
import { withFlag } from "../errors.js";
import { intOption } from "../options.js";
import { withOutputs } from "../outputs.js";
import { progressBar, type Progress } from "../progress.js";
import {
  list,
  outOption,
  printOptions,
  seedOption,
  threadsOption,
  type CommonOptions,
} from "../sharedOptions.js";
import { loadStudyArg } from "../studyArg.js";

interface SensitivityOptions extends CommonOptions {
  method: string;
  params?: string;
  trajectories: number;
  samples: number;
  n?: number;
  top: number;
}

function formatSensitivity(spec: StudySpec, res: SensitivityResult, top: number): string {
  const name = sensitivityIndexName(res.method);
  const lines = [
    `${spec.title}: ${res.method} sensitivity over the priors of ${res.parameters.length} parameters (${res.evaluations} virtual trials)`,
    "",
  ];
  for (const out of res.outcomes) {
    if (res.failed.includes(out)) {
      lines.push(`${out}: some evaluations failed (no estimate); not ranked`, "");
      continue;
    }
    lines.push(`${out}: top ${top} by ${name}`);
    for (const r of res.rows.filter((x) => x.outcome === out).slice(0, top))
      lines.push(
        `  ${r.parameter.padEnd(22)}${r.index.toFixed(4).padStart(10)}  [${r.lo.toFixed(4)}, ${r.hi.toFixed(4)}]  ${Object.entries(
          r.extra,
        )
          .map(([k, v]) => `${k} ${v.toFixed(4)}`)
          .join("  ")}`,
      );
    lines.push("");
  }
  if (res.method === "sobol")
    lines.push("Sobol' indices assume independent inputs; the model's priors are independent.");
  return lines.join("\n") + "\n";
}

/**
 * Tells the user the plan before a long run: the number of virtual trials, and (after the
 * first one, timed) an estimate of the whole run's duration.
 */
function planReporter(bar: Progress, runs: number, quiet: boolean) {
  const t0 = performance.now();
  let told = false;
  bar.note(`planned ${runs} virtual trials (model runs); estimating time from the first…`);
  return (f: number): void => {
    if (!told && !quiet && f > 0) {
      told = true;
      const each = (performance.now() - t0) / 1000 / Math.max(1, Math.round(f * runs));
      const total = each * runs;
      bar.note(
        `about ${each.toFixed(1)} s per trial: estimated ${total < 90 ? `${total.toFixed(0)} s` : `${(total / 60).toFixed(1)} min`} in all`,
      );
    }
    bar.update(f);
  };
}

/** Adds `sensitivity` to the program. */
export function registerSensitivityCommand(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("sensitivity")
    .argument("<study>", "study file")
    .description(
      "global sensitivity of each planned outcome to the model's parameters (Morris screening or Sobol' indices)",
    )
    .option("--method <m>", "morris or sobol", "morris")
    .option("--params <ids>", "parameters to vary (default: all; Sobol' needs a short list)")
    .option("--trajectories <r>", "Morris trajectories", intOption("--trajectories", 2, 10_000), 8)
    .option("--samples <N>", "Sobol' base sample size", intOption("--samples", 8, 1_000_000), 64)
    .option(
      "--n <n>",
      "participants per arm in each evaluation (default: the study's)",
      intOption("--n", 2, 1_000_000),
    )
    .option("--top <k>", "parameters shown per outcome", intOption("--top", 1, 1000), 10);
  seedOption(cmd);
  threadsOption(cmd, 1);
  outOption(cmd, "sensitivity.csv, sensitivity.json, ranked bar plots and manifest.json");
  printOptions(cmd).action(async (file: string, o: SensitivityOptions) => {
    if (o.method !== "morris" && o.method !== "sobol")
      throw new InputError(`--method expects morris or sobol, got ${JSON.stringify(o.method)}`);
    const method: "morris" | "sobol" = o.method;
    const spec = loadStudyArg(file);
    const model = studyModel(spec);
    const opts = {
      method,
      parameters: list(o.params),
      trajectories: o.trajectories,
      samples: o.samples,
      n: o.n,
      seed: o.seed,
      threads: o.threads,
    };
    const runs = withFlag("--params", () => plannedEvaluations(model, opts));
    const { value: res } = await withOutputs(o, async () => {
      const quiet = o.quiet === true || o.json === true;
      const bar = progressBar(`sensitivity (${method})`, quiet);
      const onProgress = planReporter(bar, runs, quiet);
      const res = await withFlag("--params", () =>
        studySensitivity(spec, { ...opts, model, onProgress }),
      );
      bar.done();
      const manifest = buildManifest({
        command: ctx.commandLine,
        model: { model, variant: spec.variant, parametersChanged: spec.set },
        seed: o.seed ?? spec.seed,
        inputs: studyInputFiles(file, spec),
        extra: { study: spec.id, method, parameters: res.parameters, evaluations: res.evaluations },
      });
      return {
        value: res,
        outputs: () => ({ files: sensitivityFiles(spec.id, res, o.top), manifest }),
      };
    });
    for (const w of res.warnings) process.stderr.write(`kindsim: warning: ${w}\n`);
    if (o.json) return void process.stdout.write(JSON.stringify(res, null, 2) + "\n");
    process.stdout.write(formatSensitivity(spec, res, o.top));
  });
}
