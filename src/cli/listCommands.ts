/** `kindsim protocols` and `kindsim populations`: what ships. */

import type { Command } from "commander";
import type { CliContext } from "./context.js";
import { loadPopulations } from "../sim/population.js";
import { loadProtocols, PROTOCOLS_FILE } from "../sim/protocol.js";
import { defaultModel } from "../model/loadModel.js";

/** Adds `protocols` and `populations` to the program. */
export function registerListCommands(program: Command, _ctx: CliContext): void {
  program
    .command("protocols")
    .description("list the practice protocols that ship (data/protocols.yaml)")
    .option("--json", "print JSON")
    .action((o: { json?: boolean }) => {
      const ps = loadProtocols(PROTOCOLS_FILE, defaultModel());
      if (o.json) return void process.stdout.write(JSON.stringify(ps, null, 2) + "\n");
      const lines = ps.map((p) => {
        const mods = p.modules.map((m) => m.label).join("; ");
        const home = p.home
          ? `${p.home.minutesPerDay} min/day x ${p.home.daysPerWeek} d/wk`
          : "no home practice";
        const cls = p.classes
          ? `${p.classes.perWeek} x ${p.classes.minutes} min class/wk`
          : "no classes";
        return `${p.id.padEnd(22)} ${p.label}\n${"".padEnd(23)}${p.weeks} wk; ${cls}; ${home}${p.sessions.length ? `; ${p.sessions.length} session(s)` : ""}${p.dyad ? "; therapist dyad" : ""}\n${mods ? `${"".padEnd(23)}${mods}\n` : ""}`;
      });
      process.stdout.write(lines.join(""));
    });
  program
    .command("populations")
    .description("list the populations that ship (data/populations.yaml)")
    .option("--json", "print JSON")
    .action((o: { json?: boolean }) => {
      const ps = loadPopulations(undefined, defaultModel());
      if (o.json) return void process.stdout.write(JSON.stringify(ps, null, 2) + "\n");
      for (const p of ps) {
        const t = Object.entries(p.traits)
          .map(([k, v]) => `${k}~${v.median}`)
          .join(", ");
        process.stdout.write(
          `${p.id.padEnd(24)} ${p.label}\n${"".padEnd(25)}OXTR GG ${p.genotype.oxtrGG}; ${Object.keys(p.traits).length} traits (${t})${p.practiceHours ? `; prior practice ~${p.practiceHours.median} h` : ""}\n`,
        );
      }
    });
}
