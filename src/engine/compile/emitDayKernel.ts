/**
 * Compile step 5: the day kernel — each slow node's dynamics written as dx/dt = A − B·x with
 * A and B held over the step, advanced by the exact exponential step and clamped to the
 * node's range. Its body reads `batch` (a `DayBatch`) and `dtDays`.
 */

import { parseFormula } from "../../model/formula.js";
import type { ModelNode } from "../../model/types.js";
import { dynamicsFormulas } from "../../model/validateModel.js";
import { formulaToJs } from "../formulaToJs.js";
import { loadEvents, loadPerson, num, type Resolver } from "./localNames.js";
import type { ModelLayout } from "./modelLayout.js";

/** The drive A and rate B of a slow node's linear form dx/dt = A − B·x. */
function driveAndRate(layout: ModelLayout, n: ModelNode, names: Resolver): [string, string] {
  const d = n.dynamics!;
  const f = Object.fromEntries(
    Object.entries(dynamicsFormulas(d)).map(([key, src]) => [
      key,
      formulaToJs(parseFormula(src), names),
    ]),
  );
  if (d.form === "relax") return [`(${f.target}) / (${f.tau})`, `1 / (${f.tau})`];
  if (d.form === "train") {
    const load = `l${layout.index.skill.get(n.id)}`;
    return [
      `(${f.rate}) * ${load} + (${f.decay}) * (${f.baseline})${f.drive ? ` + (${f.drive})` : ""}`,
      `(${f.rate}) * ${load} + (${f.decay})`,
    ];
  }
  return [f.drive, f.decay];
}

/** Emits the body of the day kernel; `names` resolves identifiers (no fast states). */
export function emitDayKernel(layout: ModelLayout, names: Resolver): string {
  const { slow, traits, events, summaries, skills } = layout;
  const dy: string[] = [
    `"use strict";`,
    `const P = batch.count, slow = batch.slow, traits = batch.traits, events = batch.events;`,
    `const sums = batch.summaries, loads = batch.loads, flags = batch.flags ?? null, status = batch.status ?? null;`,
    `let bad = 0;`,
  ];
  dy.push(`for (let p = 0; p < P; p++) {`);
  dy.push(
    `const so = p * ${slow.length}, to = p * ${traits.length}, eo = p * ${events.length}, sb = p * ${summaries.length}, lb = p * ${skills.length};`,
  );
  dy.push(...loadPerson(layout), ...loadEvents(layout));
  dy.push(...summaries.map((_, k) => `const s${k} = sums[sb + ${k}];`));
  dy.push(...skills.map((_, k) => `const l${k} = loads[lb + ${k}];`));
  dy.push(`let ok = true, first = -1;`);
  slow.forEach((n, k) => {
    const [a, b] = driveAndRate(layout, n, names);
    dy.push(`const A${k} = ${a}, B${k} = ${b};`);
    dy.push(
      `let n${k} = B${k} > 1e-12 ? A${k} / B${k} + (g${k} - A${k} / B${k}) * PM.exp(-B${k} * dtDays) : g${k} + A${k} * dtDays;`,
    );
    dy.push(
      `if (!Number.isFinite(n${k})) { if (ok) first = ${k}; ok = false; } else n${k} = Math.min(Math.max(n${k}, ${num(n.range[0])}), ${num(n.range[1])});`,
    );
  });
  dy.push(
    `if (ok) { ${slow.map((_, k) => `slow[so + ${k}] = n${k};`).join(" ")} if (status !== null) status[p] = 0; } else { bad++; if (flags !== null) flags[p] = 1; if (status !== null) status[p] = first + 1; }`,
  );
  dy.push(`}`, `return bad;`);
  return dy.join("\n");
}
