import { describe, expect, it } from "vitest";
import { pairValues, resolveValues } from "./resolveValues.js";
import type { TrialData, TrialParticipant, TrialRow } from "./trialData.js";

function participant(
  id: number,
  arm: string,
  extra: Partial<TrialParticipant> = {},
): TrialParticipant {
  return {
    id,
    arm,
    stratum: "",
    minutes: 100 * id,
    practiceDays: id,
    adherence: id / 10,
    dropoutDay: null,
    traits: { empathy: id - 2 },
    ...extra,
  };
}

function row(
  p: number,
  arm: string,
  wave: string,
  measure: string,
  value: number,
  time: number | null = null,
): TrialRow {
  return {
    participant: p,
    arm,
    wave,
    day: wave === "pre" ? 0 : 56,
    paradigm: "x",
    measure,
    time,
    value,
  };
}

/** Three participants; #3 drops out before "post"; cortisol is a time course. */
const data: TrialData = {
  arms: ["kbm", "control"],
  waves: [
    { id: "pre", day: 0 },
    { id: "post", day: 56 },
  ],
  participants: [
    participant(1, "kbm"),
    participant(2, "control"),
    participant(3, "kbm", { dropoutDay: 30, traits: {} }),
  ],
  rows: [
    row(1, "kbm", "pre", "compassion", 1),
    row(1, "kbm", "post", "compassion", 3),
    row(2, "control", "pre", "compassion", 2),
    row(2, "control", "post", "compassion", 2.5),
    row(3, "kbm", "pre", "compassion", 4),
    row(1, "kbm", "pre", "cortisol", 10, 0),
    row(1, "kbm", "pre", "cortisol", 14, 30),
    row(2, "control", "pre", "cortisol", 11, 0),
    row(2, "control", "pre", "cortisol", NaN, 30),
    // a repeated measurement is averaged
    row(2, "control", "pre", "empathyTask", 1),
    row(2, "control", "pre", "empathyTask", 2),
  ],
};

describe("resolveValues", () => {
  it("returns the measure at a wave, dropping missing waves after dropout", () => {
    expect([...resolveValues(data, { measure: "compassion", wave: "pre" })]).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
    ]);
    expect([...resolveValues(data, { measure: "compassion", wave: "post" })]).toEqual([
      [1, 3],
      [2, 2.5],
    ]);
  });

  it("restricts to arms", () => {
    expect([...resolveValues(data, { measure: "compassion", wave: "pre" }, ["kbm"])]).toEqual([
      [1, 1],
      [3, 4],
    ]);
    expect(resolveValues(data, { measure: "compassion", wave: "pre" }, []).size).toBe(0);
  });

  it("computes change to − from for participants measured at both waves", () => {
    expect([...resolveValues(data, { measure: "compassion", change: ["pre", "post"] })]).toEqual([
      [1, 2],
      [2, 0.5],
    ]);
  });

  it("selects time-course rows by time and skips non-finite values", () => {
    expect([...resolveValues(data, { measure: "cortisol", wave: "pre", time: 30 })]).toEqual([
      [1, 14],
    ]);
    expect([...resolveValues(data, { measure: "cortisol", wave: "pre", time: 0 })]).toEqual([
      [1, 10],
      [2, 11],
    ]);
    // without a time, time-course rows are not used
    expect(resolveValues(data, { measure: "cortisol", wave: "pre" }).size).toBe(0);
    expect([
      ...resolveValues(data, { measure: "cortisol", change: ["pre", "pre"], time: 30 }),
    ]).toEqual([[1, 0]]);
  });

  it("averages repeated rows", () => {
    expect(resolveValues(data, { measure: "empathyTask", wave: "pre" }).get(2)).toBe(1.5);
  });

  it("reads participant fields and traits", () => {
    expect([...resolveValues(data, { participant: "minutes" })]).toEqual([
      [1, 100],
      [2, 200],
      [3, 300],
    ]);
    expect([...resolveValues(data, { participant: "practiceDays" }, ["control"])]).toEqual([
      [2, 2],
    ]);
    expect(resolveValues(data, { participant: "adherence" }).get(3)).toBeCloseTo(0.3);
    // participant 3 has no empathy trait
    expect([...resolveValues(data, { participant: "empathy" })]).toEqual([
      [1, -1],
      [2, 0],
    ]);
    expect(resolveValues(data, { participant: "nope" }).size).toBe(0);
  });

  it("codes an arm contrast as 1/0", () => {
    expect([...resolveValues(data, { arm: "kbm" })]).toEqual([
      [1, 1],
      [2, 0],
      [3, 1],
    ]);
  });

  it("returns an empty map for unknown measures or waves", () => {
    expect(resolveValues(data, { measure: "nope", wave: "pre" }).size).toBe(0);
    expect(resolveValues(data, { measure: "compassion", wave: "w9" }).size).toBe(0);
  });
});

describe("pairValues", () => {
  it("aligns complete cases by ascending id", () => {
    const a = new Map([
      [3, 30],
      [1, 10],
      [2, 20],
    ]);
    const b = new Map([
      [2, 0.2],
      [3, 0.3],
    ]);
    const c = new Map([
      [3, -3],
      [2, -2],
      [9, -9],
    ]);
    expect(pairValues(a, b, c)).toEqual({
      ids: [2, 3],
      columns: [
        [20, 30],
        [0.2, 0.3],
        [-2, -3],
      ],
    });
  });

  it("handles no maps and disjoint maps", () => {
    expect(pairValues()).toEqual({ ids: [], columns: [] });
    expect(pairValues(new Map([[1, 1]]), new Map([[2, 2]]))).toEqual({
      ids: [],
      columns: [[], []],
    });
  });

  it("works with resolveValues output (dropouts excluded)", () => {
    const { ids, columns } = pairValues(
      resolveValues(data, { measure: "compassion", wave: "pre" }),
      resolveValues(data, { measure: "compassion", wave: "post" }),
    );
    expect(ids).toEqual([1, 2]);
    expect(columns).toEqual([
      [1, 2],
      [3, 2.5],
    ]);
  });
});
