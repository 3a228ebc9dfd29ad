import { describe, expect, it } from "vitest";
import { compileModel } from "../engine/compileModel.js";
import { defaultModel } from "../model/loadModel.js";
import { Issues } from "../model/issues.js";
import {
  loadPopulations,
  readPopulation,
  resolvePopulation,
  samplePopulation,
} from "./population.js";

const model = defaultModel();
const cm = compileModel(model);

function problems(o: Record<string, unknown>): string[] {
  const issues = new Issues();
  readPopulation(issues, "(pop)", { id: "x", label: "X", ...o }, model);
  return issues.list.map((i) => `${i.path}: ${i.message}`);
}

describe("populations", () => {
  it("every shipped population validates, and `extends` inherits traits", () => {
    const ps = loadPopulations(undefined, model);
    expect(ps.map((p) => p.id)).toEqual([
      "healthy-adults",
      "depressed-outpatients",
      "lonely-older-adults",
      "experienced-meditators",
    ]);
    const dep = resolvePopulation("depressed-outpatients", model);
    expect(dep.traits.depression0.median).toBeGreaterThan(
      resolvePopulation("healthy-adults", model).traits.depression0.median,
    );
    expect(dep.traits.warmth0).toBeDefined(); // inherited
  });

  it("readPopulation names the field of each bad input", () => {
    expect(problems({ traits: { nope: { median: 0.5, sd: 1 } } })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\(pop\)\.traits\.nope: expected a trait node/),
      ]),
    );
    expect(problems({ traits: { warmth0: { median: 1.5, sd: 1 } } })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\(pop\)\.traits\.warmth0\.median: expected/),
      ]),
    );
    expect(problems({ initial: { warmth0: { median: 0.5, sd: 1 } } })).toEqual(
      expect.arrayContaining([expect.stringMatching(/initial\.warmth0: expected a slow node/)]),
    );
    expect(
      problems({
        traits: { warmth0: { median: 0.5, sd: 1 } },
        correlations: [["warmth0", "nope", 0.3]],
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/correlations\[0\]\[1\]: expected a trait listed under traits/),
      ]),
    );
    expect(problems({ genotype: { oxtrGG: 2 } })).toEqual(
      expect.arrayContaining([expect.stringMatching(/genotype\.oxtrGG: expected/)]),
    );
  });

  it("samplePopulation is deterministic per (seed, id) and respects the declared correlations", () => {
    const pop = resolvePopulation("healthy-adults", model);
    const ids = Uint32Array.from({ length: 4000 }, (_, i) => i);
    const a = samplePopulation(cm, pop, 3, ids);
    const b = samplePopulation(cm, pop, 3, Uint32Array.from([7, 3]));
    const NT = cm.traits.length;
    expect(Array.from(b.traits.subarray(0, NT))).toEqual(
      Array.from(a.traits.subarray(7 * NT, 8 * NT)),
    );
    const w = cm.index.trait.get("warmth0")!;
    const r = cm.index.trait.get("resonance0")!;
    const xs = Array.from({ length: 4000 }, (_, p) => a.traits[p * NT + w]);
    const ys = Array.from({ length: 4000 }, (_, p) => a.traits[p * NT + r]);
    const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
    const mx = mean(xs);
    const my = mean(ys);
    const cov = mean(xs.map((x, i) => (x - mx) * (ys[i] - my)));
    const corr =
      cov / Math.sqrt(mean(xs.map((x) => (x - mx) ** 2)) * mean(ys.map((y) => (y - my) ** 2)));
    expect(corr).toBeGreaterThan(0.3); // declared 0.4 on the latent normal scale
    expect(corr).toBeLessThan(0.5);
    const gg = cm.index.trait.get("oxtrGG")!;
    const share =
      Array.from({ length: 4000 }, (_, p) => a.traits[p * NT + gg]).reduce((s, x) => s + x, 0) /
      4000;
    expect(share).toBeGreaterThan(0.42);
    expect(share).toBeLessThan(0.48);
  });

  it("experienced meditators carry prior hours; sampling itself does not raise skills", () => {
    const ids = Uint32Array.from({ length: 500 }, (_, i) => i);
    const med = samplePopulation(cm, resolvePopulation("experienced-meditators", model), 1, ids);
    const nov = samplePopulation(cm, resolvePopulation("healthy-adults", model), 1, ids);
    expect(med.priorHours.every((h) => h > 0)).toBe(true);
    expect(nov.priorHours.every((h) => h === 0)).toBe(true);
    // the skills come from simulated practice (src/sim/cohort/practiceHistory.ts), not here
    expect(Array.from(med.slow)).toEqual(Array.from(nov.slow));
  });
});
