/** Draws of a model's parameters from their priors (robustness, assurance). */

import { hashName, RandomStream } from "../numeric/random.js";
import type { Model } from "../model/types.js";
import { priorQuantile } from "../numeric/priors.js";

/** Draws every parameter of a model from its prior (draw k of a seeded sequence). */
export function drawParameters(model: Model, seed: number, k: number): Record<string, number> {
  const out: Record<string, number> = {};
  const stream = hashName("robustness/priors");
  Object.keys(model.parameters)
    .sort()
    .forEach((name, i) => {
      const rng = new RandomStream(seed, k, (stream + i) >>> 0);
      out[name] = priorQuantile(model.parameters[name].prior, rng.uniform());
    });
  return out;
}
