/**
 * Compile step 7: one participant's fast level for the adaptive Dormand–Prince reference
 * solver — the right-hand side dy/dt (body reads `y`, `dydt`, `inputs`, `person`) and the
 * initial states (body reads `person`, `y`).
 */

import type { FastExpressions } from "./fastExpressions.js";
import { loadEvents, loadPerson, range } from "./localNames.js";
import type { ModelLayout } from "./modelLayout.js";

/** Emits the body of the single-participant right-hand side. */
export function emitFastRhs(layout: ModelLayout, fx: FastExpressions): string {
  const NF = layout.fast.length;
  const rh: string[] = [
    `"use strict";`,
    `const slow = person.slow, traits = person.traits, events = person.events, jitter = person.jitter ?? null;`,
    `const so = 0, to = 0, eo = 0;`,
    ...loadPerson(layout),
    ...loadEvents(layout),
  ];
  rh.push(...range(NF).map((i) => `const j${i} = jitter === null ? 0 : jitter[${i}];`));
  rh.push(...range(layout.inputs.length).map((j) => `const u${j} = inputs[${j}];`));
  rh.push(...range(NF).map((i) => `const y${i} = y[${i}];`));
  const eqY = fx.equations("y");
  rh.push(...range(NF).map((i) => `dydt[${i}] = (${eqY[i]} - y${i}) / (${fx.tau[i]});`));
  return rh.join("\n");
}

/** Emits the body of the single-participant initial states. */
export function emitFastInit(layout: ModelLayout, fx: FastExpressions): string {
  return [
    `"use strict";`,
    `const slow = person.slow, traits = person.traits, events = person.events;`,
    `const so = 0, to = 0, eo = 0;`,
    ...loadPerson(layout),
    ...loadEvents(layout),
    ...range(layout.fast.length).map((i) => `y[${i}] = ${fx.init[i]};`),
  ].join("\n");
}
