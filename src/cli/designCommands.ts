/**
 * Study design commands: `kindsim power`, `kindsim discriminate`, `kindsim compare` and
 * `kindsim sensitivity`.
 */

import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { resolveModel } from "../model/loadModel.js";
import { barPlot, powerCurve } from "../plot/index.js";
import { discriminate, variantModel } from "../study/discriminate.js";
import {
  decisionRule,
  parseNs,
  simulateAssurance,
  simulatePower,
  smallestN,
  type PowerPoint,
} from "../study/power.js";
import { loadFindings, runScorecard, selectFindings, type Scorecard } from "../study/scorecard.js";
import { studySensitivity } from "../study/studySensitivity.js";
import { loadStudy } from "../study/studySpec.js";
import { CliError } from "./main.js";
import { intOption, numberOption } from "./options.js";
import { progressBar } from "./progress.js";
import { csvField, csvNumber, writeOutputs, type OutputFile } from "./writeOutputs.js";

const defaultThreads = Math.max(1, Math.min(2, availableParallelism()));

function ns(s: string): number[] {
  try {
    return parseNs(s);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

function powerTable(points: PowerPoint[], target: number, assurance?: PowerPoint[]): string {
  const analyses = [...new Set(points.map((p) => p.analysis))];
  const out: string[] = [];
  for (const a of analyses) {
    const rows = points.filter((p) => p.analysis === a);
    out.push(`${a}: ${rows[0].label}`);
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

/** Adds the design commands to the program. */
export function registerDesignCommands(program: Command): void {
  program
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
    )
    .option("--seed <seed>", "random seed", intOption("--seed", 0))
    .option("--threads <k>", "worker threads", intOption("--threads", 1, 256), defaultThreads)
    .option("--out <dir>", "write power.csv, power.json and power-curve plots here")
    .option("--json", "print JSON")
    .option("--quiet", "no progress bar")
    .action(
      async (
        file: string,
        o: {
          n: string;
          reps: number;
          target: number;
          assurance?: number;
          seed?: number;
          threads: number;
          out?: string;
          json?: boolean;
          quiet?: boolean;
        },
      ) => {
        const spec = loadStudy(file);
        const sizes = ns(o.n);
        const bar = progressBar("power", o.quiet || o.json);
        const share = o.assurance ? 0.5 : 1;
        const points = await simulatePower(spec, {
          ns: sizes,
          reps: o.reps,
          seed: o.seed,
          threads: o.threads,
          onProgress: (f) => bar.update(share * f),
        });
        const assurance = o.assurance
          ? await simulateAssurance(spec, o.assurance, {
              ns: sizes,
              reps: o.reps,
              seed: o.seed,
              threads: o.threads,
              onProgress: (f) => bar.update(0.5 + 0.5 * f),
            })
          : undefined;
        bar.done();
        const summary = [...new Set(points.map((p) => p.analysis))].map((a) => ({
          analysis: a,
          nForTarget: smallestN(points, a, o.target),
          nForTargetAssurance: assurance ? smallestN(assurance, a, o.target) : null,
        }));
        if (o.out) {
          const csv = ["analysis,label,kind,n,power,ci_low,ci_high,reps,errors,mean_estimate"];
          for (const [kind, ps] of [
            ["defaults", points],
            ["assurance", assurance ?? []],
          ] as const)
            for (const p of ps)
              csv.push(
                [
                  p.analysis,
                  csvField(p.label),
                  kind,
                  p.n,
                  csvNumber(p.power),
                  csvNumber(p.lo),
                  csvNumber(p.hi),
                  p.reps,
                  p.errors,
                  csvNumber(p.meanEstimate),
                ].join(","),
              );
          const files: OutputFile[] = [
            { name: "power.csv", content: csv.join("\n") + "\n" },
            {
              name: "power.json",
              content:
                JSON.stringify(
                  { study: spec.id, target: o.target, summary, points, assurance },
                  null,
                  2,
                ) + "\n",
            },
          ];
          for (const s of summary) {
            const series = [
              {
                label: "at default parameters",
                points: points
                  .filter((p) => p.analysis === s.analysis)
                  .map((p) => ({ n: p.n, power: p.power, lo: p.lo, hi: p.hi })),
              },
            ];
            if (assurance)
              series.push({
                label: "assurance (over priors)",
                points: assurance
                  .filter((p) => p.analysis === s.analysis)
                  .map((p) => ({ n: p.n, power: p.power, lo: p.lo, hi: p.hi })),
              });
            files.push({
              name: `power-${s.analysis}.svg`,
              content: powerCurve({ series, target: o.target, title: `${spec.id}: ${s.analysis}` }),
            });
          }
          writeOutputs(o.out, files);
        }
        if (o.json)
          return void process.stdout.write(
            JSON.stringify(
              { study: spec.id, target: o.target, summary, points, assurance },
              null,
              2,
            ) + "\n",
          );
        process.stdout.write(
          `${spec.title}: power by participants per arm (${o.reps} virtual trials per N; significant = ${decisionRule(spec)})\n\n${powerTable(points, o.target, assurance)}`,
        );
      },
    );

  program
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
    )
    .option("--seed <seed>", "random seed", intOption("--seed", 0))
    .option("--threads <k>", "worker threads", intOption("--threads", 1, 256), defaultThreads)
    .option("--out <dir>", "write discrimination.csv, discrimination.json and a plot here")
    .option("--json", "print JSON")
    .option("--quiet", "no progress bar")
    .action(
      async (
        file: string,
        o: {
          variants: string;
          n: string;
          reps: number;
          target: number;
          seed?: number;
          threads: number;
          out?: string;
          json?: boolean;
          quiet?: boolean;
        },
      ) => {
        const spec = loadStudy(file);
        const variants = o.variants
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        const bar = progressBar("discriminate", o.quiet || o.json);
        const res = await discriminate(spec, variants, {
          ns: ns(o.n),
          reps: o.reps,
          target: o.target,
          seed: o.seed,
          threads: o.threads,
          onProgress: (f) => bar.update(f),
        });
        bar.done();
        if (o.out) {
          const csv = [
            "analysis,n,waves,cost,rate,ci_low,ci_high," +
              variants.map((v) => `mean_${v},sd_${v}`).join(","),
          ];
          for (const d of res.designs)
            csv.push(
              [
                d.analysis,
                d.n,
                d.waves.join("+"),
                d.cost,
                csvNumber(d.rate),
                csvNumber(d.lo),
                csvNumber(d.hi),
                ...variants.flatMap((v) => [
                  csvNumber(d.byVariant[v].mean),
                  csvNumber(d.byVariant[v].sd),
                ]),
              ].join(","),
            );
          const best = [...res.designs].sort((a, b) => b.rate - a.rate).slice(0, 20);
          writeOutputs(o.out, [
            { name: "discrimination.csv", content: csv.join("\n") + "\n" },
            { name: "discrimination.json", content: JSON.stringify(res, null, 2) + "\n" },
            {
              name: "discrimination.svg",
              content: barPlot({
                title: `${spec.id}: ${variants.join(" vs ")}`,
                yLabel: "discrimination rate",
                bars: best.map((d) => ({
                  label: `${d.analysis} n=${d.n}`,
                  value: d.rate,
                  lo: d.lo,
                  hi: d.hi,
                })),
              }),
            },
          ]);
        }
        if (o.json) return void process.stdout.write(JSON.stringify(res, null, 2) + "\n");
        const lines = [
          `${spec.title}: telling ${variants.join(" from ")} apart (${o.reps} virtual trials per design and variant)`,
          "",
        ];
        lines.push(
          `${"analysis".padEnd(28)}${"n/arm".padStart(6)}${"cost".padStart(7)}${"rate".padStart(8)}${"95% CI".padStart(16)}  ${variants.map((v) => `mean (SD) under ${v}`).join("; ")}`,
        );
        for (const d of res.designs)
          lines.push(
            `${d.analysis.slice(0, 27).padEnd(28)}${String(d.n).padStart(6)}${String(d.cost).padStart(7)}${d.rate.toFixed(3).padStart(8)}${`[${d.lo.toFixed(2)}, ${d.hi.toFixed(2)}]`.padStart(16)}  ${variants.map((v) => `${d.byVariant[v].mean.toFixed(3)} (${d.byVariant[v].sd.toFixed(3)})`).join("; ")}`,
          );
        lines.push(
          "",
          res.recommended
            ? `cheapest design reaching ${res.target}: ${res.recommended.analysis} with ${res.recommended.n} per arm (rate ${res.recommended.rate.toFixed(3)}, cost ${res.recommended.cost} assessments)`
            : `no design reached ${res.target}; try larger --n or other analyses`,
        );
        process.stdout.write(lines.join("\n") + "\n");
      },
    );

  program
    .command("compare")
    .description("which scorecard findings each variant of the theory passes or fails")
    .requiredOption(
      "--variants <ids>",
      "comma-separated variant ids (`default` is the model as shipped)",
    )
    .option("--only <ids>", "finding ids or prefixes")
    .option("--seed <seed>", "random seed", intOption("--seed", 0))
    .option("--threads <k>", "worker threads", intOption("--threads", 1, 256), defaultThreads)
    .option("--json", "print JSON")
    .option("--quiet", "no progress bar")
    .action(
      async (o: {
        variants: string;
        only?: string;
        seed?: number;
        threads: number;
        json?: boolean;
        quiet?: boolean;
      }) => {
        const base = resolveModel();
        const variants = o.variants
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        const all = loadFindings();
        const checks = selectFindings(all, o.only?.split(","));
        const bar = progressBar("compare", o.quiet || o.json);
        const cards: Scorecard[] = [];
        for (const [i, v] of variants.entries())
          cards.push(
            await runScorecard(checks, all, {
              model: variantModel(base, v),
              seed: o.seed,
              threads: o.threads,
              onProgress: (f) => bar.update((i + f) / variants.length),
            }),
          );
        bar.done();
        if (o.json)
          return void process.stdout.write(
            JSON.stringify(
              {
                variants,
                findings: checks.map((c, k) => ({
                  id: c.id,
                  claim: c.claim,
                  results: Object.fromEntries(
                    variants.map((v, i) => [
                      v,
                      {
                        passed: cards[i].findings[k].passed,
                        estimate: cards[i].findings[k].estimate,
                      },
                    ]),
                  ),
                })),
                passed: Object.fromEntries(variants.map((v, i) => [v, cards[i].passed])),
                total: checks.length,
              },
              null,
              2,
            ) + "\n",
          );
        const lines = [
          `${"finding".padEnd(8)}${variants.map((v) => v.slice(0, 20).padStart(22)).join("")}  claim`,
        ];
        checks.forEach((c, k) => {
          const cells = variants.map((_, i) =>
            `${cards[i].findings[k].passed ? "pass" : "FAIL"} ${Number.isFinite(cards[i].findings[k].estimate) ? cards[i].findings[k].estimate.toFixed(2) : "NA"}`.padStart(
              22,
            ),
          );
          const differs = new Set(cards.map((cd) => cd.findings[k].passed)).size > 1;
          lines.push(`${c.id.padEnd(8)}${cells.join("")}  ${differs ? "* " : ""}${c.claim}`);
        });
        lines.push(
          "",
          variants.map((v, i) => `${v}: ${cards[i].passed}/${checks.length}`).join("; "),
          "* the variants disagree on this finding",
        );
        process.stdout.write(lines.join("\n") + "\n");
      },
    );

  program
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
    .option("--top <k>", "parameters shown per outcome", intOption("--top", 1, 1000), 10)
    .option("--seed <seed>", "random seed", intOption("--seed", 0))
    .option("--threads <k>", "worker threads", intOption("--threads", 1, 256), 1)
    .option("--out <dir>", "write sensitivity.csv, sensitivity.json and ranked bar plots here")
    .option("--json", "print JSON")
    .option("--quiet", "no progress bar")
    .action(
      async (
        file: string,
        o: {
          method: string;
          params?: string;
          trajectories: number;
          samples: number;
          n?: number;
          top: number;
          seed?: number;
          threads: number;
          out?: string;
          json?: boolean;
          quiet?: boolean;
        },
      ) => {
        if (o.method !== "morris" && o.method !== "sobol")
          throw new CliError(`--method expects morris or sobol, got ${JSON.stringify(o.method)}`);
        const spec = loadStudy(file);
        const params = o.params
          ?.split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        const bar = progressBar(`sensitivity (${o.method})`, o.quiet || o.json);
        const res = await studySensitivity(spec, {
          method: o.method,
          parameters: params,
          trajectories: o.trajectories,
          samples: o.samples,
          n: o.n,
          seed: o.seed,
          threads: o.threads,
          onProgress: (f) => bar.update(f),
        });
        bar.done();
        const name = o.method === "morris" ? "mu*" : "ST";
        if (o.out) {
          const csv = [
            `outcome,parameter,${o.method === "morris" ? "mu_star,ci_low,ci_high,mu,sigma" : "ST,ci_low,ci_high,S1,S1_low,S1_high"}`,
          ];
          for (const r of res.rows)
            csv.push(
              [
                r.outcome,
                r.parameter,
                csvNumber(r.index),
                csvNumber(r.lo),
                csvNumber(r.hi),
                ...Object.values(r.extra).map(csvNumber),
              ].join(","),
            );
          const files: OutputFile[] = [
            { name: "sensitivity.csv", content: csv.join("\n") + "\n" },
            { name: "sensitivity.json", content: JSON.stringify(res, null, 2) + "\n" },
          ];
          for (const out of res.outcomes.filter((x) => !res.failed.includes(x)))
            files.push({
              name: `sensitivity-${out}.svg`,
              content: barPlot({
                title: `${spec.id}: ${out} (${o.method})`,
                yLabel: name,
                bars: res.rows
                  .filter((r) => r.outcome === out)
                  .slice(0, o.top)
                  .map((r) => ({ label: r.parameter, value: r.index, lo: r.lo, hi: r.hi })),
              }),
            });
          writeOutputs(o.out, files);
        }
        if (o.json) return void process.stdout.write(JSON.stringify(res, null, 2) + "\n");
        const lines = [
          `${spec.title}: ${o.method} sensitivity over the priors of ${res.parameters.length} parameters (${res.evaluations} virtual trials)`,
          "",
        ];
        for (const out of res.outcomes) {
          if (res.failed.includes(out)) {
            lines.push(`${out}: some evaluations failed (no estimate); not ranked`, "");
            continue;
          }
          lines.push(`${out}: top ${o.top} by ${name}`);
          for (const r of res.rows.filter((x) => x.outcome === out).slice(0, o.top))
            lines.push(
              `  ${r.parameter.padEnd(22)}${r.index.toFixed(4).padStart(10)}  [${r.lo.toFixed(4)}, ${r.hi.toFixed(4)}]  ${Object.entries(
                r.extra,
              )
                .map(([k, v]) => `${k} ${v.toFixed(4)}`)
                .join("  ")}`,
            );
          lines.push("");
        }
        if (o.method === "sobol")
          lines.push(
            "Sobol' indices assume independent inputs; the model's priors are independent.",
          );
        process.stdout.write(lines.join("\n") + "\n");
      },
    );
}
