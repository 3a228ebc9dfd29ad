/**
 * The brand of a validated model: only `validateModel` (and so `applyVariant`, which ends by
 * validating) produces a `ValidatedModel`. The compiler checks for it at run time and
 * re-validates anything else, so no unchecked text can reach generated code.
 */

import type { Model } from "./types.js";

declare const validatedBrand: unique symbol;

/** A model that passed `validateModel`. */
export type ValidatedModel = Model & { readonly [validatedBrand]: true };

/** Models produced by `validateModel` in this thread (a structured clone is not one). */
const validated = new WeakSet<object>();

/** Marks a model just validated by `validateModel` (not for other callers). */
export function markValidated(model: Model): ValidatedModel {
  validated.add(model);
  return model as ValidatedModel;
}

/** Whether `model` is an object produced by `validateModel` in this thread. */
export function isValidatedModel(model: unknown): model is ValidatedModel {
  return typeof model === "object" && model !== null && validated.has(model);
}
