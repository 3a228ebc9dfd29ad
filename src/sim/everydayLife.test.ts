import { describe, expect, it } from "vitest";
import { compileModel } from "../engine/compileModel.js";
import { EVERYDAY_KEYS } from "../model/everydayKeys.js";
import { defaultModel } from "../model/loadModel.js";
import type { Model } from "../model/types.js";
import { validateModel } from "../model/validateModel.js";
import { EVERYDAY_LIFE, everydayLife } from "./everydayLife.js";
import { resolvePopulation } from "./population.js";
import { resolveProtocol } from "./protocol.js";
import {
  blockAssignment,
  simulateCohort,
  type CohortResult,
  type CohortSpec,
} from "./simulateCohort.js";

const model = defaultModel();

describe("everyday life", () => {
  it("gives each assumption a value, a unit and a provenance", () => {
    for (const c of Object.values(EVERYDAY_LIFE)) {
      expect(Number.isFinite(c.value)).toBe(true);
      expect(c.unit.length).toBeGreaterThan(0);
      expect(c.provenance.length).toBeGreaterThan(10);
    }
  });

  it("has exactly the keys a model's everyday: section may set", () => {
    expect(Object.keys(EVERYDAY_LIFE)).toEqual([...EVERYDAY_KEYS]);
  });

  it("the shipped model carries every default with its value, unit and provenance", () => {
    const section = model.everyday!;
    expect(Object.keys(section)).toEqual([...EVERYDAY_KEYS]);
    for (const k of EVERYDAY_KEYS) {
      const e = section[k]!;
      expect(e.value).toBe(EVERYDAY_LIFE[k].value);
      expect(e.unit).toBe(EVERYDAY_LIFE[k].unit);
      expect(e.provenance.kind).toBe("assumption");
      const reason = (e.provenance as { reason: string }).reason;
      expect([`assumption: ${reason}`, reason]).toContain(EVERYDAY_LIFE[k].provenance);
    }
  });

  it("applies overrides and refuses unknown or non-finite ones", () => {
    expect(everydayLife({ stressorIntensity: 0.9 }).stressorIntensity).toBe(0.9);
    expect(everydayLife().minutesPerLoad).toBe(30);
    expect(() => everydayLife({ nope: 1 } as never)).toThrow(/everyday\.nope: unknown setting/);
    expect(() => everydayLife({ stressorRate: NaN })).toThrow(/everyday\.stressorRate/);
  });

  it("takes the model's values, with a cohort's overrides winning", () => {
    const section: Model["everyday"] = {
      stressorRate: { value: 0.5, unit: "1", provenance: { kind: "assumption", reason: "test" } },
      stateNoise: { value: 0.1, unit: "1", provenance: { kind: "assumption", reason: "test" } },
    };
    const life = everydayLife({ stateNoise: 0.2 }, section);
    expect(life.stressorRate).toBe(0.5);
    expect(life.stateNoise).toBe(0.2);
    expect(life.minutesPerLoad).toBe(EVERYDAY_LIFE.minutesPerLoad.value);
  });
});

describe("everyday life from the model drives the simulation", () => {
  const spec = (m: Model): CohortSpec => ({
    seed: 7,
    days: 14,
    population: resolvePopulation("healthy-adults", m),
    arms: [{ id: "cbct", protocol: resolveProtocol("cbct", m) }],
    assignment: blockAssignment([6]),
  });
  const run = (m: Model): CohortResult =>
    simulateCohort(
      compileModel(m),
      spec(m),
      Uint32Array.from({ length: 6 }, (_, i) => i),
    );
  const bytes = (r: CohortResult): Buffer =>
    Buffer.concat([r.daily, r.slow].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
  /** The shipped model with its everyday: section edited by `edit` (and re-validated). */
  const edited = (edit: (m: Model) => void): Model => {
    const m = structuredClone({ ...model }) as Model;
    edit(m);
    return validateModel(m);
  };
  const ref = bytes(run(model));

  it("a changed everyday.stressorRate.value gives a different simulation", () => {
    const m = edited((x) => (x.everyday!.stressorRate!.value = 0.9));
    expect(bytes(run(m)).equals(ref)).toBe(false);
  });

  it("a model without the section runs as before (the defaults are the same values)", () => {
    const m = edited((x) => delete x.everyday);
    expect(m.everyday).toBeUndefined();
    expect(bytes(run(m)).equals(ref)).toBe(true);
  });
});
