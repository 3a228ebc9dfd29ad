import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseDataText, shippedModelPath } from "../model/loadModel.js";
import { discriminate, wavesOf } from "./discriminate.js";
import { studySensitivity } from "./studySensitivity.js";
import { readStudy } from "./studySpec.js";
import type { AnalysisSpec } from "./analyses.js";

const dir = mkdtempSync(join(tmpdir(), "kindsim-disc-"));
const model = parseDataText(readFileSync(shippedModelPath(), "utf8"), "model") as {
  variants: unknown[];
};
model.variants.push({
  id: "no-warmth-training",
  description: "warmth is not trainable",
  set: { eta_warmth: 0 },
});
writeFileSync(join(dir, "model.yaml"), stringify(model));
writeFileSync(
  join(dir, "warmth.yaml"),
  stringify({
    paradigms: [
      {
        id: "warmth-scale",
        label: "warmth questionnaire",
        measures: [
          {
            id: "warmth_score",
            label: "warmth",
            source: { from: "slow", terms: { warmth: 1 } },
            instrument: { kind: "roi", scale: 10, reliability: 0.9, refSd: 0.1 },
          },
        ],
      },
    ],
  }),
);
const spec = readStudy(
  {
    id: "disc-test",
    title: "compassion training vs wait-list",
    model: "model.yaml",
    seed: 5,
    arms: [
      { id: "ct", protocol: "compassion-training", n: 10 },
      { id: "wl", protocol: "waitlist", n: 10 },
    ],
    waves: [
      { id: "pre", day: 0 },
      { id: "post", day: 14 },
    ],
    paradigms: ["warmth.yaml"],
    battery: ["warmth-scale"],
    analyses: [
      {
        id: "g",
        type: "compare",
        outcome: { measure: "warmth_score", change: ["pre", "post"] },
        arms: ["ct", "wl"],
      },
    ],
  },
  "test study",
  dir,
);

describe("discriminate", () => {
  it("wavesOf lists the waves an analysis reads", () => {
    expect(wavesOf(spec, spec.analyses[0] as AnalysisSpec).sort()).toEqual(["post", "pre"]);
  });

  it("tells a variant that removes warmth training from the model far better than chance", async () => {
    const r = await discriminate(spec, ["default", "no-warmth-training"], {
      ns: [12],
      reps: 40,
      poolFactor: 3,
      minPool: 0,
      threads: 1,
    });
    expect(r.designs).toHaveLength(1);
    expect(r.designs[0].rate).toBeGreaterThan(0.8);
    expect(r.designs[0].byVariant["default"].mean).toBeGreaterThan(
      r.designs[0].byVariant["no-warmth-training"].mean,
    );
    expect(r.recommended?.analysis).toBe("g");
  });

  it("cannot tell a model from itself (rate near chance)", async () => {
    const r = await discriminate(spec, ["default", "default"], {
      ns: [12],
      reps: 40,
      poolFactor: 3,
      minPool: 0,
      threads: 1,
    });
    expect(r.designs[0].rate).toBeGreaterThan(0.25);
    expect(r.designs[0].rate).toBeLessThan(0.75);
  });

  it("needs at least two variants", async () => {
    await expect(discriminate(spec, ["default"], { ns: [10], reps: 10 })).rejects.toThrow(
      /two variants/,
    );
  });
});

describe("studySensitivity", () => {
  it("Morris ranks the warmth learning rate first for a warmth outcome", async () => {
    const r = await studySensitivity(spec, {
      method: "morris",
      parameters: ["eta_warmth", "y0", "a6"],
      trajectories: 4,
      bootstrap: 50,
      threads: 1,
    });
    expect(r.evaluations).toBe(16);
    const rows = r.rows.filter((x) => x.outcome === "g");
    expect(rows[0].parameter).toBe("eta_warmth");
    expect(rows[0].index).toBeGreaterThan(rows[1].index);
    expect(r.warnings).toEqual([]);
  });

  it("Sobol' with a tiny sample returns warnings naming the outcome (for the CLI to print)", async () => {
    const r = await studySensitivity(spec, {
      method: "sobol",
      parameters: ["eta_warmth", "y0"],
      samples: 2,
      bootstrap: 50,
      threads: 1,
    });
    expect(r.evaluations).toBe(8);
    expect(r.warnings.length).toBeGreaterThan(0);
    for (const w of r.warnings) expect(w).toMatch(/^g: Sobol' .*\(N = 2\) is too small/);
  });

  it("rejects unknown parameters", async () => {
    await expect(
      studySensitivity(spec, { method: "morris", parameters: ["nope"] }),
    ).rejects.toThrow(/unknown parameter/);
  });
});
