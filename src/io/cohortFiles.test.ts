import { describe, expect, it } from "vitest";
import { compileModel } from "../engine/compileModel.js";
import { defaultModel } from "../model/loadModel.js";
import type { CohortResult, CohortSpec } from "../sim/simulateCohort.js";
import { cohortFiles } from "./cohortFiles.js";

/** A fake cohort result of P participants × D days (values are the flat index). */
function fakeRun(P: number, D: number): { r: CohortResult; spec: CohortSpec } {
  const model = defaultModel();
  const cm = compileModel(model);
  const variables = ["warmth", "depression"];
  const NT = cm.traits.length;
  const NS = cm.slow.length;
  const r = {
    ids: Uint32Array.from({ length: P }, (_, i) => i),
    arm: new Uint8Array(P),
    days: Array.from({ length: D }, (_, d) => d),
    variables,
    daily: Float64Array.from({ length: P * D * variables.length }, (_, i) => i / 7),
    adherence: new Float64Array(P),
    minutes: new Float64Array(P),
    practiceDays: new Float64Array(P),
    priorHours: new Float64Array(P),
    traits: new Float64Array(P * NT),
    slow: new Float64Array(P * NS),
    diverged: 0,
  } as unknown as CohortResult;
  const spec = { arms: [{ id: "cbct" }] } as unknown as CohortSpec;
  return { r, spec };
}

describe("cohortFiles", () => {
  it("gives daily.csv as lines produced lazily, never as one string", () => {
    const { r, spec } = fakeRun(20_000, 56);
    const [daily] = cohortFiles(r, spec, defaultModel());
    expect(daily.name).toBe("daily.csv");
    expect(typeof daily.content).not.toBe("string");
    const it = (daily.content as Iterable<string>)[Symbol.iterator]();
    expect(it.next().value).toBe("participant,arm,day,variable,value\n");
    expect(it.next().value).toBe("0,cbct,0,warmth,0\n");
    expect(it.next().value).toBe("0,cbct,0,depression,0.14285714\n");
    // 20,000 people × 8 weeks × 2 variables = 2.24 million lines, none built yet.
  });

  it("participants.csv gives each person's age and sex, described in dictionary.csv", () => {
    const { r, spec } = fakeRun(2, 1);
    const cm = compileModel(defaultModel());
    const NT = cm.traits.length;
    const [tAge, tFemale] = [cm.index.trait.get("age")!, cm.index.trait.get("female")!];
    r.traits.set([72.5], tAge);
    r.traits.set([1], tFemale);
    r.traits.set([19], NT + tAge);
    const [, participants, dictionary] = cohortFiles(r, spec, defaultModel());
    const [header, first, second] = Array.from(participants.content as Iterable<string>)
      .join("")
      .split("\n")
      .map((l) => l.split(","));
    const col = (name: string): number => header.indexOf(name);
    expect([first[col("age")], first[col("female")]]).toEqual(["72.5", "1"]);
    expect([second[col("age")], second[col("female")]]).toEqual(["19", "0"]);
    const dict = Array.from(dictionary.content as Iterable<string>).join("");
    expect(dict).toMatch(/participants\.csv,age,,Trait: Age,"years, 18 to 100/);
    expect(dict).toMatch(/participants\.csv,female,,Trait: Female,"indicator, 0 to 1/);
  });
});
