import { describe, expect, it } from "vitest";
import { compileModel } from "../engine/compileModel.js";
import { defaultModel } from "../model/loadModel.js";
import { Issues } from "../model/issues.js";
import { normalCdf } from "../numeric/distributions.js";
import {
  readPopulation,
  readPopulationFile,
  resolvePopulation,
  samplePopulation,
  type Population,
} from "./population.js";
import { resolveProtocol } from "./protocol.js";
import { closeCohortPool, runCohort } from "./runCohort.js";
import { blockAssignment, type CohortSpec } from "./simulateCohort.js";

const model = defaultModel();
const cm = compileModel(model);
const NT = cm.traits.length;
const NS = cm.slow.length;
const tAge = cm.index.trait.get("age")!;
const tFemale = cm.index.trait.get("female")!;
const healthy = resolvePopulation("healthy-adults", model);
const ids = (n: number, from = 0): Uint32Array =>
  Uint32Array.from({ length: n }, (_, i) => from + i);
const column = (traits: Float64Array, t: number): number[] =>
  Array.from({ length: traits.length / NT }, (_, p) => traits[p * NT + t]);
const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
const sd = (v: number[]): number => {
  const m = mean(v);
  return Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
};

/** Mean and SD of normal(mu, sigma) truncated to [a, b] (textbook formulas). */
function truncatedMoments(mu: number, sigma: number, a: number, b: number): [number, number] {
  const phi = (z: number): number => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  const al = (a - mu) / sigma;
  const be = (b - mu) / sigma;
  const Z = normalCdf(be) - normalCdf(al);
  const m = (phi(al) - phi(be)) / Z;
  const v = 1 + (al * phi(al) - be * phi(be)) / Z - m * m;
  return [mu + sigma * m, sigma * Math.sqrt(v)];
}

function problems(o: Record<string, unknown>): string[] {
  const issues = new Issues();
  readPopulation(issues, "(pop)", { id: "x", label: "X", ...o }, model);
  return issues.list.map((i) => `${i.path}: ${i.message}`);
}

describe("person attributes: age and female", () => {
  it("the model declares age (years, [18, 100], default 40) and female (indicator, default 0.5)", () => {
    const age = model.nodes.find((n) => n.id === "age")!;
    const female = model.nodes.find((n) => n.id === "female")!;
    expect([age.level, age.unit, age.range, age.default]).toEqual([
      "trait",
      "years",
      [18, 100],
      40,
    ]);
    expect([female.level, female.unit, female.range, female.default]).toEqual([
      "trait",
      "indicator",
      [0, 1],
      0.5,
    ]);
  });

  it.each([
    ["healthy adults", { mean: 40, sd: 13, min: 18, max: 80 }, 0.6],
    ["older adults (strongly truncated)", { mean: 70, sd: 7, min: 60, max: 95 }, 0.65],
    ["a one-sided cut far from the mean", { mean: 20, sd: 10, min: 18, max: 100 }, 0.1],
  ])("%s: age and female match their distributions at n = 20,000", (_, age, female) => {
    const pop: Population = { ...healthy, age, female };
    const s = samplePopulation(cm, pop, 11, ids(20_000));
    const ages = column(s.traits, tAge);
    const fem = column(s.traits, tFemale);
    const [m, v] = truncatedMoments(age.mean, age.sd, age.min, age.max);
    // SE of the mean ~ sd/sqrt(n) < 0.1 year; tolerances are > 3 SE.
    expect(Math.abs(mean(ages) - m)).toBeLessThan(0.3);
    expect(Math.abs(sd(ages) - v)).toBeLessThan(0.25);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(age.min);
    expect(Math.max(...ages)).toBeLessThanOrEqual(age.max);
    expect(fem.every((x) => x === 0 || x === 1)).toBe(true);
    // SE of a proportion at n = 20,000 is at most 0.0036.
    expect(Math.abs(mean(fem) - female)).toBeLessThan(0.012);
  });

  it("age with sd 0 gives everyone the mean; female 0 and 1 are exact", () => {
    const pop: Population = { ...healthy, age: { mean: 55, sd: 0, min: 18, max: 100 }, female: 1 };
    const s = samplePopulation(cm, pop, 1, ids(200));
    expect(new Set(column(s.traits, tAge))).toEqual(new Set([55]));
    expect(new Set(column(s.traits, tFemale))).toEqual(new Set([1]));
    const men = samplePopulation(cm, { ...pop, female: 0 }, 1, ids(200));
    expect(new Set(column(men.traits, tFemale))).toEqual(new Set([0]));
  });

  it("a person's age and sex depend only on (seed, id): the same in any batch and order", () => {
    const all = samplePopulation(cm, healthy, 5, ids(1000));
    for (const size of [1, 7, 333]) {
      const parts: number[] = [];
      for (let start = 0; start < 1000; start += size) {
        const s = samplePopulation(cm, healthy, 5, ids(Math.min(size, 1000 - start), start));
        parts.push(...s.traits);
      }
      expect(parts).toEqual(Array.from(all.traits));
    }
    const rev = samplePopulation(cm, healthy, 5, Uint32Array.from([999, 3]));
    expect(Array.from(rev.traits.subarray(0, NT))).toEqual(
      Array.from(all.traits.subarray(999 * NT, 1000 * NT)),
    );
    expect(Array.from(rev.traits.subarray(NT, 2 * NT))).toEqual(
      Array.from(all.traits.subarray(3 * NT, 4 * NT)),
    );
    const other = samplePopulation(cm, healthy, 6, ids(1000));
    expect(column(other.traits, tAge)).not.toEqual(column(all.traits, tAge));
  });

  it("a cohort's ages and sexes are the same on 1 and 2 threads", async () => {
    const spec: CohortSpec = {
      seed: 9,
      days: 2,
      population: resolvePopulation("lonely-older-adults", model),
      arms: [{ id: "cbct", protocol: resolveProtocol("cbct", model) }],
      assignment: blockAssignment([12]),
    };
    const one = await runCohort(model, spec, { threads: 1 });
    const two = await runCohort(model, spec, { threads: 2 });
    await closeCohortPool();
    expect(column(two.traits, tAge)).toEqual(column(one.traits, tAge));
    expect(column(two.traits, tFemale)).toEqual(column(one.traits, tFemale));
    expect(Math.min(...column(one.traits, tAge))).toBeGreaterThanOrEqual(60);
  });

  it("adding age and female leaves every other draw as it was; without them everyone has the defaults", () => {
    const bare: Population = { ...healthy, age: undefined, female: undefined };
    const a = samplePopulation(cm, bare, 2, ids(300));
    const b = samplePopulation(cm, healthy, 2, ids(300));
    expect(Array.from(b.slow)).toEqual(Array.from(a.slow));
    expect(Array.from(b.priorHours)).toEqual(Array.from(a.priorHours));
    for (let t = 0; t < NT; t++)
      if (t !== tAge && t !== tFemale) expect(column(b.traits, t)).toEqual(column(a.traits, t));
    expect(new Set(column(a.traits, tAge))).toEqual(new Set([40]));
    expect(new Set(column(a.traits, tFemale))).toEqual(new Set([0.5]));
    expect(NS).toBeGreaterThan(0);
  });

  it("every shipped population gives age and female within the model's range", () => {
    for (const id of [
      "healthy-adults",
      "depressed-outpatients",
      "lonely-older-adults",
      "experienced-meditators",
    ]) {
      const p = resolvePopulation(id, model);
      expect(p.age!.min).toBeGreaterThanOrEqual(18);
      expect(p.age!.max).toBeLessThanOrEqual(100);
      expect(p.female).toBeGreaterThan(0);
      expect(p.female).toBeLessThan(1);
    }
    expect(resolvePopulation("lonely-older-adults", model).age!.min).toBeGreaterThanOrEqual(60);
  });

  it("names the field of every bad age or female value", () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ age: 40 }, /^\(pop\)\.age: expected an object, got 40/],
      [{ age: { mean: 40, sd: 10, median: 3 } }, /^\(pop\)\.age\.median: unknown field/],
      [{ age: { sd: 10 } }, /^\(pop\)\.age\.mean: expected a finite number/],
      [{ age: { mean: "old", sd: 10 } }, /^\(pop\)\.age\.mean: expected a finite number/],
      [{ age: { mean: 40, sd: -1 } }, /^\(pop\)\.age\.sd: expected a finite number >= 0/],
      [{ age: { mean: 40, sd: 10, min: 17 } }, /^\(pop\)\.age\.min: expected .*>= 18/],
      [{ age: { mean: 40, sd: 10, max: 120 } }, /^\(pop\)\.age\.max: expected .*<= 100/],
      [{ age: { mean: 40, sd: 10, min: 60, max: 50 } }, /^\(pop\)\.age: expected min < max/],
      [
        { age: { mean: 40, sd: 10, min: 60, max: 90 } },
        /^\(pop\)\.age\.mean: expected a mean within \[min, max\] = \[60, 90\]/,
      ],
      [
        { age: { mean: 40, sd: 500, min: 39, max: 41 } },
        /^\(pop\)\.age: expected \[min, max\] to hold at least 1%/,
      ],
      [{ female: 1.5 }, /^\(pop\)\.female: expected a finite number >= 0 <= 1, got 1\.5/],
      [{ female: "half" }, /^\(pop\)\.female: expected a finite number/],
      [
        { traits: { age: { median: 0.5, sd: 1 } } },
        /^\(pop\)\.traits\.age: age is a person attribute/,
      ],
      [
        { traits: { female: { median: 0.5, sd: 1 } } },
        /^\(pop\)\.traits\.female: female is a person attribute/,
      ],
    ];
    for (const [o, re] of cases) expect(problems(o)).toEqual([expect.stringMatching(re)]);
    expect(problems({ age: { mean: 40, sd: 10 } })).toEqual([]); // min, max default to the model's range
  });

  it("`extends` inherits age and female, merging age key by key", () => {
    const [base, child, other] = readPopulationFile(
      {
        populations: [
          { id: "a", label: "A", age: { mean: 40, sd: 10, min: 20, max: 80 }, female: 0.7 },
          { id: "b", label: "B", extends: "a", age: { mean: 65, min: 60 } },
          { id: "c", label: "C", extends: "a", female: 0.2 },
        ],
      },
      "test",
      model,
    );
    expect(base.age).toEqual({ mean: 40, sd: 10, min: 20, max: 80 });
    expect(child.age).toEqual({ mean: 65, sd: 10, min: 60, max: 80 });
    expect(child.female).toBe(0.7);
    expect(other.age).toEqual(base.age);
    expect(other.female).toBe(0.2);
    const inherited = readPopulationFile(
      { populations: [{ id: "d", label: "D", extends: "healthy-adults" }] },
      "test",
      model,
      new Map([["healthy-adults", { id: "healthy-adults", label: "H", female: 0.6 }]]),
    );
    expect(inherited[0].female).toBe(0.6);
    expect(inherited[0].age).toBeUndefined();
  });
});
