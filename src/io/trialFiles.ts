/**
 * The output files of a virtual trial (`kindsim trial --out`): tidy data, participants,
 * results (CSV and JSON), means by arm and wave, a summary table, and plots.
 */

import { forestPlot, linePlot } from "../plot/index.js";
import type { AnalysisMetric, AnalysisResult } from "../study/analyses.js";
import { dictionariesCsv, trialDictionaries } from "../study/dataDictionary.js";
import { measureMeans, type MeasureMean } from "../study/measureMeans.js";
import type { TrialRun } from "../study/runTrial.js";
import type { TrialData } from "../study/trialData.js";
import { csvField, csvLines, csvNumber } from "./csvFormat.js";
import type { Manifest } from "./manifest.js";
import type { OutputFile } from "./outputFolder.js";

function* dataRows(data: TrialData): Generator<(string | number)[]> {
  for (const r of data.rows)
    yield [
      r.participant,
      csvField(r.arm),
      csvField(r.wave),
      r.day,
      r.paradigm,
      r.measure,
      r.time === null ? "NA" : r.time,
      csvNumber(r.value),
    ];
}

/** data.csv: one row per participant, wave, paradigm, measure and time (streamed). */
export function trialDataCsv(data: TrialData): OutputFile {
  return {
    name: "data.csv",
    content: csvLines({
      header: ["participant", "arm", "wave", "day", "paradigm", "measure", "time", "value"],
      rows: dataRows(data),
    }),
  };
}

/** CSV names of participant fields that are not model ids (`priorHours` of studies' refs). */
const PARTICIPANT_COLUMNS: Readonly<Record<string, string>> = { priorHours: "prior_hours" };

/** participants.csv: arm, stratum, practice, dropout and traits of each participant. */
export function trialParticipantsCsv(data: TrialData): OutputFile {
  const traitIds = Object.keys(data.participants[0]?.traits ?? {});
  const header = [
    "participant",
    "arm",
    "stratum",
    "programme_minutes",
    "practice_days",
    "adherence",
    "dropout_day",
    ...traitIds.map((t) => (Object.hasOwn(PARTICIPANT_COLUMNS, t) ? PARTICIPANT_COLUMNS[t] : t)),
  ];
  const rows = data.participants.map((p) => [
    p.id,
    csvField(p.arm),
    csvField(p.stratum),
    csvNumber(p.minutes),
    csvNumber(p.practiceDays),
    csvNumber(p.adherence),
    p.dropoutDay ?? "NA",
    ...traitIds.map((t) => csvNumber(p.traits[t])),
  ]);
  return { name: "participants.csv", content: csvLines({ header, rows }) };
}

/** The p-value adjusted for multiplicity, when the analysis has one. */
function pAdjusted(r: AnalysisResult): number | undefined {
  return (r as AnalysisResult & { pAdjusted?: number }).pAdjusted;
}

/** An estimate's metric for people: "raw_difference (rmet_accuracy units)", "hedges_g". */
export function metricText(m: AnalysisMetric): string {
  return m.units ? `${m.metric} (${m.units})` : m.metric;
}

/** results.csv: one row per planned analysis. */
export function trialResultsCsv(results: AnalysisResult[]): OutputFile {
  const header =
    "analysis,type,label,metric,direction,units,estimate,ci_low,ci_high,p,p_adjusted,n,error".split(
      ",",
    );
  const rows = results.map((r) => {
    const pa = pAdjusted(r);
    return [
      r.id,
      r.type,
      csvField(r.label ?? ""),
      csvField(r.metric),
      csvField(r.direction),
      r.units === undefined ? "NA" : csvField(r.units),
      csvNumber(r.estimate),
      csvNumber(r.ci[0]),
      csvNumber(r.ci[1]),
      r.p === null ? "NA" : csvNumber(r.p),
      pa === undefined ? "NA" : csvNumber(pa),
      r.n,
      csvField(r.error ?? ""),
    ];
  });
  return { name: "results.csv", content: csvLines({ header, rows }) };
}

/**
 * Analysis results as written to results.json and printed by `kindsim trial --json`: each
 * result's `id` named `analysis`, as in results.csv and every other output.
 */
export function resultsJson(results: readonly AnalysisResult[]): Record<string, unknown>[] {
  return results.map(({ id, ...rest }) => ({ analysis: id, ...rest }));
}

/** means.csv: mean and 95% CI of each measure by arm and wave. */
export function trialMeansCsv(means: MeasureMean[]): OutputFile {
  const header = "measure,time,arm,wave,day,n,mean,ci_low,ci_high".split(",");
  const rows = means.map((m) => [
    m.measure,
    m.time ?? "NA",
    csvField(m.arm),
    csvField(m.wave),
    m.day,
    m.n,
    csvNumber(m.mean),
    csvNumber(m.lo),
    csvNumber(m.hi),
  ]);
  return { name: "means.csv", content: csvLines({ header, rows }) };
}

/** Formats analysis results as a fixed-width table (summary.txt and the CLI's output). */
export function formatResults(results: AnalysisResult[]): string {
  const head = `${"analysis".padEnd(28)}${"type".padEnd(14)}${"estimate".padStart(10)}${"95% CI".padStart(22)}${"p".padStart(9)}${"p(adj)".padStart(9)}${"n".padStart(6)}  metric`;
  const pText = (p: number | null | undefined): string =>
    p === null || p === undefined || !Number.isFinite(p) ? "" : p < 0.001 ? "<.001" : p.toFixed(3);
  const lines = results.map((r) => {
    const ci = Number.isFinite(r.ci[0]) ? `[${r.ci[0].toFixed(3)}, ${r.ci[1].toFixed(3)}]` : "";
    const est = Number.isFinite(r.estimate) ? r.estimate.toFixed(3) : "NA";
    return `${r.id.slice(0, 27).padEnd(28)}${r.type.padEnd(14)}${est.padStart(10)}${ci.padStart(22)}${pText(r.p).padStart(9)}${pText(pAdjusted(r)).padStart(9)}${String(r.n).padStart(6)}  ${metricText(r)}${r.error ? `  (${r.error})` : ""}`;
  });
  return [head, ...lines].join("\n");
}

/** One line plot per measure: its time course by arm (waves, or minutes for time courses). */
export function measurePlots(means: MeasureMean[]): OutputFile[] {
  const byMeasure = new Map<string, MeasureMean[]>();
  for (const m of means) {
    if (!byMeasure.has(m.measure)) byMeasure.set(m.measure, []);
    byMeasure.get(m.measure)!.push(m);
  }
  return [...byMeasure].map(([measure, ms]) => {
    const timed = ms.some((m) => m.time !== null);
    const labelOf = (m: MeasureMean): string => (timed ? `${m.arm} (${m.wave})` : m.arm);
    const series = [...new Set(ms.map(labelOf))].map((label) => ({
      label,
      points: ms
        .filter((m) => labelOf(m) === label)
        .map((m) => ({ x: timed ? m.time! : m.day, y: m.mean, lo: m.lo, hi: m.hi }))
        .sort((a, b) => a.x - b.x),
    }));
    return {
      name: `plot-${measure}.svg`,
      content: linePlot({
        series,
        title: measure,
        xLabel: timed ? "minutes from stressor onset" : "day",
        yLabel: "mean (95% CI)",
      }),
    };
  });
}

/** A forest plot of the planned analyses' estimates. */
export function resultsForestPlot(studyId: string, results: AnalysisResult[]): OutputFile {
  const rows = results
    .filter((r) => Number.isFinite(r.estimate))
    .map((r) => ({
      label: r.label ?? r.id,
      estimate: r.estimate,
      lo: r.ci[0],
      hi: r.ci[1],
      metric: r.metric,
      ...(r.units === undefined ? {} : { unit: r.units }),
    }));
  return {
    name: "plot-forest.svg",
    content: forestPlot({
      rows,
      title: `${studyId}: planned analyses`,
      xLabel: "estimate (95% CI)",
      reference: 0,
    }),
  };
}

/** dictionary.csv: meaning and unit of every column of the trial's CSV files. */
export function trialDictionaryCsv(run: TrialRun): OutputFile {
  const measures = [...new Set(run.data.rows.map((r) => r.measure))];
  return {
    name: "dictionary.csv",
    content: dictionariesCsv(trialDictionaries(run.model, run.paradigms.values(), measures)),
  };
}

/** Every output file of a trial run, the manifest included (it is also in results.json). */
export function trialFiles(run: TrialRun, manifest: Manifest): OutputFile[] {
  const { data, results, spec } = run;
  const means = measureMeans(data);
  return [
    trialDataCsv(data),
    trialParticipantsCsv(data),
    trialResultsCsv(results),
    {
      name: "results.json",
      content: JSON.stringify({ manifest, results: resultsJson(results) }, null, 2) + "\n",
    },
    trialMeansCsv(means),
    { name: "summary.txt", content: `${spec.title}\n\n${formatResults(results)}\n` },
    { name: "manifest.json", content: JSON.stringify(manifest, null, 2) + "\n" },
    ...measurePlots(means),
    resultsForestPlot(spec.id, results),
    trialDictionaryCsv(run),
  ];
}
