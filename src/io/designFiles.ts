/**
 * Output files of the design commands: power curves, discrimination rates, sensitivity
 * indices, the findings scorecard and the variant × finding matrix (CSV, JSON and plots).
 */

import { barPlot, powerCurve, scorecardPlot } from "../plot/index.js";
import type { VariantComparison } from "../study/compareVariants.js";
import type { DiscriminationResult } from "../study/discriminate.js";
import { smallestN, type PowerPoint } from "../study/power.js";
import type { Scorecard } from "../study/scorecard.js";
import type { SensitivityResult } from "../study/studySensitivity.js";
import { csvField, csvLines, csvNumber } from "./csvFormat.js";
import type { OutputFile } from "./outputFolder.js";

const json = (name: string, value: unknown): OutputFile => ({
  name,
  content: JSON.stringify(value, null, 2) + "\n",
});

/** Power (and assurance) by analysis and N, with the smallest N reaching the target. */
export interface PowerReport {
  study: string;
  target: number;
  summary: { analysis: string; nForTarget: number | null; nForTargetAssurance: number | null }[];
  points: PowerPoint[];
  assurance?: PowerPoint[];
}

/** Summarises power points: the smallest N per arm reaching `target`, per analysis. */
export function powerReport(
  study: string,
  target: number,
  points: PowerPoint[],
  assurance?: PowerPoint[],
): PowerReport {
  const summary = [...new Set(points.map((p) => p.analysis))].map((a) => ({
    analysis: a,
    nForTarget: smallestN(points, a, target),
    nForTargetAssurance: assurance ? smallestN(assurance, a, target) : null,
  }));
  return { study, target, summary, points, assurance };
}

/** power.csv, power.json and one power curve per analysis. */
export function powerFiles(report: PowerReport): OutputFile[] {
  const { points, assurance } = report;
  const header =
    "analysis,label,metric,units,kind,n,power,ci_low,ci_high,reps,errors,mean_estimate".split(",");
  const rows = (
    [
      ["defaults", points],
      ["assurance", assurance ?? []],
    ] as const
  ).flatMap(([kind, ps]) =>
    ps.map((p) => [
      p.analysis,
      csvField(p.label),
      csvField(p.metric),
      p.units === undefined ? "NA" : csvField(p.units),
      kind,
      p.n,
      csvNumber(p.power),
      csvNumber(p.lo),
      csvNumber(p.hi),
      p.reps,
      p.errors,
      csvNumber(p.meanEstimate),
    ]),
  );
  const curve = (ps: PowerPoint[], a: string) =>
    ps.filter((p) => p.analysis === a).map((p) => ({ n: p.n, power: p.power, lo: p.lo, hi: p.hi }));
  const plots = report.summary.map((s) => {
    const series = [{ label: "at default parameters", points: curve(points, s.analysis) }];
    if (assurance)
      series.push({ label: "assurance (over priors)", points: curve(assurance, s.analysis) });
    return {
      name: `power-${s.analysis}.svg`,
      content: powerCurve({
        series,
        target: report.target,
        title: `${report.study}: ${s.analysis}`,
      }),
    };
  });
  return [
    { name: "power.csv", content: csvLines({ header, rows }) },
    json("power.json", report),
    ...plots,
  ];
}

/** discrimination.csv, discrimination.json and a bar plot of the 20 best designs. */
export function discriminationFiles(study: string, res: DiscriminationResult): OutputFile[] {
  const variants = res.variants;
  const header = [
    ..."analysis,metric,units,n,waves,cost,rate,ci_low,ci_high".split(","),
    ...variants.flatMap((v) => [`mean_${v}`, `sd_${v}`]),
  ];
  const rows = res.designs.map((d) => [
    d.analysis,
    csvField(d.metric),
    d.units === undefined ? "NA" : csvField(d.units),
    d.n,
    d.waves.join("+"),
    d.cost,
    csvNumber(d.rate),
    csvNumber(d.lo),
    csvNumber(d.hi),
    ...variants.flatMap((v) => [csvNumber(d.byVariant[v].mean), csvNumber(d.byVariant[v].sd)]),
  ]);
  const best = [...res.designs].sort((a, b) => b.rate - a.rate).slice(0, 20);
  return [
    { name: "discrimination.csv", content: csvLines({ header, rows }) },
    json("discrimination.json", res),
    {
      name: "discrimination.svg",
      content: barPlot({
        title: `${study}: ${variants.join(" vs ")}`,
        yLabel: "discrimination rate",
        bars: best.map((d) => ({
          label: `${d.analysis} n=${d.n}`,
          value: d.rate,
          lo: d.lo,
          hi: d.hi,
        })),
      }),
    },
  ];
}

/** The name of a sensitivity method's headline index. */
export function sensitivityIndexName(method: SensitivityResult["method"]): string {
  return method === "morris" ? "mu*" : "ST";
}

/** sensitivity.csv, sensitivity.json and one ranked bar plot (top `top`) per outcome. */
export function sensitivityFiles(study: string, res: SensitivityResult, top: number): OutputFile[] {
  const header = [
    "outcome",
    "parameter",
    ...(res.method === "morris"
      ? ["mu_star", "ci_low", "ci_high", "mu", "sigma"]
      : ["st", "ci_low", "ci_high", "s1", "s1_ci_low", "s1_ci_high"]),
  ];
  const rows = res.rows.map((r) => [
    r.outcome,
    r.parameter,
    csvNumber(r.index),
    csvNumber(r.lo),
    csvNumber(r.hi),
    ...Object.values(r.extra).map(csvNumber),
  ]);
  const plots = res.outcomes
    .filter((x) => !res.failed.includes(x))
    .map((out) => ({
      name: `sensitivity-${out}.svg`,
      content: barPlot({
        title: `${study}: ${out} (${res.method})`,
        yLabel: sensitivityIndexName(res.method),
        bars: res.rows
          .filter((r) => r.outcome === out)
          .slice(0, top)
          .map((r) => ({ label: r.parameter, value: r.index, lo: r.lo, hi: r.hi })),
      }),
    }));
  return [
    { name: "sensitivity.csv", content: csvLines({ header, rows }) },
    json("sensitivity.json", res),
    ...plots,
  ];
}

/** scorecard.csv, scorecard.json and a forest plot of the findings (one panel per metric). */
export function scorecardFiles(card: Scorecard): OutputFile[] {
  const header =
    "finding,claim,citation,design,analysis,verdict,passed,estimate,metric,units,ci_low,ci_high,p,n,robustness,reason".split(
      ",",
    );
  const rows = card.findings.map((f) => [
    f.id,
    csvField(f.claim),
    csvField(f.citation),
    csvField(f.design),
    f.analysis,
    csvField(f.verdict),
    String(f.passed),
    csvNumber(f.estimate),
    csvField(f.metric),
    f.unit === undefined ? "NA" : csvField(f.unit),
    csvNumber(f.ci[0]),
    csvNumber(f.ci[1]),
    f.p === null ? "NA" : csvNumber(f.p),
    f.n,
    f.robustness ? csvNumber(f.robustness.share) : "NA",
    csvField(f.expectedFailure ?? f.reason),
  ]);
  const svg = scorecardPlot(card);
  return [
    { name: "scorecard.csv", content: csvLines({ header, rows }) },
    json("scorecard.json", card),
    { name: "scorecard.svg", content: svg },
  ];
}

/** The variant × finding matrix without the per-variant scorecards (for JSON output). */
export function comparisonSummary(c: VariantComparison) {
  return {
    variants: c.variants,
    findings: c.findings.map((f) => ({ id: f.id, claim: f.claim, results: f.results })),
    passed: c.passed,
    total: c.total,
  };
}

/** compare.csv (one row per finding and variant) and compare.json. */
export function comparisonFiles(c: VariantComparison): OutputFile[] {
  const header = ["finding", "variant", "passed", "estimate", "variants_differ", "claim"];
  const rows = c.findings.flatMap((f) =>
    c.variants.map((v) => [
      f.id,
      csvField(v),
      String(f.results[v].passed),
      csvNumber(f.results[v].estimate),
      String(f.differs),
      csvField(f.claim),
    ]),
  );
  return [
    { name: "compare.csv", content: csvLines({ header, rows }) },
    json("compare.json", { ...comparisonSummary(c), scorecards: c.cards }),
  ];
}
