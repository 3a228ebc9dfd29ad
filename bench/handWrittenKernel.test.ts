import { describe, expect, it } from "vitest";
import { compileModel, NSTAT } from "../src/engine/compileModel.js";
import { defaultModel } from "../src/model/loadModel.js";
import { episodeInputs, type EpisodeSpec } from "../src/sim/episode.js";
import { HAND_FAST, handWrittenEpisode } from "./handWrittenKernel.js";

/** An episode whose segments exercise every input of the default model. */
const mixed: EpisodeSpec = {
  type: "mixed",
  duration: 30,
  dt: 0.2,
  segments: [
    { from: 0, to: 10, inputs: { suffering: 0.8, escapeEase: 1, helpCost: 0.5 } },
    { from: 8, to: 18, inputs: { kindnessCue: 0.6, socialThreat: 0.5, selfFocus: 0.3 } },
    { from: 15, to: 30, inputs: { exclusionCue: 1, aversiveCue: 0.7, suffering: 0.3 } },
    {
      from: 5,
      to: 25,
      inputs: {
        instructFocus: 0.8,
        instructRegulate: 0.5,
        instructFeel: 0.4,
        inferenceDemand: 0.6,
      },
    },
    {
      from: 12,
      to: 28,
      inputs: { instructDistract: 0.7, instructCompassion: 0.6, imagineSelf: 0.5, bystanders: 0.5 },
    },
  ],
};

describe("handWrittenEpisode", () => {
  it("matches the compiled kernel's final fast states to 1e-12", () => {
    const cm = compileModel(defaultModel());
    expect(cm.fast.map((n) => n.id)).toEqual([...HAND_FAST]);
    const P = 6;
    const NS = cm.slow.length,
      NT = cm.traits.length,
      NE = cm.events.length,
      NF = cm.fast.length,
      NO = cm.outputs.length;
    const slow = new Float64Array(P * NS);
    const traits = new Float64Array(P * NT);
    const events = new Float64Array(P * NE);
    // Varied, deterministic values in [0.05, 0.95].
    for (let i = 0; i < slow.length; i++) slow[i] = 0.05 + 0.9 * ((i * 0.6180339887) % 1);
    for (let i = 0; i < traits.length; i++) traits[i] = 0.05 + 0.9 * ((i * 0.4142135623 + 0.3) % 1);
    for (let p = 0; p < P; p++) {
      events[p * NE + cm.index.event.get("endotoxin")!] = p % 2 === 0 ? 0 : (0.5 * p) / P;
      events[p * NE + cm.index.event.get("otAdmin")!] = p % 3 === 0 ? 1 : 0;
    }
    for (const spec of [mixed, { ...mixed, dt: 0.05 }]) {
      const ei = episodeInputs(cm, spec);
      const out = new Float64Array(P * NO * NSTAT);
      const bad = cm.episode({ count: P, slow, traits, events, out }, ei);
      expect(bad).toBe(0);
      const fin = new Float64Array(P * NF);
      handWrittenEpisode(cm, P, slow, traits, events, ei.inputs, ei.dt, ei.nSteps, fin);
      let maxDiff = 0;
      let spread = 0;
      for (let p = 0; p < P; p++) {
        for (let i = 0; i < NF; i++) {
          const c = out[(p * NO + i) * NSTAT + 2];
          maxDiff = Math.max(maxDiff, Math.abs(c - fin[p * NF + i]));
          spread = Math.max(spread, Math.abs(c - out[i * NSTAT + 2]));
        }
      }
      expect(maxDiff).toBeLessThanOrEqual(1e-12);
      // The participants really differ (the comparison is not of identical runs).
      expect(spread).toBeGreaterThan(1e-3);
    }
  });
});
