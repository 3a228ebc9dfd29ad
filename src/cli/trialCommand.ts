/**
 * `kindsim trial STUDY`: runs a virtual trial from a study file and writes tidy data, the
 * analysis results, a summary table and plots.
 */

import { checkOnDivergence, describeDivergences } from "../engine/divergence.js";
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { modelHash } from "../model/modelHash.js";
import { forestPlot, linePlot } from "../plot/index.js";
import type { AnalysisResult } from "../study/analyses.js";
import { runTrial, type TrialRun } from "../study/runTrial.js";
import { loadStudy } from "../study/studySpec.js";
import type { TrialData } from "../study/trialData.js";
import { VERSION } from "../model/version.js";
import { commandLine } from "./main.js";
import { intOption } from "./options.js";
import { progressBar } from "./progress.js";
import { csvField, csvNumber, writeOutputs, type OutputFile } from "./writeOutputs.js";

/** Mean and 95% CI (t approximation by 1.96) of each measure by arm and wave. */
export function measureMeans(data: TrialData): {
  measure: string;
  time: number | null;
  arm: string;
  wave: string;
  day: number;
  n: number;
  mean: number;
  lo: number;
  hi: number;
}[] {
  const groups = new Map<string, number[]>();
  const key = (r: TrialData["rows"][number]): string =>
    JSON.stringify([r.measure, r.time, r.arm, r.wave, r.day]);
  for (const r of data.rows) {
    if (!Number.isFinite(r.value)) continue;
    const k = key(r);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r.value);
  }
  return [...groups].map(([k, v]) => {
    const [measure, time, arm, wave, day] = JSON.parse(k) as [
      string,
      number | null,
      string,
      string,
      number,
    ];
    const n = v.length;
    const mean = v.reduce((a, b) => a + b, 0) / n;
    const sd = n > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
    const half = n > 1 ? (1.96 * sd) / Math.sqrt(n) : 0;
    return { measure, time, arm, wave, day, n, mean, lo: mean - half, hi: mean + half };
  });
}

/** Formats analysis results as a fixed-width table. */
export function formatResults(results: AnalysisResult[]): string {
  const head = `${"analysis".padEnd(28)}${"type".padEnd(14)}${"estimate".padStart(10)}${"95% CI".padStart(22)}${"p".padStart(9)}${"p(adj)".padStart(9)}${"n".padStart(6)}`;
  const lines = results.map((r) => {
    const ci = Number.isFinite(r.ci[0]) ? `[${r.ci[0].toFixed(3)}, ${r.ci[1].toFixed(3)}]` : "";
    const p = r.p === null || !Number.isFinite(r.p) ? "" : r.p < 0.001 ? "<.001" : r.p.toFixed(3);
    const pa = (r as AnalysisResult & { pAdjusted?: number }).pAdjusted;
    const pas =
      pa === undefined || !Number.isFinite(pa) ? "" : pa < 0.001 ? "<.001" : pa.toFixed(3);
    const est = Number.isFinite(r.estimate) ? r.estimate.toFixed(3) : "NA";
    return `${r.id.slice(0, 27).padEnd(28)}${r.type.padEnd(14)}${est.padStart(10)}${ci.padStart(22)}${p.padStart(9)}${pas.padStart(9)}${String(r.n).padStart(6)}${r.error ? `  (${r.error})` : ""}`;
  });
  return [head, ...lines].join("\n");
}

/** The output files of a trial run. */
export function trialFiles(run: TrialRun, command: string): OutputFile[] {
  const { data, results, spec } = run;
  const rows = ["participant,arm,wave,day,paradigm,measure,time,value"];
  for (const r of data.rows)
    rows.push(
      `${r.participant},${csvField(r.arm)},${csvField(r.wave)},${r.day},${r.paradigm},${r.measure},${r.time === null ? "NA" : r.time},${csvNumber(r.value)}`,
    );
  const traitIds = Object.keys(data.participants[0]?.traits ?? {});
  const parts = [
    [
      "participant",
      "arm",
      "stratum",
      "minutes",
      "practice_days",
      "adherence",
      "dropout_day",
      ...traitIds,
    ].join(","),
  ];
  for (const p of data.participants)
    parts.push(
      [
        p.id,
        csvField(p.arm),
        csvField(p.stratum),
        csvNumber(p.minutes),
        csvNumber(p.practiceDays),
        csvNumber(p.adherence),
        p.dropoutDay ?? "NA",
        ...traitIds.map((t) => csvNumber(p.traits[t])),
      ].join(","),
    );
  const res = ["analysis,type,label,estimate,ci_low,ci_high,p,p_adjusted,n,error"];
  for (const r of results) {
    const pa = (r as AnalysisResult & { pAdjusted?: number }).pAdjusted;
    res.push(
      [
        r.id,
        r.type,
        csvField(r.label ?? ""),
        csvNumber(r.estimate),
        csvNumber(r.ci[0]),
        csvNumber(r.ci[1]),
        r.p === null ? "NA" : csvNumber(r.p),
        pa === undefined ? "NA" : csvNumber(pa),
        r.n,
        csvField(r.error ?? ""),
      ].join(","),
    );
  }
  const means = measureMeans(data);
  const meansCsv = [
    "measure,time,arm,wave,day,n,mean,ci_low,ci_high",
    ...means.map((m) =>
      [
        m.measure,
        m.time ?? "NA",
        csvField(m.arm),
        csvField(m.wave),
        m.day,
        m.n,
        csvNumber(m.mean),
        csvNumber(m.lo),
        csvNumber(m.hi),
      ].join(","),
    ),
  ];
  const manifest = {
    kindsim: VERSION,
    created: new Date().toISOString(),
    command,
    study: { id: spec.id, title: spec.title, findings: spec.findings ?? [] },
    model: {
      id: run.model.id,
      hash: modelHash(run.model),
      variant: spec.variant ?? null,
      parametersChanged: spec.set ?? {},
    },
    seed: spec.seed,
    arms: spec.arms,
    waves: spec.waves,
    participants: data.participants.length,
    droppedOut: data.participants.filter((p) => p.dropoutDay !== null).length,
    seconds: Number(run.seconds.toFixed(3)),
  };
  const files: OutputFile[] = [
    { name: "data.csv", content: rows.join("\n") + "\n" },
    { name: "participants.csv", content: parts.join("\n") + "\n" },
    { name: "results.csv", content: res.join("\n") + "\n" },
    { name: "results.json", content: JSON.stringify({ manifest, results }, null, 2) + "\n" },
    { name: "means.csv", content: meansCsv.join("\n") + "\n" },
    { name: "summary.txt", content: `${spec.title}\n\n${formatResults(results)}\n` },
    { name: "manifest.json", content: JSON.stringify(manifest, null, 2) + "\n" },
  ];
  // Plots: each measure's time course by arm (waves, or minutes for time courses), and a forest plot.
  const byMeasure = new Map<string, typeof means>();
  for (const m of means) {
    if (!byMeasure.has(m.measure)) byMeasure.set(m.measure, []);
    byMeasure.get(m.measure)!.push(m);
  }
  for (const [measure, ms] of byMeasure) {
    const timed = ms.some((m) => m.time !== null);
    const series = [...new Set(ms.map((m) => (timed ? `${m.arm} (${m.wave})` : m.arm)))].map(
      (label) => ({
        label,
        points: ms
          .filter((m) => (timed ? `${m.arm} (${m.wave})` : m.arm) === label)
          .map((m) => ({ x: timed ? m.time! : m.day, y: m.mean, lo: m.lo, hi: m.hi }))
          .sort((a, b) => a.x - b.x),
      }),
    );
    files.push({
      name: `plot-${measure}.svg`,
      content: linePlot({
        series,
        title: measure,
        xLabel: timed ? "minutes from stressor onset" : "day",
        yLabel: "mean (95% CI)",
      }),
    });
  }
  const rowsForest = results
    .filter((r) => Number.isFinite(r.estimate))
    .map((r) => ({ label: r.label ?? r.id, estimate: r.estimate, lo: r.ci[0], hi: r.ci[1] }));
  files.push({
    name: "plot-forest.svg",
    content: forestPlot({
      rows: rowsForest,
      title: `${spec.id}: planned analyses`,
      xLabel: "estimate (95% CI)",
      reference: 0,
    }),
  });
  return files;
}

/** Adds `trial` to the program. */
export function registerTrialCommand(program: Command): void {
  program
    .command("trial")
    .argument("<study>", "study file (YAML or JSON), e.g. examples/mascaro2013-rmet.yaml")
    .description("run a virtual trial: randomise, simulate, measure at each wave, analyse")
    .option("--seed <seed>", "random seed (default: the study's)", intOption("--seed", 0))
    .option(
      "--n <n>",
      "participants per arm (default: the study's)",
      intOption("--n", 1, 1_000_000),
    )
    .option(
      "--threads <k>",
      "worker threads",
      intOption("--threads", 1, 256),
      Math.max(1, Math.min(2, availableParallelism())),
    )
    .option(
      "--out <dir>",
      "write data.csv, participants.csv, results.csv/json, means.csv, summary.txt, plots and manifest.json here",
    )
    .option("--json", "print the results as JSON")
    .option("--quiet", "no progress bar")
    .option(
      "--on-divergence <mode>",
      "participants whose states diverge: fail (stop, exit 2) or drop (exclude and count)",
      "fail",
    )
    .action(
      async (
        file: string,
        o: {
          seed?: number;
          n?: number;
          threads: number;
          out?: string;
          json?: boolean;
          quiet?: boolean;
          onDivergence?: string;
        },
      ) => {
        const spec = loadStudy(file);
        const bar = progressBar(`trial ${spec.id}`, o.quiet || o.json);
        const run = await runTrial(spec, {
          seed: o.seed,
          n: o.n,
          threads: o.threads,
          onProgress: (f) => bar.update(f),
          onDivergence: checkOnDivergence(o.onDivergence, "--on-divergence"),
        });
        if (run.cohort.diverged > 0)
          process.stderr.write(
            `kindsim: warning: ${run.cohort.diverged} participant(s) diverged and were dropped: ${describeDivergences(run.cohort.divergences, 5)}\n`,
          );
        bar.done();
        const command = commandLine();
        if (o.out) writeOutputs(o.out, trialFiles(run, command));
        if (o.json) {
          process.stdout.write(
            JSON.stringify(
              {
                study: spec.id,
                seed: run.spec.seed,
                participants: run.data.participants.length,
                results: run.results,
              },
              null,
              2,
            ) + "\n",
          );
          return;
        }
        const dropped = run.data.participants.filter((p) => p.dropoutDay !== null).length;
        process.stdout.write(
          `${spec.title}\n${run.data.participants.length} participants (${spec.arms.map((a) => `${a.id} ${o.n ?? a.n}`).join(", ")}), ${dropped} dropped out; ${run.seconds.toFixed(1)} s\n\n${formatResults(run.results)}\n${o.out ? `\nwrote ${o.out}/\n` : ""}`,
        );
      },
    );
}
