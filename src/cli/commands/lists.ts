/**
 * What ships: `kindsim protocols`, `kindsim populations`, `kindsim paradigms` and
 * `kindsim measures`, each as text or `--json`.
 */

import type { Command } from "commander";
import { compileModel } from "../../engine/compileModel.js";
import { defaultModel } from "../../model/loadModel.js";
import { loadParadigms, type Paradigm } from "../../measure/paradigm.js";
import { loadPopulations, type Population } from "../../sim/population.js";
import { loadProtocols } from "../../sim/protocol.js";
import { PROTOCOLS_FILE } from "../../io/nodeData.js";
import type { CliContext } from "../context.js";

const printJson = (v: unknown): void =>
  void process.stdout.write(JSON.stringify(v, null, 2) + "\n");
const indent = "".padEnd(23);

function listProtocols(o: { json?: boolean }): void {
  const ps = loadProtocols(PROTOCOLS_FILE, defaultModel());
  if (o.json) return printJson(ps);
  const lines = ps.map((p) => {
    const mods = p.modules.map((m) => m.label).join("; ");
    const home = p.home
      ? `${p.home.minutesPerDay} min/day x ${p.home.daysPerWeek} d/wk`
      : "no home practice";
    const cls = p.classes
      ? `${p.classes.perWeek} x ${p.classes.minutes} min class/wk`
      : "no classes";
    return `${p.id.padEnd(22)} ${p.label}\n${indent}${p.weeks} wk; ${cls}; ${home}${p.sessions.length ? `; ${p.sessions.length} session(s)` : ""}${p.dyad ? "; therapist dyad" : ""}\n${mods ? `${indent}${mods}\n` : ""}`;
  });
  process.stdout.write(lines.join(""));
}

/** "age 40 ± 13 y [18, 80]; 60% female", or the model's defaults when a population gives none. */
function personAttributes(p: Population): string {
  const age = p.age
    ? `age ${p.age.mean} ± ${p.age.sd} y [${p.age.min}, ${p.age.max}]`
    : "age: model default";
  const female =
    p.female !== undefined ? `${Math.round(p.female * 1000) / 10}% female` : "sex: model default";
  return `${age}; ${female}`;
}

function listPopulations(o: { json?: boolean }): void {
  const ps = loadPopulations(undefined, defaultModel());
  if (o.json) return printJson(ps);
  for (const p of ps) {
    const t = Object.entries(p.traits)
      .map(([k, v]) => `${k}~${v.median}`)
      .join(", ");
    process.stdout.write(
      `${p.id.padEnd(24)} ${p.label}\n${"".padEnd(25)}${personAttributes(p)}; OXTR GG ${p.genotype.oxtrGG}; ${Object.keys(p.traits).length} traits (${t})${p.practiceHours ? `; prior practice ~${p.practiceHours.median} h` : ""}\n`,
    );
  }
}

/** The shipped paradigms (checked against the default model). */
function shippedParadigms(): Paradigm[] {
  return loadParadigms(compileModel(defaultModel()));
}

function listParadigms(o: { json?: boolean }): void {
  const ps = shippedParadigms();
  if (o.json)
    return printJson(
      ps.map((p) => ({
        id: p.id,
        label: p.label,
        citation: p.citation,
        conditions: p.conditions.map((c) => c.id),
        measures: p.measures.map((m) => m.id),
      })),
    );
  for (const p of ps)
    process.stdout.write(
      `${p.id.padEnd(22)} ${p.label}\n${indent}${p.citation ? `${p.citation}; ` : ""}${p.conditions.length} condition(s); measures: ${p.measures.map((m) => m.id).join(", ")}\n`,
    );
}

function listMeasures(o: { json?: boolean }): void {
  const rows = shippedParadigms().flatMap((p) =>
    p.measures.map((m) => ({
      id: m.id,
      label: m.label,
      paradigm: p.id,
      source: m.source.from,
      instrument: m.instrument.kind,
      timecourse: m.timecourse ? m.timecourse.times : null,
    })),
  );
  if (o.json) return printJson(rows);
  for (const m of rows)
    process.stdout.write(
      `${m.id.padEnd(22)} ${m.label}\n${indent}paradigm ${m.paradigm}; ${m.source} source read by a ${m.instrument} instrument${m.timecourse ? `; time course at ${m.timecourse.join(", ")} min` : ""}\n`,
    );
}

/** Adds `protocols`, `populations`, `paradigms` and `measures` to the program. */
export function registerListCommands(program: Command, _ctx: CliContext): void {
  const lists = [
    ["protocols", "list the practice protocols that ship (data/protocols.yaml)", listProtocols],
    ["populations", "list the populations that ship (data/populations.yaml)", listPopulations],
    ["paradigms", "list the lab paradigms that ship (data/paradigms.yaml)", listParadigms],
    [
      "measures",
      "list the measures the shipped paradigms record, with their instruments",
      listMeasures,
    ],
  ] as const;
  for (const [name, description, action] of lists)
    program.command(name).description(description).option("--json", "print JSON").action(action);
}
