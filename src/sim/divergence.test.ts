import { describe, expect, it } from "vitest";
import { compileModel } from "../engine/compileModel.js";
import { DivergenceError } from "../engine/divergence.js";
import { InputError } from "../model/issues.js";
import { defaultModel } from "../model/loadModel.js";
import type { Model } from "../model/types.js";
import { validateModel } from "../model/validateModel.js";
import { runEpisode, socialEpisode, episodeInputs } from "./episode.js";
import { resolvePopulation, samplePopulation } from "./population.js";
import { resolveProtocol } from "./protocol.js";
import { blockAssignment, simulateCohort, type CohortSpec } from "./simulateCohort.js";

const shipped = defaultModel();

/** The shipped model with fast node attendOther's time constant replaced (validated). */
function withTauA(tau: number | string): Model {
  const m = JSON.parse(JSON.stringify(shipped)) as Model;
  m.nodes.find((n) => n.id === "attendOther")!.tau = tau;
  return validateModel(m);
}

const spec = (model: Model, n: number, extra: Partial<CohortSpec> = {}): CohortSpec => ({
  seed: 5,
  days: 3,
  population: resolvePopulation("healthy-adults", model),
  arms: [{ id: "cbct", protocol: resolveProtocol("cbct", model) }],
  assignment: blockAssignment([n]),
  ...extra,
});
const ids = (n: number): Uint32Array => Uint32Array.from({ length: n }, (_, i) => i);

describe("a fast time constant far below the step", () => {
  it("validates, and is refused before anything runs, naming the model field", () => {
    const cm = compileModel(withTauA(0.001));
    expect(() => simulateCohort(cm, spec(cm.model, 4), ids(4))).toThrow(InputError);
    expect(() => simulateCohort(cm, spec(cm.model, 4), ids(4))).toThrow(
      /nodes\[\d+\]\.tau: the time constant of fast node attendOther \(0\.001 s\) is too short .* step of 0\.2 s.*at least 0\.0718 s/,
    );
    expect(() => episodeInputs(cm, socialEpisode({ dt: 0.05 }))).toThrow(/fast node attendOther/);
  });

  it("is checked on the compiled parameter values (after variants and --set)", () => {
    const m = JSON.parse(JSON.stringify(shipped)) as Model;
    m.nodes.find((n) => n.id === "attendOther")!.tau = "a0";
    const cm = compileModel(validateModel(m), { params: { a0: 0.001 } });
    expect(() => episodeInputs(cm, socialEpisode())).toThrow(
      /parameter a0: .*fast node attendOther/,
    );
    const ok = compileModel(validateModel(m), { params: { a0: 0.5 } });
    expect(() => episodeInputs(ok, socialEpisode())).not.toThrow();
  });
});

describe("participants whose states diverge", () => {
  // A state-dependent time constant escapes the static check: tiny for attentive people.
  const model = withTauA("0.5*exp(-40*pos(attention - 0.4))");
  const cm = compileModel(model);
  const N = 30;

  it("stop a cohort by default, with every participant, the place and the node named", () => {
    let err: unknown;
    try {
      simulateCohort(cm, spec(model, N), ids(N));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DivergenceError);
    const d = (err as DivergenceError).divergences;
    expect(d.length).toBeGreaterThan(0);
    expect(d.length).toBeLessThan(N);
    expect(d[0]).toMatchObject({ where: "equilibration, social episode", node: "attendOther" });
    expect((err as Error).message).toMatch(
      /diverged during equilibration.*participant \d+ at equilibration, social episode: attendOther =/,
    );
  });

  it("are dropped and counted under onDivergence: drop, never averaged in", () => {
    const r = simulateCohort(cm, spec(model, N, { onDivergence: "drop" }), ids(N));
    expect(r.diverged).toBeGreaterThan(0);
    expect(r.ids.length).toBe(N - r.diverged);
    expect(r.divergences.map((d) => d.participant).every((id) => !r.ids.includes(id))).toBe(true);
    for (const v of r.slow) expect(Number.isFinite(v)).toBe(true);
    // The participants kept are simulated exactly as when run alone.
    const alone = simulateCohort(cm, spec(model, N), r.ids);
    expect(Array.from(alone.daily)).toEqual(Array.from(r.daily));
  });

  it("make runEpisode throw, or report them under drop", () => {
    const s = samplePopulation(cm, spec(model, N).population, 5, ids(N));
    const batch = {
      P: N,
      slow: s.slow,
      traits: s.traits,
      events: new Float64Array(N * cm.events.length),
    };
    expect(() => runEpisode(cm, socialEpisode(), batch)).toThrow(DivergenceError);
    const r = runEpisode(cm, socialEpisode(), batch, { onDivergence: "drop", ids: ids(N) });
    expect(r.diverged).toBe(r.divergences.length);
    expect(r.divergences[0]).toMatchObject({ node: "attendOther", where: "social episode" });
  });

  it("are reported for a slow step that becomes non-finite", () => {
    const m = JSON.parse(JSON.stringify(shipped)) as Model;
    m.parameters.tau_connectedness.value = 1e-320; // 1/tau overflows: the day step is NaN
    const bad = compileModel(validateModel(m));
    const r = simulateCohort(bad, spec(bad.model, 3, { onDivergence: "drop" }), ids(3));
    expect(r.diverged).toBe(3);
    expect(r.divergences[0]).toMatchObject({
      where: "equilibration, slow step",
      node: "connectedness",
    });
  });

  it("leave a healthy cohort untouched (no divergences, nobody dropped)", () => {
    const ok = compileModel(shipped);
    const r = simulateCohort(ok, spec(shipped, 6, { onDivergence: "drop" }), ids(6));
    expect(r.diverged).toBe(0);
    expect(r.divergences).toEqual([]);
    expect(r.ids.length).toBe(6);
  });
});

describe("merging results when a part has dropped everyone", () => {
  it("keeps the other parts' rows intact", async () => {
    const { mergeResults } = await import("./runCohort.js");
    const cm = compileModel(shipped);
    const s = spec(shipped, 4, { onDivergence: "drop" });
    const whole = simulateCohort(cm, s, ids(4));
    const empty = { ...simulateCohort(cm, s, Uint32Array.of()), diverged: 1 };
    const merged = mergeResults([
      empty,
      simulateCohort(cm, s, Uint32Array.of(0, 2)),
      simulateCohort(cm, s, Uint32Array.of(1, 3)),
    ]);
    expect(Array.from(merged.ids)).toEqual([0, 1, 2, 3]);
    expect(Array.from(merged.daily)).toEqual(Array.from(whole.daily));
    expect(Array.from(merged.traits)).toEqual(Array.from(whole.traits));
  });
});
