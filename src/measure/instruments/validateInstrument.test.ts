import { describe, expect, it } from "vitest";
import { validateInstrument } from "./validateInstrument.js";

const P = "paradigms[2].measures[0].instrument";

const VALID: Record<string, unknown>[] = [
  { kind: "roi", reliability: 0.7, refSd: 0.3, scale: 2 },
  { kind: "likert", reliability: 0.8, refSd: 0.15, items: 10, points: 5, loading: 4 },
  {
    kind: "likert",
    reliability: 0.8,
    refSd: 0.15,
    items: 10,
    min: 0,
    max: 4,
    loading: 4,
    score: "mean",
  },
  { kind: "binomial", reliability: 1, refSd: 0.1, items: 36, chance: 0.25, slope: 6, center: 0.4 },
  { kind: "choice", reliability: 1, refSd: 0.1, temperature: 0.5 },
  { kind: "amount", reliability: 0.6, refSd: 2, max: 10, step: 0.5 },
  { kind: "assay", reliability: 0.7, refSd: 0.4, base: 1.2, gain: 2, cv: 0.15, lod: 0.3 },
  { kind: "physio", reliability: 0.8, refSd: 0.6, scale: 3, offset: 5 },
  {
    kind: "diary",
    reliability: 0.7,
    refSd: 0.15,
    items: 3,
    points: 7,
    loading: 5,
    missing: 0.2,
    missingSlope: 2,
  },
];

describe("validateInstrument", () => {
  it("accepts valid declarations of every kind", () => {
    for (const raw of VALID) expect(validateInstrument(raw, P)).toEqual([]);
  });

  const BAD: [string, unknown, string][] = [
    ["not an object", 3, `${P}: expected an instrument object, got 3`],
    [
      "unknown kind",
      { kind: "eeg" },
      `${P}.kind: expected one of roi, likert, binomial, choice, amount, assay, physio, diary, got "eeg"`,
    ],
    ["zero items", { ...VALID[1], items: 0 }, `${P}.items: expected a whole number >= 1, got 0`],
    [
      "fractional items",
      { ...VALID[3], items: 2.5 },
      `${P}.items: expected a whole number >= 1, got 2.5`,
    ],
    [
      "reliability 0",
      { ...VALID[0], reliability: 0 },
      `${P}.reliability: expected a number in (0, 1], got 0`,
    ],
    [
      "reliability above 1",
      { ...VALID[0], reliability: 1.2 },
      `${P}.reliability: expected a number in (0, 1], got 1.2`,
    ],
    [
      "missing refSd",
      { kind: "roi", reliability: 0.7, scale: 2 },
      `${P}.refSd: expected a number > 0, got nothing`,
    ],
    [
      "string scale",
      { ...VALID[0], scale: "big" },
      `${P}.scale: expected a finite number, got "big"`,
    ],
    ["chance of 1", { ...VALID[3], chance: 1 }, `${P}.chance: expected a number in [0, 1), got 1`],
    ["one point", { ...VALID[1], points: 1 }, `${P}.points: expected a whole number >= 2, got 1`],
    [
      "no points or range",
      { kind: "likert", reliability: 0.8, refSd: 0.15, items: 4, loading: 2 },
      `${P}.points: expected a whole number >= 2 (or both min and max), got nothing`,
    ],
    [
      "max below min",
      { ...VALID[2], min: 4, max: 0 },
      `${P}.max: expected a whole number > min (4), got 0`,
    ],
    [
      "points disagree",
      { ...VALID[2], points: 7 },
      `${P}.points: expected max − min + 1 = 5 to match min 0 and max 4, got 7`,
    ],
    [
      "bad score rule",
      { ...VALID[1], score: "median" },
      `${P}.score: expected one of sum, mean, got "median"`,
    ],
    [
      "non-positive temperature",
      { ...VALID[4], temperature: 0 },
      `${P}.temperature: expected a number > 0, got 0`,
    ],
    ["zero endowment", { ...VALID[5], max: 0 }, `${P}.max: expected a number > 0, got 0`],
    ["negative cv", { ...VALID[6], cv: -0.1 }, `${P}.cv: expected a number >= 0, got -0.1`],
    [
      "missing rate of 1",
      { ...VALID[8], missing: 1 },
      `${P}.missing: expected a number in [0, 1), got 1`,
    ],
    [
      "typo",
      { ...VALID[7], ofset: 5 },
      `${P}.ofset: unknown field for a physio instrument (expected one of kind, reliability, refSd, scale, offset)`,
    ],
    [
      "diary field on likert",
      { ...VALID[1], missing: 0.1 },
      `${P}.missing: unknown field for a likert instrument`,
    ],
  ];
  for (const [what, raw, message] of BAD) {
    it(`reports ${what}`, () => {
      const messages = validateInstrument(raw, P);
      expect(messages.some((m) => m.startsWith(message))).toBe(true);
    });
  }

  it("reports every problem at once", () => {
    const messages = validateInstrument(
      { kind: "amount", reliability: 2, refSd: -1, max: "ten" },
      P,
    );
    expect(messages).toHaveLength(3);
    for (const m of messages) expect(m.startsWith(`${P}.`)).toBe(true);
  });
});
