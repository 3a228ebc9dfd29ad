/**
 * Named model inputs (parameters with priors) as seen by the sensitivity
 * methods, and their validation.
 */
import { type Prior, validatePrior } from "../priors.js";

/** A model input for sensitivity analysis: a named parameter and its prior. */
export interface SensitivityInput {
  /** Parameter name; must be non-empty and unique within an analysis. */
  readonly name: string;
  /** Prior over the parameter. A `fixed` prior keeps the input constant. */
  readonly prior: Prior;
}

/**
 * Returns one message per problem with `inputs` (empty when valid): a non-array,
 * empty or duplicate names, and invalid priors (see `validatePrior`). Paths
 * read `inputs.<name>.prior…`, or `inputs[<index>]` when the name is unusable.
 */
export function validateInputs(inputs: unknown, path = "inputs"): string[] {
  if (!Array.isArray(inputs))
    return [`${path}: expected an array of { name, prior }, got ${typeof inputs}`];
  if (inputs.length === 0) return [`${path}: expected at least one input, got an empty array`];
  const errors: string[] = [];
  const seen = new Set<string>();
  inputs.forEach((input: unknown, i) => {
    if (typeof input !== "object" || input === null) {
      errors.push(
        `${path}[${i}]: expected an object { name, prior }, got ${input === null ? "null" : typeof input}`,
      );
      return;
    }
    const { name, prior } = input as { name?: unknown; prior?: unknown };
    let at = `${path}[${i}]`;
    if (typeof name !== "string" || name.length === 0) {
      errors.push(
        `${at}.name: expected a non-empty string, got ${JSON.stringify(name) ?? "nothing (field is missing)"}`,
      );
    } else if (seen.has(name)) {
      errors.push(`${at}.name: expected a unique name, got duplicate ${JSON.stringify(name)}`);
    } else {
      seen.add(name);
      at = `${path}.${name}`;
    }
    errors.push(...validatePrior(prior, `${at}.prior`));
  });
  return errors;
}

/**
 * Throws an `Error` listing every problem found by {@link validateInputs}.
 * @param context prefix naming the calling method, e.g. `"morris"`
 */
export function assertValidInputs(inputs: readonly SensitivityInput[], context: string): void {
  const errors = validateInputs(inputs);
  if (errors.length > 0) throw new Error(`${context}: invalid inputs:\n  ${errors.join("\n  ")}`);
}

/** Indices (into `inputs`) of the inputs whose prior is not `fixed`, in order. */
export function variedInputIndices(inputs: readonly SensitivityInput[]): Int32Array {
  const idx: number[] = [];
  inputs.forEach((input, i) => {
    if (input.prior.dist !== "fixed") idx.push(i);
  });
  return Int32Array.from(idx);
}
