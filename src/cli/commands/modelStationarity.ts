/**
 * `kindsim model stationarity`: the natural course of each population (no practice, one
 * simulated year by default) with a per-node verdict on drift and on people pinned at a bound;
 * and `kindsim model norms`: each normed instrument measured at baseline beside its norm.
 * Two commands, not a `--norms` flag: one judges the slow level node by node over a year, the
 * other measures instruments once through the study layer, with their own options and output.
 */

import type { Command } from "commander";
import { InputError } from "../../model/issues.js";
import { applyVariant } from "../../model/applyVariant.js";
import { defaultModel, loadModel } from "../../model/loadModel.js";
import type { Model } from "../../model/types.js";
import {
  DEFAULT_STATIONARITY_TOLERANCES,
  naturalCourse,
  type NaturalCourse,
} from "../../sim/naturalCourse.js";
import { loadPopulations, resolvePopulation, type Population } from "../../sim/population.js";
import {
  checkNorms,
  compareNorms,
  DEFAULT_NORM_TOLERANCE,
  loadNorms,
  type NormComparison,
} from "../../study/norms.js";
import type { CliContext } from "../context.js";
import { withFlag } from "../errors.js";
import { intOption, numberOption } from "../options.js";
import { progressBar } from "../progress.js";
import { DEFAULT_THREADS, printOptions, threadsOption } from "../sharedOptions.js";

/** Options of `kindsim model stationarity`. */
interface StationarityOptions {
  population?: string;
  n: number;
  days: number;
  variant?: string;
  seed: number;
  threads: number;
  tolRange: number;
  tolSd: number;
  tolBound: number;
  json?: boolean;
  quiet?: boolean;
}

/** A model argument: a file path, or `default`. */
export function modelFileArg(arg: string): Model {
  return arg === "default" ? defaultModel() : withFlag("[file]", () => loadModel(arg));
}

/** The populations named by `--population` (id or file), or every shipped one. */
export function populationsArg(model: Model, arg: string | undefined): Population[] {
  return withFlag("--population", () =>
    arg === undefined ? loadPopulations(undefined, model) : [resolvePopulation(arg, model)],
  );
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const signed = (x: number, d: number): string =>
  Number.isFinite(x) ? `${x >= 0 ? "+" : ""}${x.toFixed(d)}` : String(x);

/** The text table of one population's natural course. */
export function formatNaturalCourse(c: NaturalCourse, label: string): string {
  const failing = c.nodes.filter((n) => !n.stationary).length;
  const lines = [
    `${c.population} (${label}): ${c.stationary ? "stationary" : `NOT stationary (${failing} of ${c.nodes.length} slow nodes)`}${c.diverged ? `, ${c.diverged} diverged` : ""}`,
    `  ${"node".padEnd(17)}${"mean0".padStart(7)}${"sd0".padStart(7)}${"meanD".padStart(7)}${"sdD".padStart(7)}${"drift/rng".padStart(10)}${"drift/SD".padStart(9)}${"bound0".padStart(8)}${"boundD".padStart(8)}  verdict`,
  ];
  for (const n of c.nodes)
    lines.push(
      `  ${n.id.padEnd(17)}${n.day0.mean.toFixed(3).padStart(7)}${n.day0.sd.toFixed(3).padStart(7)}${n.dayD.mean.toFixed(3).padStart(7)}${n.dayD.sd.toFixed(3).padStart(7)}${signed(n.driftRange, 3).padStart(10)}${signed(n.driftSd, 2).padStart(9)}${pct(n.day0.atBound).padStart(8)}${pct(n.dayD.atBound).padStart(8)}  ${n.stationary ? "ok" : `FAIL: ${n.reasons.join("; ")}`}`,
    );
  return lines.join("\n");
}

const STATIONARITY_HELP = `
Each population lives --days days of everyday life without practice (the wait-list protocol)
after the usual equilibration. For every slow node of the model it prints the mean and SD on
day 0 and on the last day, the drift of the mean in units of the node's range and of the day-0
SD, and the share of people within 1e-6 of either end of the node's range. A node is
stationary when |drift| <= --tol-range of its range AND <= --tol-sd baseline SDs, and no more
than --tol-bound of people sit at a bound on either day. Exits 0 whenever it ran.`;

/** Adds `kindsim model stationarity` to the `model` command. */
export function registerStationarityCommand(model: Command, _ctx: CliContext): void {
  const cmd = model
    .command("stationarity")
    .description(
      "check that the natural course (no practice) is stationary and off the bounds, per slow node and population",
    )
    .argument("[file]", "model file, or `default`", "default")
    .option("--population <id|file>", "population id or file (default: every shipped population)")
    .option("--n <n>", "people per population", intOption("--n", 2, 1_000_000), 500)
    .option(
      "--days <d>",
      "days to simulate after equilibration",
      intOption("--days", 1, 36_500),
      365,
    )
    .option("--variant <id>", "apply this variant of the model first")
    .option("--seed <seed>", "random seed", intOption("--seed", 0), 1)
    .option(
      "--tol-range <x>",
      "largest |drift| as a fraction of the node's range",
      numberOption("--tol-range", 0),
      DEFAULT_STATIONARITY_TOLERANCES.range,
    )
    .option(
      "--tol-sd <x>",
      "largest |drift| in baseline SDs",
      numberOption("--tol-sd", 0),
      DEFAULT_STATIONARITY_TOLERANCES.sd,
    )
    .option(
      "--tol-bound <x>",
      "largest fraction of people at a range bound",
      numberOption("--tol-bound", 0, 1),
      DEFAULT_STATIONARITY_TOLERANCES.bound,
    );
  threadsOption(cmd, DEFAULT_THREADS);
  printOptions(cmd, "print the result per population as JSON").addHelpText(
    "after",
    STATIONARITY_HELP,
  );
  cmd.action(async (file: string, o: StationarityOptions) => {
    const base = modelFileArg(file);
    const m =
      o.variant === undefined ? base : withFlag("--variant", () => applyVariant(base, o.variant!));
    const pops = populationsArg(m, o.population);
    if (pops.length === 0) throw new InputError("--population: no populations to run");
    const bar = progressBar("stationarity", o.quiet || o.json);
    const results: NaturalCourse[] = [];
    for (const [i, pop] of pops.entries())
      results.push(
        await naturalCourse(m, pop, {
          n: o.n,
          days: o.days,
          seed: o.seed,
          threads: o.threads,
          tolerances: { range: o.tolRange, sd: o.tolSd, bound: o.tolBound },
          onProgress: (f) => bar.update((i + f) / pops.length),
        }),
      );
    bar.done();
    if (o.json) {
      const variant = o.variant;
      process.stdout.write(`${JSON.stringify({ model: m.id, variant, results }, null, 2)}\n`);
      return;
    }
    const t = results[0].tolerances;
    const head = `model stationarity: ${m.id}${o.variant ? ` + ${o.variant}` : ""}, ${o.n} people x ${o.days} days per population, seed ${o.seed}`;
    const tol = `tolerances: |drift| <= ${t.range} of range and <= ${t.sd} baseline SD; <= ${100 * t.bound}% of people at a bound`;
    const body = results.map((r, i) => formatNaturalCourse(r, pops[i].label));
    const verdict = results.every((r) => r.stationary)
      ? "verdict: stationary in every population"
      : `verdict: NOT stationary in ${results
          .filter((r) => !r.stationary)
          .map((r) => r.population)
          .join(", ")}`;
    process.stdout.write(`${[head, tol, "", ...body, "", verdict].join("\n")}\n`);
  });
}

/** Options of `kindsim model norms`. */
interface NormsOptions {
  population?: string;
  n: number;
  variant?: string;
  seed: number;
  threads: number;
  tolerance: number;
  norms?: string;
  json?: boolean;
  quiet?: boolean;
}

/** The text table of norm comparisons. */
export function formatNormComparisons(rows: NormComparison[], tolerance: number): string {
  const f = (x: number | undefined, d = 2): string => (x === undefined ? "-" : x.toFixed(d));
  const lines = [
    `  ${"population".padEnd(23)}${"measure".padEnd(33)}${"sim mean".padStart(9)}${"sim SD".padStart(8)}${"norm".padStart(8)}${"norm SD".padStart(8)}${"z".padStart(7)}  verdict (source)`,
  ];
  for (const r of rows)
    lines.push(
      `  ${r.norm.population.padEnd(23)}${`${r.norm.paradigm}/${r.norm.measure}`.padEnd(33)}${f(r.mean).padStart(9)}${f(r.sd).padStart(8)}${f(r.norm.mean).padStart(8)}${f(r.norm.sd).padStart(8)}${f(r.z).padStart(7)}  ${r.verdict} (${r.norm.source})`,
    );
  const checked = rows.filter((r) => r.verdict !== "no norm");
  lines.push(
    "",
    `${checked.filter((r) => r.verdict === "match").length} of ${checked.length} verified norms matched (|z| <= ${tolerance} norm SD); ${rows.length - checked.length} without a verified norm`,
  );
  return lines.join("\n");
}

const NORMS_HELP = `
Each population with a norm in data/norms.yaml (or --norms FILE) is sampled, lives the usual
equilibration, and is measured at a baseline wave on day 0 in a wait-list arm, through the
same paradigms and instruments a study uses (a measure with a time course is read at its
first time point). z = (simulated mean - norm mean) / norm SD; a norm matches when |z| <=
--tolerance. Norms whose figures were not verified are listed without a verdict. Exits 0
whenever it ran.`;

/** Adds `kindsim model norms` to the `model` command. */
export function registerNormsCommand(model: Command, _ctx: CliContext): void {
  const cmd = model
    .command("norms")
    .description("measure each normed instrument at baseline and set it beside its published norm")
    .argument("[file]", "model file, or `default`", "default")
    .option("--population <id>", "only the norms of this population (default: all)")
    .option("--n <n>", "people per population", intOption("--n", 2, 1_000_000), 500)
    .option("--variant <id>", "apply this variant of the model first")
    .option("--seed <seed>", "random seed", intOption("--seed", 0), 1)
    .option(
      "--tolerance <z>",
      "largest |simulated mean - norm mean| in norm SDs for a match",
      numberOption("--tolerance", 0),
      DEFAULT_NORM_TOLERANCE,
    )
    .option("--norms <file>", "a norms file instead of the shipped data/norms.yaml");
  threadsOption(cmd, DEFAULT_THREADS);
  printOptions(cmd, "print the comparisons as JSON").addHelpText("after", NORMS_HELP);
  cmd.action(async (file: string, o: NormsOptions) => {
    const base = modelFileArg(file);
    const m =
      o.variant === undefined ? base : withFlag("--variant", () => applyVariant(base, o.variant!));
    const norms = withFlag("--norms", () =>
      o.norms === undefined ? loadNorms() : loadNorms(o.norms),
    );
    withFlag("--norms", () => checkNorms(m, norms));
    if (o.population !== undefined && !norms.some((x) => x.population === o.population))
      throw new InputError(
        `--population: no norm for ${JSON.stringify(o.population)} (normed: ${[...new Set(norms.map((x) => x.population))].join(", ")})`,
      );
    const bar = progressBar("norms", o.quiet || o.json);
    const rows = await compareNorms(m, norms, {
      n: o.n,
      seed: o.seed,
      tolerance: o.tolerance,
      populations: o.population === undefined ? undefined : [o.population],
      threads: o.threads,
      onProgress: (f) => bar.update(f),
    });
    bar.done();
    if (o.json) {
      const out = { model: m.id, variant: o.variant, tolerance: o.tolerance, comparisons: rows };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return;
    }
    const head = `model norms: ${m.id}${o.variant ? ` + ${o.variant}` : ""}, ${o.n} people per population at a baseline wave (day 0), seed ${o.seed}`;
    process.stdout.write(`${head}\n\n${formatNormComparisons(rows, o.tolerance)}\n`);
  });
}
