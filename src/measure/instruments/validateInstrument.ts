/**
 * Validation of instrument declarations read from paradigm files, with messages that name the
 * field and what was expected.
 */

import { show } from "../../model/issues.js";
import { INSTRUMENT_KINDS, type InstrumentKind } from "./types.js";

/** A constraint on a numeric field: a test and how it is described in messages. */
interface NumberRule {
  test: (x: number) => boolean;
  want: string;
}

const FINITE: NumberRule = { test: () => true, want: "a finite number" };
const POSITIVE: NumberRule = { test: (x) => x > 0, want: "a number > 0" };
const NON_NEGATIVE: NumberRule = { test: (x) => x >= 0, want: "a number >= 0" };
const RELIABILITY: NumberRule = { test: (x) => x > 0 && x <= 1, want: "a number in (0, 1]" };
const PROBABILITY_BELOW_1: NumberRule = {
  test: (x) => x >= 0 && x < 1,
  want: "a number in [0, 1)",
};
const COUNT: NumberRule = {
  test: (x) => Number.isInteger(x) && x >= 1,
  want: "a whole number >= 1",
};
const POINTS: NumberRule = {
  test: (x) => Number.isInteger(x) && x >= 2,
  want: "a whole number >= 2",
};
const WHOLE: NumberRule = { test: (x) => Number.isInteger(x), want: "a whole number" };

const COMMON = ["kind", "reliability", "refSd"] as const;
const ORDINAL = [
  "items",
  "points",
  "min",
  "max",
  "loading",
  "thresholdSpread",
  "difficulty",
  "difficultySpread",
  "score",
  "refMean",
] as const;

/** Fields each kind accepts besides `kind`, `reliability` and `refSd`. */
const FIELDS: Record<InstrumentKind, readonly string[]> = {
  roi: ["scale", "offset"],
  likert: ORDINAL,
  binomial: ["items", "chance", "slope", "center", "score"],
  choice: ["temperature"],
  amount: ["max", "step"],
  assay: ["base", "gain", "cv", "lod"],
  physio: ["scale", "offset"],
  diary: [...ORDINAL, "missing", "missingSlope"],
};

/**
 * Checks that `raw` is a valid {@link Instrument} declaration and returns one message per
 * problem, each naming the field's path (`path` is the instrument's own path, e.g.
 * `paradigms[2].measures[0].instrument`) and what was expected, e.g.
 * `paradigms[2].measures[0].instrument.items: expected a whole number >= 1, got 0`.
 * Returns an empty list for a valid declaration, after which `raw` may be used as an
 * `Instrument`.
 */
export function validateInstrument(raw: unknown, path: string): string[] {
  const out: string[] = [];
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return [`${path}: expected an instrument object, got ${show(raw)}`];
  }
  const o = raw as Record<string, unknown>;

  const num = (key: string, rule: NumberRule, optional = false): number | undefined => {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (typeof v === "number" && Number.isFinite(v) && rule.test(v)) return v;
    out.push(`${path}.${key}: expected ${rule.want}, got ${show(v)}`);
    return undefined;
  };
  const word = (key: string, allowed: readonly string[]): void => {
    const v = o[key];
    if (v === undefined || (typeof v === "string" && allowed.includes(v))) return;
    out.push(`${path}.${key}: expected one of ${allowed.join(", ")}, got ${show(v)}`);
  };

  const kind = o.kind;
  if (typeof kind !== "string" || !(INSTRUMENT_KINDS as readonly string[]).includes(kind)) {
    out.push(`${path}.kind: expected one of ${INSTRUMENT_KINDS.join(", ")}, got ${show(kind)}`);
    return out;
  }
  const k = kind as InstrumentKind;
  num("reliability", RELIABILITY);
  num("refSd", POSITIVE);

  switch (k) {
    case "roi":
    case "physio":
      num("scale", FINITE);
      num("offset", FINITE, true);
      break;
    case "likert":
    case "diary": {
      num("items", COUNT);
      const points = num("points", POINTS, true);
      const min = num("min", WHOLE, true);
      const max = num("max", WHOLE, true);
      if (o.points === undefined && (o.min === undefined || o.max === undefined)) {
        out.push(`${path}.points: expected a whole number >= 2 (or both min and max), got nothing`);
      }
      if (min !== undefined && max !== undefined) {
        if (max <= min) {
          out.push(`${path}.max: expected a whole number > min (${min}), got ${max}`);
        } else if (points !== undefined && max - min + 1 !== points) {
          out.push(
            `${path}.points: expected max − min + 1 = ${max - min + 1} to match min ${min} and max ${max}, got ${points}`,
          );
        }
      }
      num("loading", POSITIVE);
      num("thresholdSpread", NON_NEGATIVE, true);
      num("difficulty", FINITE, true);
      num("difficultySpread", NON_NEGATIVE, true);
      word("score", ["sum", "mean"]);
      num("refMean", FINITE, true);
      if (k === "diary") {
        num("missing", PROBABILITY_BELOW_1, true);
        num("missingSlope", FINITE, true);
      }
      break;
    }
    case "binomial":
      num("items", COUNT);
      num("chance", PROBABILITY_BELOW_1, true);
      num("slope", FINITE, true);
      num("center", FINITE, true);
      word("score", ["count", "proportion"]);
      break;
    case "choice":
      num("temperature", POSITIVE, true);
      break;
    case "amount":
      num("max", POSITIVE);
      num("step", POSITIVE, true);
      break;
    case "assay":
      num("base", POSITIVE);
      num("gain", FINITE);
      num("cv", NON_NEGATIVE);
      num("lod", NON_NEGATIVE, true);
      break;
  }

  const known = [...COMMON, ...FIELDS[k]];
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) {
      out.push(
        `${path}.${key}: unknown field for a ${k} instrument (expected one of ${known.join(", ")})`,
      );
    }
  }
  return out;
}
