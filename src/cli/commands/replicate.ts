/**
 * `kindsim replicate`: the findings scorecard. Runs every published finding through the
 * model and reports estimate, CI, N and verdict; exits 0 only if every check passes (or is a
 * declared expected failure).
 */

import type { Command } from "commander";
import { scorecardFiles } from "../../io/designFiles.js";
import { buildManifest } from "../../io/manifest.js";
import { FINDINGS_FILE } from "../../io/nodeData.js";
import { resolveModel } from "../../model/loadModel.js";
import {
  addRobustness,
  loadFindings,
  runScorecard,
  selectFindings,
  type Scorecard,
} from "../../study/scorecard.js";
import type { CliContext } from "../context.js";
import { EXIT, withFlag } from "../errors.js";
import { modelFromOptions, parseSets } from "../modelOptions.js";
import { intOption } from "../options.js";
import { withOutputs } from "../outputs.js";
import { progressBar } from "../progress.js";
import {
  list,
  modelOptions,
  outOption,
  printOptions,
  seedOption,
  threadsOption,
  type CommonOptions,
  type ModelChoice,
} from "../sharedOptions.js";

interface ReplicateOptions extends CommonOptions, ModelChoice {
  only?: string;
  robustness?: number;
}

/** Formats the scorecard as a table for people. */
export function formatScorecard(card: Scorecard): string {
  const fmt = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : "NA");
  const rob = card.findings.some((f) => f.robustness);
  const head = `${"finding".padEnd(8)}${"verdict".padEnd(18)}${"estimate".padStart(9)}${"95% CI".padStart(20)}${"N".padStart(6)}${rob ? "  robust" : ""}  claim (design)`;
  const lines = card.findings.map((f) => {
    const ci = Number.isFinite(f.ci[0]) ? `[${fmt(f.ci[0])}, ${fmt(f.ci[1])}]` : "";
    const r = f.robustness ? `  ${(100 * f.robustness.share).toFixed(0).padStart(5)}%` : "";
    const why = f.passed
      ? ""
      : `\n${"".padEnd(26)}-> ${f.expectedFailure ? `expected failure: ${f.expectedFailure}` : f.reason}`;
    return `${f.id.padEnd(8)}${f.verdict.padEnd(18)}${fmt(f.estimate).padStart(9)}${ci.padStart(20)}${String(f.n).padStart(6)}${r}  ${f.claim} (${f.design})${why}`;
  });
  return [
    head,
    ...lines,
    "",
    `${card.passed}/${card.total} findings reproduced; ${card.unexpectedFailures} unexpected failure(s); ${card.seconds.toFixed(1)} s`,
  ].join("\n");
}

function printCard(o: ReplicateOptions, card: Scorecard): void {
  if (!o.json) return void process.stdout.write(formatScorecard(card) + "\n");
  const findings = card.findings.map((f) => ({
    id: f.id,
    passed: f.passed,
    estimate: f.estimate,
    ci: f.ci,
    n: f.n,
    verdict: f.verdict,
    ...(f.robustness ? { robustness: f.robustness.share } : {}),
  }));
  process.stdout.write(
    JSON.stringify({ findings, passed: card.passed, total: card.total }, null, 2) + "\n",
  );
}

async function replicate(o: ReplicateOptions, ctx: CliContext): Promise<void> {
  const all = loadFindings();
  const checks = withFlag("--only", () => selectFindings(all, list(o.only)));
  const model = o.variant === undefined ? undefined : modelFromOptions(o);
  const params = parseSets(model ?? resolveModel(), o.set);
  const { value: card } = await withOutputs(o, async () => {
    const bar = progressBar("scorecard", o.quiet || o.json);
    const K = o.robustness;
    const common = { seed: o.seed, threads: o.threads, model, params };
    let card = await runScorecard(checks, all, {
      ...common,
      onProgress: (f) => bar.update(K ? f / (K + 1) : f),
    });
    if (K)
      card = await addRobustness(card, checks, all, K, {
        ...common,
        onProgress: (f) => bar.update((1 + f * K) / (K + 1)),
      });
    bar.done();
    const manifest = buildManifest({
      command: ctx.commandLine,
      model: { model: model ?? resolveModel(), variant: o.variant, parametersChanged: params },
      seed: o.seed ?? null,
      inputs: [FINDINGS_FILE],
      extra: { findings: checks.map((c) => c.id), robustness: K ?? null },
    });
    return { value: card, outputs: () => ({ files: scorecardFiles(card), manifest }) };
  });
  printCard(o, card);
  process.exitCode = card.unexpectedFailures === 0 ? EXIT.ok : EXIT.failure;
}

/** Adds `replicate` to the program. */
export function registerReplicateCommand(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("replicate")
    .description("run the findings scorecard: every cited finding through the model, with verdicts")
    .option("--only <ids>", "comma-separated finding ids or prefixes (F3 selects F3a, F3b)");
  seedOption(cmd, "random seed for every study (default: each study's own)").option(
    "--robustness <K>",
    "rerun each check over K draws from the parameter priors",
    intOption("--robustness", 1, 10_000),
  );
  modelOptions(cmd, false);
  threadsOption(cmd);
  outOption(cmd, "scorecard.csv, scorecard.json, a forest plot and manifest.json");
  printOptions(
    cmd,
    'print { "findings": [ { "id", "passed", "estimate", "ci", "n" } ], "passed", "total" }',
  ).action((o: ReplicateOptions) => replicate(o, ctx));
}
