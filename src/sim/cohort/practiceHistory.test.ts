import { describe, expect, it } from "vitest";
import { compileModel } from "../../engine/compileModel.js";
import { defaultModel } from "../../model/loadModel.js";
import { resolvePopulation } from "../population.js";
import { resolveProtocol } from "../protocol.js";
import { blockAssignment, simulateCohort, type CohortSpec } from "../simulateCohort.js";

const model = defaultModel();
const cm = compileModel(model);

function dayZero(
  population: string,
  n: number,
  seed = 3,
): ((id: string) => number) & { of: (p: number, id: string) => number } {
  const spec: CohortSpec = {
    seed,
    days: 0,
    population: resolvePopulation(population, model),
    arms: [{ id: "waitlist", protocol: resolveProtocol("waitlist") }],
    assignment: blockAssignment([n]),
  };
  const r = simulateCohort(
    cm,
    spec,
    Uint32Array.from({ length: n }, (_, i) => i),
  );
  const of = (p: number, id: string): number =>
    r.daily[p * r.days.length * r.variables.length + r.variables.indexOf(id)];
  const mean = (id: string): number => {
    let s = 0;
    for (let p = 0; p < n; p++) s += of(p, id);
    return s / n;
  };
  return Object.assign(mean, { of });
}

describe("practice history", () => {
  it("experienced meditators reach day 0 with skills grown by simulated practice", () => {
    const med = dayZero("experienced-meditators", 60);
    const nov = dayZero("healthy-adults", 60);
    expect(med("warmth")).toBeGreaterThan(nov("warmth") + 0.1);
    expect(med("selfOther")).toBeGreaterThan(nov("selfOther") + 0.05);
  });

  it("gives each person the same history whatever the batch (longest history included)", () => {
    const small = dayZero("experienced-meditators", 7, 5);
    const large = dayZero("experienced-meditators", 40, 5);
    for (let p = 0; p < 7; p++)
      for (const id of ["warmth", "attention", "vagal", "depression"])
        expect(small.of(p, id)).toBe(large.of(p, id));
  });
});
