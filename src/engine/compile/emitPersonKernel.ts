/**
 * Compile step 6: the person kernel — engagement in practice and the day summaries' values
 * on days without the episodes that feed them. Its body reads `batch` (a `PersonBatch`).
 */

import { parseFormula } from "../../model/formula.js";
import type { Model } from "../../model/types.js";
import { formulaToJs } from "../formulaToJs.js";
import { loadPerson, type Resolver } from "./localNames.js";
import type { ModelLayout } from "./modelLayout.js";

/** Emits the body of the person kernel; `names` resolves identifiers (no fast states). */
export function emitPersonKernel(model: Model, layout: ModelLayout, names: Resolver): string {
  const { slow, traits, summaries } = layout;
  const pr: string[] = [
    `"use strict";`,
    `const P = batch.count, slow = batch.slow, traits = batch.traits;`,
    `const engagement = batch.engagement, otherwise = batch.otherwise;`,
    `for (let p = 0; p < P; p++) {`,
  ];
  pr.push(`const so = p * ${slow.length}, to = p * ${traits.length};`, ...loadPerson(layout));
  pr.push(`engagement[p] = ${formulaToJs(parseFormula(model.coupling.engagement), names)};`);
  summaries.forEach((s, k) =>
    pr.push(
      `otherwise[p * ${summaries.length} + ${k}] = ${formulaToJs(parseFormula(s.otherwise), names)};`,
    ),
  );
  pr.push(`}`);
  return pr.join("\n");
}
