/**
 * `kindsim replicate`: the findings scorecard. Runs every published finding through the
 * model and reports estimate, CI, N and verdict; exits 0 only if every check passes (or is a
 * declared expected failure).
 */

import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { forestPlot } from "../plot/index.js";
import {
  addRobustness,
  loadFindings,
  runScorecard,
  selectFindings,
  type Scorecard,
} from "../study/scorecard.js";
import type { CliContext } from "./context.js";
import { EXIT, withFlag } from "./errors.js";
import { intOption } from "./options.js";
import { progressBar } from "./progress.js";
import { csvField, csvNumber, writeOutputs } from "./writeOutputs.js";

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

/** Adds `replicate` to the program. */
export function registerReplicateCommand(program: Command, _ctx: CliContext): void {
  program
    .command("replicate")
    .description("run the findings scorecard: every cited finding through the model, with verdicts")
    .option("--only <ids>", "comma-separated finding ids or prefixes (F3 selects F3a, F3b)")
    .option(
      "--seed <seed>",
      "random seed for every study (default: each study's own)",
      intOption("--seed", 0),
    )
    .option(
      "--robustness <K>",
      "rerun each check over K draws from the parameter priors",
      intOption("--robustness", 1, 10_000),
    )
    .option(
      "--threads <k>",
      "worker threads",
      intOption("--threads", 1, 256),
      Math.max(1, Math.min(2, availableParallelism())),
    )
    .option("--out <dir>", "write scorecard.csv, scorecard.json and a forest plot here")
    .option(
      "--json",
      'print { "findings": [ { "id", "passed", "estimate", "ci", "n" } ], "passed", "total" }',
    )
    .option("--quiet", "no progress bar")
    .action(
      async (o: {
        only?: string;
        seed?: number;
        robustness?: number;
        threads: number;
        out?: string;
        json?: boolean;
        quiet?: boolean;
      }) => {
        const all = loadFindings();
        const checks = withFlag("--only", () =>
          selectFindings(
            all,
            o.only
              ?.split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          ),
        );
        const bar = progressBar("scorecard", o.quiet || o.json);
        let card = await runScorecard(checks, all, {
          seed: o.seed,
          threads: o.threads,
          onProgress: (f) => bar.update(o.robustness ? f / (o.robustness + 1) : f),
        });
        if (o.robustness)
          card = await addRobustness(card, checks, all, o.robustness, {
            seed: o.seed,
            threads: o.threads,
            onProgress: (f) => bar.update((1 + f * o.robustness!) / (o.robustness! + 1)),
          });
        bar.done();
        if (o.out) {
          const csv = [
            "finding,claim,citation,design,analysis,verdict,passed,estimate,ci_low,ci_high,p,n,robustness,reason",
          ];
          for (const f of card.findings)
            csv.push(
              [
                f.id,
                csvField(f.claim),
                csvField(f.citation),
                csvField(f.design),
                f.analysis,
                csvField(f.verdict),
                f.passed,
                csvNumber(f.estimate),
                csvNumber(f.ci[0]),
                csvNumber(f.ci[1]),
                f.p === null ? "NA" : csvNumber(f.p),
                f.n,
                f.robustness ? csvNumber(f.robustness.share) : "NA",
                csvField(f.expectedFailure ?? f.reason),
              ].join(","),
            );
          const svg = forestPlot({
            title: `Findings scorecard: ${card.passed}/${card.total} reproduced`,
            xLabel: "estimate (95% CI)",
            reference: 0,
            rows: card.findings
              .filter((f) => Number.isFinite(f.estimate))
              .map((f) => ({
                label: `${f.id}${f.expectedFailure ? " (expected failure)" : ""} ${f.claim.slice(0, 40)}`,
                estimate: f.estimate,
                lo: f.ci[0],
                hi: f.ci[1],
                passed: f.expectedFailure && !f.passed ? undefined : f.passed,
              })),
          });
          writeOutputs(o.out, [
            { name: "scorecard.csv", content: csv.join("\n") + "\n" },
            { name: "scorecard.json", content: JSON.stringify(card, null, 2) + "\n" },
            { name: "scorecard.svg", content: svg },
          ]);
        }
        if (o.json) {
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
        } else process.stdout.write(formatScorecard(card) + "\n");
        process.exitCode = card.unexpectedFailures === 0 ? EXIT.ok : EXIT.failure;
      },
    );
}
