import { afterAll, describe, expect, it } from "vitest";
import { defaultModel } from "../model/loadModel.js";
import { defaultCohortRunner, inThreadCohortRunner } from "../sim/cohortRunner.js";
import { resolvePopulation } from "../sim/population.js";
import { resolveProtocol } from "../sim/protocol.js";
import { runCohort } from "../sim/runCohort.js";
import { blockAssignment, type CohortResult, type CohortSpec } from "../sim/simulateCohort.js";
import { workerCohortRunner } from "./workerCohortRunner.js";

const model = defaultModel();
const spec: CohortSpec = {
  seed: 11,
  days: 5,
  population: resolvePopulation("healthy-adults", model),
  arms: ["cbct", "health-education"].map((id) => ({ id, protocol: resolveProtocol(id, model) })),
  assignment: blockAssignment([5, 4]),
};

const bytes = (r: CohortResult): string =>
  JSON.stringify(
    Object.entries(r).map(([k, v]) => [
      k,
      ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v,
    ]),
  );

afterAll(() => workerCohortRunner.close());

describe("workerCohortRunner", () => {
  it("is the default runner once kindsim/node's modules are loaded", () => {
    expect(defaultCohortRunner()).toBe(workerCohortRunner);
  });

  it("gives the in-thread runner's bytes on 1, 2 and 3 threads", async () => {
    const inThread = bytes(await runCohort(model, spec, { runner: inThreadCohortRunner }));
    for (const threads of [1, 2, 3])
      expect(bytes(await workerCohortRunner.run(model, spec, { threads }))).toBe(inThread);
  });

  it("reports progress up to 1 and restarts workers after close()", async () => {
    const seen: number[] = [];
    await workerCohortRunner.run(model, spec, { threads: 2, onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBeCloseTo(1, 12);
    await workerCohortRunner.close();
    const again = await workerCohortRunner.run(model, spec, { threads: 2 });
    expect(again.ids.length).toBe(9);
  });
});
