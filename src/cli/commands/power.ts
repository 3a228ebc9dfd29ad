/** `kindsim power STUDY`: power (and assurance) of each planned analysis by N. */

import type { Command } from "commander";
import { powerFiles, powerReport, type PowerReport } from "../../io/designFiles.js";
import { buildManifest, studyInputFiles } from "../../io/manifest.js";
import { metricText } from "../../io/trialFiles.js";
import { studyModel } from "../../study/runTrial.js";
import {
  decisionRule,
  parseNs,
  simulateAssurance,
  simulatePower,
  smallestN,
} from "../../study/power.js";
import type { StudySpec } from "../../study/studySpec.js";
import type { CliContext } from "../context.js";
import { withFlag } from "../errors.js";
import { intOption, numberOption } from "../options.js";
import { withOutputs } from "../outputs.js";
import { progressBar } from "../progress.js";
import {
  modelOptions,
  outOption,
  printOptions,
  seedOption,
  threadsOption,
  type CommonOptions,
  type ModelChoice,
} from "../sharedOptions.js";
import { loadStudyArg, studyModelChoice } from "../studyArg.js";

interface PowerOptions extends CommonOptions, ModelChoice {
  n: string;
  reps: number;
  target: number;
  assurance?: number;
}

/** The power table for people. */
export function powerTable(r: PowerReport): string {
  const { points, assurance, target } = r;
  const out: string[] = [];
  for (const a of [...new Set(points.map((p) => p.analysis))]) {
    const rows = points.filter((p) => p.analysis === a);
    out.push(`${a}: ${rows[0].label}; estimate: ${metricText(rows[0])}`);
    out.push(
      `  ${"n/arm".padStart(6)}${"power".padStart(8)}${"95% MC CI".padStart(18)}${"mean est.".padStart(11)}${assurance ? "  assurance (95% MC CI)" : ""}`,
    );
    for (const p of rows) {
      const as = assurance?.find((q) => q.analysis === a && q.n === p.n);
      out.push(
        `  ${String(p.n).padStart(6)}${p.power.toFixed(3).padStart(8)}${`[${p.lo.toFixed(2)}, ${p.hi.toFixed(2)}]`.padStart(18)}${(Number.isFinite(p.meanEstimate) ? p.meanEstimate.toFixed(3) : "NA").padStart(11)}${as ? `  ${as.power.toFixed(3)} [${as.lo.toFixed(2)}, ${as.hi.toFixed(2)}]` : ""}`,
      );
    }
    const nd = smallestN(points, a, target);
    const na = assurance ? smallestN(assurance, a, target) : undefined;
    out.push(
      `  smallest n per arm with power >= ${target}: ${nd ?? "not reached"}${assurance ? `; with assurance: ${na ?? "not reached"}` : ""}`,
      "",
    );
  }
  return out.join("\n");
}

async function runPower(spec: StudySpec, sizes: number[], o: PowerOptions): Promise<PowerReport> {
  const bar = progressBar("power", o.quiet || o.json);
  const share = o.assurance ? 0.5 : 1;
  const common = { ns: sizes, reps: o.reps, seed: o.seed, threads: o.threads };
  const points = await simulatePower(spec, {
    ...common,
    onProgress: (f) => bar.update(share * f),
  });
  const assurance = o.assurance
    ? await simulateAssurance(spec, o.assurance, {
        ...common,
        onProgress: (f) => bar.update(0.5 + 0.5 * f),
      })
    : undefined;
  bar.done();
  return powerReport(spec.id, o.target, points, assurance);
}

/** Adds `power` to the program. */
export function registerPowerCommand(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("power")
    .argument("<study>", "study file")
    .description(
      "power of each planned analysis by N, from repeated virtual trials (and assurance over the priors)",
    )
    .option("--n <ns>", "participants per arm: from:to:step or a list", "20:200:20")
    .option("--reps <reps>", "virtual trials per N", intOption("--reps", 10, 100_000), 500)
    .option("--target <power>", "target power", numberOption("--target", 0.01, 0.999), 0.8)
    .option(
      "--assurance <K>",
      "also average power over K draws from the parameter priors",
      intOption("--assurance", 1, 10_000),
    );
  seedOption(cmd);
  modelOptions(cmd, false);
  threadsOption(cmd);
  outOption(cmd, "power.csv, power.json, power-curve plots and manifest.json");
  printOptions(cmd).action(async (file: string, o: PowerOptions) => {
    const spec = studyModelChoice(loadStudyArg(file), o);
    const sizes = withFlag("--n", () => parseNs(o.n));
    const { value: report } = await withOutputs(o, async () => {
      const report = await runPower(spec, sizes, o);
      const manifest = buildManifest({
        command: ctx.commandLine,
        model: { model: studyModel(spec), variant: spec.variant, parametersChanged: spec.set },
        seed: o.seed ?? spec.seed,
        inputs: studyInputFiles(file, spec),
        extra: { study: spec.id, ns: sizes, reps: o.reps, assurance: o.assurance ?? null },
      });
      return { value: report, outputs: () => ({ files: powerFiles(report), manifest }) };
    });
    if (o.json) return void process.stdout.write(JSON.stringify(report, null, 2) + "\n");
    process.stdout.write(
      `${spec.title}: power by participants per arm (${o.reps} virtual trials per N; significant = ${decisionRule(spec)})\n\n${powerTable(report)}`,
    );
  });
}
