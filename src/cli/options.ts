/** Parsers for CLI option values that name the option and what was expected. */

import { InvalidArgumentError } from "commander";

/** A whole number within [min, max]. */
export function intOption(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(
        `${name} expects a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`,
      );
    return n;
  };
}

/** A finite number within [min, max]. */
export function numberOption(name: string, min = -Infinity, max = Infinity) {
  return (v: string): number => {
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n) || n < min || n > max)
      throw new InvalidArgumentError(
        `${name} expects a number${Number.isFinite(min) ? ` >= ${min}` : ""}${Number.isFinite(max) ? ` <= ${max}` : ""}, got ${JSON.stringify(v)}`,
      );
    return n;
  };
}
