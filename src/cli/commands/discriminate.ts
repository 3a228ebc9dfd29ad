/** `kindsim discriminate STUDY`: which designs tell rival variants of the theory apart. */

import type { Command } from "commander";
import { discriminationFiles } from "../../io/designFiles.js";
import { buildManifest, studyInputFiles } from "../../io/manifest.js";
import { metricText } from "../../io/trialFiles.js";
import { discriminate, variantModel, type DiscriminationResult } from "../../study/discriminate.js";
import { parseNs } from "../../study/power.js";
import { studyModel } from "../../study/runTrial.js";
import type { CliContext } from "../context.js";
import { withFlag } from "../errors.js";
import { intOption, numberOption } from "../options.js";
import { withOutputs } from "../outputs.js";
import { progressBar } from "../progress.js";
import {
  list,
  outOption,
  printOptions,
  seedOption,
  threadsOption,
  type CommonOptions,
} from "../sharedOptions.js";
import { loadStudyArg } from "../studyArg.js";

interface DiscriminateOptions extends CommonOptions {
  variants: string;
  n: string;
  reps: number;
  target: number;
}

function formatDiscrimination(title: string, reps: number, res: DiscriminationResult): string {
  const variants = res.variants;
  const lines = [
    `${title}: telling ${variants.join(" from ")} apart (${reps} virtual trials per design and variant)`,
    "",
    `${"analysis".padEnd(28)}${"n/arm".padStart(6)}${"cost".padStart(7)}${"rate".padStart(8)}${"95% CI".padStart(16)}  ${variants.map((v) => `mean (SD) under ${v}`).join("; ")}  metric`,
  ];
  for (const d of res.designs)
    lines.push(
      `${d.analysis.slice(0, 27).padEnd(28)}${String(d.n).padStart(6)}${String(d.cost).padStart(7)}${d.rate.toFixed(3).padStart(8)}${`[${d.lo.toFixed(2)}, ${d.hi.toFixed(2)}]`.padStart(16)}  ${variants.map((v) => `${d.byVariant[v].mean.toFixed(3)} (${d.byVariant[v].sd.toFixed(3)})`).join("; ")}  ${metricText(d)}`,
    );
  lines.push(
    "",
    res.recommended
      ? `cheapest design reaching ${res.target}: ${res.recommended.analysis} with ${res.recommended.n} per arm (rate ${res.recommended.rate.toFixed(3)}, cost ${res.recommended.cost} assessments)`
      : `no design reached ${res.target}; try larger --n or other analyses`,
  );
  return lines.join("\n") + "\n";
}

/** Adds `discriminate` to the program. */
export function registerDiscriminateCommand(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("discriminate")
    .argument("<study>", "study file")
    .description(
      "how often each candidate design (analysis x N) tells rival variants of the theory apart",
    )
    .requiredOption(
      "--variants <ids>",
      "comma-separated variant ids (`default` is the model as shipped)",
    )
    .option("--n <ns>", "participants per arm to consider", "20,40,80,160")
    .option(
      "--reps <reps>",
      "virtual trials per design and variant",
      intOption("--reps", 10, 100_000),
      200,
    )
    .option(
      "--target <rate>",
      "discrimination rate a design must reach",
      numberOption("--target", 0.5, 0.999),
      0.8,
    );
  seedOption(cmd);
  threadsOption(cmd);
  outOption(cmd, "discrimination.csv, discrimination.json, a plot and manifest.json");
  printOptions(cmd).action(async (file: string, o: DiscriminateOptions) => {
    const spec = loadStudyArg(file);
    const variants = list(o.variants) ?? [];
    const ns = withFlag("--n", () => parseNs(o.n));
    const base = studyModel(spec);
    const models = withFlag("--variants", () => variants.map((v) => variantModel(base, v)));
    const { value: res } = await withOutputs(o, async () => {
      const bar = progressBar("discriminate", o.quiet || o.json);
      const res = await withFlag("--variants", () =>
        discriminate(spec, variants, {
          ns,
          reps: o.reps,
          target: o.target,
          seed: o.seed,
          threads: o.threads,
          onProgress: (f) => bar.update(f),
        }),
      );
      bar.done();
      const manifest = buildManifest({
        command: ctx.commandLine,
        model: models.map((model, i) => ({ model, variant: variants[i] })),
        seed: o.seed ?? spec.seed,
        inputs: studyInputFiles(file, spec),
        extra: { study: spec.id, ns, reps: o.reps, target: o.target },
      });
      return {
        value: res,
        outputs: () => ({ files: discriminationFiles(spec.id, res), manifest }),
      };
    });
    if (o.json) return void process.stdout.write(JSON.stringify(res, null, 2) + "\n");
    process.stdout.write(formatDiscrimination(spec.title, o.reps, res));
  });
}
