/**
 * `kindsim episode`: one episode for one person, trajectories printed or written as CSV.
 */

import type { Command } from "commander";
import { compileModel, type CompiledModel } from "../../engine/compileModel.js";
import { csvNumber } from "../../io/csvFormat.js";
import { checkOutputFilePath, writeFileAtomically } from "../../io/outputFolder.js";
import { InputError } from "../../model/issues.js";
import type { Model } from "../../model/types.js";
import {
  exclusionEpisode,
  practiceEpisode,
  runEpisode,
  socialEpisode,
  stressorEpisode,
  sufferingEpisode,
  type EpisodeSpec,
} from "../../sim/episode.js";
import { resolvePopulation, samplePopulation } from "../../sim/population.js";
import type { CliContext } from "../context.js";
import { withFlag } from "../errors.js";
import { applyPerson, modelFromOptions, parseSets } from "../modelOptions.js";
import { intOption, numberOption } from "../options.js";
import { modelOptions, type ModelChoice } from "../sharedOptions.js";

/** Episode types the command knows. */
export const EPISODE_TYPES = ["suffering", "exclusion", "stressor", "social", "practice"] as const;

interface EpisodeOptions extends ModelChoice {
  type: (typeof EPISODE_TYPES)[number];
  intensity: number;
  escape: number;
  cost: number;
  content?: string;
  seconds: number;
  dt: number;
  every: number;
  population: string;
  participant: number;
  seed: number;
  person?: string[];
  out?: string;
  json?: boolean;
}

/** Parses `--content a=0.5,b=0.5` against the model's content primitives. */
function parseContent(model: Model, s: string): Record<string, number> {
  const mix: Record<string, number> = {};
  for (const part of s.split(",")) {
    const [k, v] = part.split("=");
    if (!Object.hasOwn(model.content, k))
      throw new InputError(
        `--content: unknown content primitive ${JSON.stringify(k)} (known: ${Object.keys(model.content).join(", ")})`,
      );
    mix[k] = v === undefined ? 1 : Number(v);
    if (!Number.isFinite(mix[k]) || mix[k] < 0)
      throw new InputError(`--content ${k}: expected a share >= 0`);
  }
  return mix;
}

/** The episode named by the options. */
function episodeSpec(cm: CompiledModel, model: Model, o: EpisodeOptions): EpisodeSpec {
  const timing = { duration: o.seconds, dt: o.dt };
  switch (o.type) {
    case "suffering":
      return sufferingEpisode({
        intensity: o.intensity,
        escape: o.escape,
        cost: o.cost,
        ...timing,
      });
    case "exclusion":
      return exclusionEpisode({ intensity: o.intensity, ...timing });
    case "stressor":
      return stressorEpisode({ intensity: o.intensity, ...timing });
    case "social":
      return socialEpisode(timing);
    case "practice":
      return practiceEpisode(cm, parseContent(model, o.content ?? "lovingKindness=1"), timing);
  }
}

/** Runs the episode for the chosen person; returns the recorded rows. */
function runPersonEpisode(o: EpisodeOptions) {
  const model = modelFromOptions(o);
  const cm = compileModel(model, { params: parseSets(model, o.set) });
  const pop = resolvePopulation(o.population, model);
  const s = samplePopulation(cm, pop, o.seed, Uint32Array.of(o.participant));
  applyPerson(cm, model, s, o.person ?? []);
  const spec = episodeSpec(cm, model, o);
  const r = runEpisode(
    cm,
    spec,
    { P: 1, slow: s.slow, traits: s.traits, events: new Float64Array(cm.events.length) },
    { record: true, every: o.every },
  );
  const NO = cm.outputs.length;
  const rows = Array.from({ length: r.nRec }, (_, k) => ({
    t: Number((k * o.every * o.dt).toFixed(6)),
    values: Array.from(r.traj!.subarray(k * NO, (k + 1) * NO)),
  }));
  return { model, spec, outputs: cm.outputs, rows };
}

function* episodeCsv(outputs: string[], rows: { t: number; values: number[] }[]) {
  yield "time,variable,value\n";
  for (const row of rows)
    yield outputs.map((id, i) => `${row.t},${id},${csvNumber(row.values[i])}\n`).join("");
}

async function episode(o: EpisodeOptions): Promise<void> {
  if (!EPISODE_TYPES.includes(o.type))
    throw new InputError(
      `--type expects one of ${EPISODE_TYPES.join(", ")}, got ${JSON.stringify(o.type)}`,
    );
  if (o.out !== undefined) withFlag("--out", () => checkOutputFilePath(o.out!));
  const { model, spec, outputs, rows } = runPersonEpisode(o);
  if (o.out !== undefined)
    await withFlag("--out", () => writeFileAtomically(o.out!, episodeCsv(outputs, rows)));
  if (o.json)
    return void process.stdout.write(
      JSON.stringify({
        type: spec.type,
        outputs,
        time: rows.map((r) => r.t),
        values: rows.map((r) => r.values),
      }) + "\n",
    );
  // Columns are headed by the node's symbol where it has one (ids are words, too wide).
  const symbol = new Map(model.nodes.flatMap((n) => (n.symbol ? [[n.id, n.symbol] as const] : [])));
  const heading = (id: string): string => (symbol.get(id) ?? id).slice(0, 7).padStart(8);
  const head = ["t(s)".padStart(7), ...outputs.map(heading)].join("");
  const lines = rows.map((row) =>
    [row.t.toFixed(2).padStart(7), ...row.values.map((v) => v.toFixed(3).padStart(8))].join(""),
  );
  const legend = outputs.filter((id) => symbol.has(id)).map((id) => `${symbol.get(id)} ${id}`);
  const key = legend.length ? [`symbols: ${legend.join(", ")}`] : [];
  process.stdout.write([head, ...lines, ...key].join("\n") + "\n");
}

/** Adds `episode` to the program. */
export function registerEpisodeCommand(program: Command, _ctx: CliContext): void {
  const cmd = program
    .command("episode")
    .description("run one episode (seconds) for one virtual person and print its trajectories")
    .option("--type <type>", `episode type: ${EPISODE_TYPES.join(", ")}`, "suffering")
    .option("--intensity <x>", "intensity of the cue (0-1)", numberOption("--intensity", 0, 1), 0.6)
    .option("--escape <x>", "ease of escape (0 hard, 1 easy)", numberOption("--escape", 0, 1), 0)
    .option("--cost <x>", "cost of helping (0-1)", numberOption("--cost", 0, 1), 0)
    .option(
      "--content <mix>",
      "practice content, e.g. lovingKindness=1 or affection=0.5,aspiration=0.5",
    )
    .option("--seconds <s>", "episode length in seconds", numberOption("--seconds", 0.1, 3600), 30)
    .option("--dt <s>", "RK4 step in seconds", numberOption("--dt", 1e-4, 1), 0.05)
    .option("--every <k>", "print every k-th step", intOption("--every", 1), 20)
    .option("--population <id>", "population to draw the person from", "healthy-adults")
    .option(
      "--participant <i>",
      "which participant of the population (0-based)",
      intOption("--participant", 0, 2 ** 32 - 1),
      0,
    )
    .option(
      "--person <node=value...>",
      "set the person's slow states or traits within their ranges, e.g. selfOther=0.2",
    )
    .option("--seed <seed>", "random seed", intOption("--seed", 0), 1);
  modelOptions(cmd)
    .option("--out <file>", "write the trajectories as tidy CSV (time, variable, value)")
    .option("--json", "print JSON")
    .action(episode);
}
