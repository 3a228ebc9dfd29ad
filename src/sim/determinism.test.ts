import { describe, expect, it } from "vitest";
import { compileModel } from "../engine/compileModel.js";
import { defaultModel } from "../model/loadModel.js";
import { resolvePopulation } from "./population.js";
import { resolveProtocol } from "./protocol.js";
import { closeCohortPool, mergeResults, runCohort } from "./runCohort.js";
import {
  blockAssignment,
  simulateCohort,
  type CohortResult,
  type CohortSpec,
} from "./simulateCohort.js";

const model = defaultModel();
const spec: CohortSpec = {
  seed: 42,
  days: 10,
  population: resolvePopulation("healthy-adults", model),
  arms: ["cbct", "health-education"].map((id) => ({ id, protocol: resolveProtocol(id, model) })),
  assignment: blockAssignment([7, 7]),
};

/** Every numeric array of a result, as bytes, for exact comparison. */
function bytes(r: CohortResult): Buffer {
  return Buffer.concat(
    [r.daily, r.slow, r.traits, r.minutes, r.adherence].map((a) =>
      Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    ),
  );
}

function inBatches(size: number): CohortResult {
  const cm = compileModel(model);
  const parts: CohortResult[] = [];
  for (let start = 0; start < 14; start += size) {
    const ids = Uint32Array.from({ length: Math.min(size, 14 - start) }, (_, i) => start + i);
    parts.push(simulateCohort(cm, spec, ids));
  }
  return mergeResults(parts);
}

describe("determinism", () => {
  it("simulateCohort is byte-identical for batch sizes 1, 7 and 1000", () => {
    const ref = bytes(inBatches(1000));
    expect(bytes(inBatches(1)).equals(ref)).toBe(true);
    expect(bytes(inBatches(7)).equals(ref)).toBe(true);
  });

  it("simulateCohort does not depend on the order of participants", () => {
    const cm = compileModel(model);
    const fwd = simulateCohort(
      cm,
      spec,
      Uint32Array.from({ length: 14 }, (_, i) => i),
    );
    const rev = simulateCohort(
      cm,
      spec,
      Uint32Array.from({ length: 14 }, (_, i) => 13 - i),
    );
    expect(Array.from(rev.ids.slice(0, 2))).toEqual([13, 12]);
    expect(bytes(mergeResults([rev])).equals(bytes(fwd))).toBe(true);
  });

  it("runCohort is byte-identical for 1 and 2 threads", async () => {
    const one = await runCohort(model, spec, { threads: 1 });
    const two = await runCohort(model, spec, { threads: 2 });
    expect(bytes(two).equals(bytes(one))).toBe(true);
  });

  it("runCohort reuses pooled workers: a second 2-thread run gives the same bytes, also after closing the pool", async () => {
    const first = await runCohort(model, spec, { threads: 2 });
    const again = await runCohort(model, spec, { threads: 2 });
    await closeCohortPool();
    const fresh = await runCohort(model, spec, { threads: 2 });
    expect(bytes(again).equals(bytes(first))).toBe(true);
    expect(bytes(fresh).equals(bytes(first))).toBe(true);
    await closeCohortPool();
  });

  it("a different seed gives different numbers", () => {
    const cm = compileModel(model);
    const ids = Uint32Array.from({ length: 4 }, (_, i) => i);
    const a = simulateCohort(cm, spec, ids);
    const b = simulateCohort(cm, { ...spec, seed: 43 }, ids);
    expect(bytes(a).equals(bytes(b))).toBe(false);
  });
});
