/**
 * `kindsim episode`: one episode for one person, trajectories printed or written as CSV.
 */

import type { Command } from "commander";
import { compileModel } from "../engine/compileModel.js";
import {
  exclusionEpisode,
  practiceEpisode,
  runEpisode,
  socialEpisode,
  stressorEpisode,
  sufferingEpisode,
  type EpisodeSpec,
} from "../sim/episode.js";
import { resolvePopulation, samplePopulation } from "../sim/population.js";
import type { CliContext } from "./context.js";
import { InputError } from "../model/issues.js";
import { intOption, numberOption } from "./options.js";
import { modelFromOptions, parseSets } from "./simulateCommand.js";
import { csvNumber, writeOutputs } from "./writeOutputs.js";

/** Episode types the command knows. */
export const EPISODE_TYPES = ["suffering", "exclusion", "stressor", "social", "practice"] as const;

interface EpisodeOptions {
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
  set?: string[];
  model?: string;
  variant?: string;
  person?: string[];
  out?: string;
  json?: boolean;
}

/** Adds `episode` to the program. */
export function registerEpisodeCommand(program: Command, _ctx: CliContext): void {
  program
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
      "set the person's slow states or traits, e.g. selfOther=0.2",
    )
    .option("--seed <seed>", "random seed", intOption("--seed", 0), 1)
    .option("--model <file>", "model file; default the embedded mascaro2015")
    .option("--variant <id>", "apply a named variant")
    .option("--set <name=value...>", "override parameters")
    .option("--out <file>", "write the trajectories as tidy CSV (time, variable, value)")
    .option("--json", "print JSON")
    .action((o: EpisodeOptions) => {
      if (!EPISODE_TYPES.includes(o.type))
        throw new InputError(
          `--type expects one of ${EPISODE_TYPES.join(", ")}, got ${JSON.stringify(o.type)}`,
        );
      const model = modelFromOptions(o);
      const cm = compileModel(model, { params: parseSets(model, o.set) });
      const pop = resolvePopulation(o.population, model);
      const s = samplePopulation(cm, pop, o.seed, Uint32Array.of(o.participant));
      for (const kv of o.person ?? []) {
        const m = /^([A-Za-z_]\w*)=(.+)$/.exec(kv);
        const v = m ? Number(m[2]) : NaN;
        if (!m || !Number.isFinite(v))
          throw new InputError(`--person expects node=value, got ${JSON.stringify(kv)}`);
        const si = cm.index.slow.get(m[1]);
        const ti = cm.index.trait.get(m[1]);
        if (si !== undefined) s.slow[si] = v;
        else if (ti !== undefined) s.traits[ti] = v;
        else throw new InputError(`--person: ${m[1]} is not a slow node or trait of the model`);
      }
      const timing = { duration: o.seconds, dt: o.dt };
      let spec: EpisodeSpec;
      if (o.type === "suffering")
        spec = sufferingEpisode({
          intensity: o.intensity,
          escape: o.escape,
          cost: o.cost,
          ...timing,
        });
      else if (o.type === "exclusion")
        spec = exclusionEpisode({ intensity: o.intensity, ...timing });
      else if (o.type === "stressor") spec = stressorEpisode({ intensity: o.intensity, ...timing });
      else if (o.type === "social") spec = socialEpisode(timing);
      else {
        const mix: Record<string, number> = {};
        for (const part of (o.content ?? "lovingKindness=1").split(",")) {
          const [k, v] = part.split("=");
          if (!(k in model.content))
            throw new InputError(
              `--content: unknown content primitive ${JSON.stringify(k)} (known: ${Object.keys(model.content).join(", ")})`,
            );
          mix[k] = v === undefined ? 1 : Number(v);
          if (!Number.isFinite(mix[k]) || mix[k] < 0)
            throw new InputError(`--content ${k}: expected a share >= 0`);
        }
        spec = practiceEpisode(cm, mix, timing);
      }
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
      if (o.out) {
        const lines = ["time,variable,value"];
        for (const row of rows)
          cm.outputs.forEach((id, i) => lines.push(`${row.t},${id},${csvNumber(row.values[i])}`));
        writeOutputs(".", [{ name: o.out, content: lines.join("\n") + "\n" }]);
      }
      if (o.json) {
        process.stdout.write(
          JSON.stringify({
            type: spec.type,
            outputs: cm.outputs,
            time: rows.map((r) => r.t),
            values: rows.map((r) => r.values),
          }) + "\n",
        );
        return;
      }
      const head = ["t(s)".padStart(7), ...cm.outputs.map((id) => id.slice(0, 7).padStart(8))].join(
        "",
      );
      const lines = [
        head,
        ...rows.map((row) =>
          [row.t.toFixed(2).padStart(7), ...row.values.map((v) => v.toFixed(3).padStart(8))].join(
            "",
          ),
        ),
      ];
      process.stdout.write(lines.join("\n") + "\n");
    });
}
