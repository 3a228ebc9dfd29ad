import { describe, expect, it } from "vitest";
import { compileModel } from "../engine/compileModel.js";
import { DivergenceError, type Divergence } from "../engine/divergence.js";
import { defaultModel } from "../model/loadModel.js";
import type { Model } from "../model/types.js";
import { validateModel } from "../model/validateModel.js";
import { resolvePopulation, samplePopulation } from "../sim/population.js";
import { loadParadigms } from "./paradigm.js";
import { runParadigm } from "./runParadigm.js";

// Fast node attendOther's time constant collapses for attentive participants: some diverge.
const m = JSON.parse(JSON.stringify(defaultModel())) as Model;
m.nodes.find((n) => n.id === "attendOther")!.tau = "0.5*exp(-40*pos(attention - 0.4))";
const cm = compileModel(validateModel(m));
const paradigm = loadParadigms(cm)[0];
const P = 30;
const ids = Uint32Array.from({ length: P }, (_, i) => 500 + i);
const s = samplePopulation(cm, resolvePopulation("healthy-adults", cm.model), 3, ids);
const batch = { P, slow: s.slow, traits: s.traits, events: new Float64Array(P * cm.events.length) };

describe("divergence in a paradigm", () => {
  it("stops the run by default, naming participant ids, paradigm and condition", () => {
    expect(() => runParadigm(cm, paradigm, batch, { seed: 1, ids, occasion: "pre" })).toThrow(
      DivergenceError,
    );
    expect(() => runParadigm(cm, paradigm, batch, { seed: 1, ids, occasion: "pre" })).toThrow(
      new RegExp(
        `participant 5\\d\\d at paradigm ${paradigm.id}, condition \\w+, occasion pre: attendOther =`,
      ),
    );
  });

  it("leaves the diverged participants' rows out under drop, and hands them over", () => {
    const dropped: Divergence[] = [];
    const rows = runParadigm(cm, paradigm, batch, {
      seed: 1,
      ids,
      occasion: "pre",
      onDivergence: "drop",
      divergences: dropped,
    });
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.length).toBeLessThan(P);
    const droppedIds = new Set(dropped.map((d) => d.participant));
    for (const r of rows) {
      expect(droppedIds.has(ids[r.p])).toBe(false);
      expect(Number.isFinite(r.value)).toBe(true);
    }
  });
});
