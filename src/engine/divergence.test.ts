import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { InputError } from "../model/issues.js";
import { validateModel } from "../model/validateModel.js";
import { checkTimeStep, constantTau, RK4_STABILITY_LIMIT } from "./checkTimeStep.js";
import { compileModel } from "./compileModel.js";
import { checkOnDivergence, DivergenceError, episodeDivergences } from "./divergence.js";
import { NSTAT } from "./kernelTypes.js";

const tiny = validateModel(
  parse(
    readFileSync(
      fileURLToPath(new URL("./compile/__fixtures__/tiny.yaml", import.meta.url)),
      "utf8",
    ),
  ),
);

describe("checkTimeStep", () => {
  it("refuses a step beyond RK4's stability limit, naming the parameter set by --set", () => {
    const cm = compileModel(tiny, { params: { tau_B: 0.001 } });
    expect(constantTau(cm, 1)).toEqual({ tau: 0.001, setBy: "parameter tau_B" });
    expect(() => checkTimeStep(cm, 0.1, "episode x")).toThrow(InputError);
    expect(() => checkTimeStep(cm, 0.1, "episode x")).toThrow(
      /parameter tau_B: the time constant of fast node B \(0\.001 s\) is too short/,
    );
    expect(() => checkTimeStep(cm, 0.001 * RK4_STABILITY_LIMIT, "episode x")).not.toThrow();
  });

  it("names the model field of a numeric time constant", () => {
    const cm = compileModel(tiny);
    expect(() => checkTimeStep(cm, 2, "episode x")).toThrow(/^nodes\[3\]\.tau: .*fast node A/);
  });
});

describe("the episode kernel's divergence marks", () => {
  it("mark the first output out of range or non-finite, and count the participants", () => {
    // tau_B below the step explodes B (the check is bypassed by calling the kernel directly).
    const cm = compileModel(tiny, { params: { tau_B: 0.001 } });
    const NI = cm.inputs.length;
    const nSteps = 40;
    const out = new Float64Array(2 * cm.outputs.length * NSTAT);
    const status = new Int32Array(2).fill(-1);
    const bad = cm.episode(
      {
        count: 2,
        slow: Float64Array.of(0.4, 0.5, 0.4, 0.5),
        traits: Float64Array.of(0.5, 0.5),
        events: new Float64Array(2),
        out,
        status,
      },
      { inputs: new Float64Array(nSteps * NI), dt: 0.1, nSteps, w0: 0, w1: nSteps },
    );
    expect(bad).toBe(2);
    expect(Array.from(status)).toEqual([2, 2]); // 1 + index of B
    const list = episodeDivergences(cm, status, 2, out, (q) => 10 + q, "test");
    expect(list.map((d) => [d.participant, d.node])).toEqual([
      [10, "B"],
      [11, "B"],
    ]);
    expect(new DivergenceError(list).message).toMatch(
      /2 participant\(s\) diverged.*participant 10 at test: B =/,
    );
  });

  it("leave healthy participants at 0", () => {
    const cm = compileModel(tiny);
    const NI = cm.inputs.length;
    const status = new Int32Array(1).fill(-1);
    const bad = cm.episode(
      {
        count: 1,
        slow: Float64Array.of(0.4, 0.5),
        traits: Float64Array.of(0.5),
        events: new Float64Array(1),
        out: new Float64Array(cm.outputs.length * NSTAT),
        status,
      },
      { inputs: new Float64Array(10 * NI), dt: 0.1, nSteps: 10, w0: 0, w1: 10 },
    );
    expect(bad).toBe(0);
    expect(status[0]).toBe(0);
  });
});

it("checkOnDivergence accepts fail and drop only", () => {
  expect(checkOnDivergence(undefined)).toBe("fail");
  expect(checkOnDivergence("drop")).toBe("drop");
  expect(() => checkOnDivergence("skip", "--on-divergence")).toThrow(/--on-divergence: expected/);
});
