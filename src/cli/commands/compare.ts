/** `kindsim compare`: which scorecard findings each variant of the theory passes or fails. */

import type { Command } from "commander";
import { comparisonFiles, comparisonSummary } from "../../io/designFiles.js";
import { buildManifest } from "../../io/manifest.js";
import { resolveModel } from "../../model/loadModel.js";
import { compareVariants, type VariantComparison } from "../../study/compareVariants.js";
import { variantModel } from "../../study/discriminate.js";
import { loadFindings, selectFindings } from "../../study/scorecard.js";
import { FINDINGS_FILE } from "../../io/nodeData.js";
import type { CliContext } from "../context.js";
import { withFlag } from "../errors.js";
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

interface CompareOptions extends CommonOptions {
  variants: string;
  only?: string;
}

/** The variant × finding matrix for people. */
export function formatComparison(c: VariantComparison): string {
  const lines = [
    `${"finding".padEnd(8)}${c.variants.map((v) => v.slice(0, 20).padStart(22)).join("")}  claim`,
  ];
  for (const f of c.findings) {
    const cells = c.variants.map((v) => {
      const r = f.results[v];
      return `${r.passed ? "pass" : "FAIL"} ${Number.isFinite(r.estimate) ? r.estimate.toFixed(2) : "NA"}`.padStart(
        22,
      );
    });
    lines.push(`${f.id.padEnd(8)}${cells.join("")}  ${f.differs ? "* " : ""}${f.claim}`);
  }
  lines.push(
    "",
    c.variants.map((v) => `${v}: ${c.passed[v]}/${c.total}`).join("; "),
    "* the variants disagree on this finding",
  );
  return lines.join("\n") + "\n";
}

/** Adds `compare` to the program. */
export function registerCompareCommand(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("compare")
    .description("which scorecard findings each variant of the theory passes or fails")
    .requiredOption(
      "--variants <ids>",
      "comma-separated variant ids (`default` is the model as shipped)",
    )
    .option("--only <ids>", "finding ids or prefixes");
  seedOption(cmd);
  threadsOption(cmd);
  outOption(cmd, "compare.csv, compare.json and manifest.json");
  printOptions(cmd).action(async (o: CompareOptions) => {
    const base = resolveModel();
    const variants = list(o.variants) ?? [];
    const models = withFlag("--variants", () => variants.map((v) => variantModel(base, v)));
    const all = loadFindings();
    const checks = withFlag("--only", () => selectFindings(all, list(o.only)));
    const { value: c } = await withOutputs(o, async () => {
      const bar = progressBar("compare", o.quiet || o.json);
      const c = await compareVariants(base, variants, checks, all, {
        seed: o.seed,
        threads: o.threads,
        onProgress: (f) => bar.update(f),
      });
      bar.done();
      const manifest = buildManifest({
        command: ctx.commandLine,
        model: models.map((model, i) => ({ model, variant: variants[i] })),
        seed: o.seed ?? null,
        inputs: [FINDINGS_FILE],
        extra: { findings: checks.map((x) => x.id) },
      });
      return { value: c, outputs: () => ({ files: comparisonFiles(c), manifest }) };
    });
    if (o.json)
      return void process.stdout.write(JSON.stringify(comparisonSummary(c), null, 2) + "\n");
    process.stdout.write(formatComparison(c));
  });
}
