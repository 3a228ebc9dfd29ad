import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateModel } from "../../model/validateModel.js";
import { compileModel, resolveParams } from "../compileModel.js";
import { NSTAT, type KernelSources } from "../kernelTypes.js";
import { emitKernels } from "./emitKernels.js";

/**
 * Golden files (as SDEverywhere and Observable Plot test their output): generated text must
 * equal `__golden__/<name>` exactly. On a mismatch the new text is written beside it as
 * `<name>-changed` and the test fails; `UPDATE_GOLDEN=1` rewrites the golden file instead.
 * A missing golden file is written on first run.
 */
/** Compares `text` with a golden file: null when equal, else a message naming the files. */
function compareGolden(dir: string, name: string, text: string): string | null {
  const file = join(dir, name);
  const changed = file.replace(/(\.[a-z]+)?\.[a-z]+$/i, (ext) => `-changed${ext}`);
  mkdirSync(dirname(file), { recursive: true });
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    writeFileSync(file, text);
    rmSync(changed, { force: true });
    return null;
  }
  if (readFileSync(file, "utf8") === text) {
    rmSync(changed, { force: true });
    return null;
  }
  writeFileSync(changed, text);
  return `generated text differs from ${file}; see ${changed} (UPDATE_GOLDEN=1 accepts it)`;
}

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const readModelFile = (path: string) => validateModel(parse(readFileSync(path, "utf8")), path);

const models = {
  tiny: readModelFile(here("./__fixtures__/tiny.yaml")),
  mascaro2015: readModelFile(here("../../../models/mascaro2015.yaml")),
};
const KERNELS: (keyof KernelSources)[] = ["episode", "day", "person", "rhs", "init"];

describe("generated kernel source (golden files)", () => {
  for (const [id, model] of Object.entries(models))
    for (const kernel of KERNELS)
      it(`${id}: ${kernel} kernel`, () => {
        const { source } = emitKernels(model, resolveParams(model));
        const problem = compareGolden(
          here("./__golden__"),
          `${id}.${kernel}.js.txt`,
          source[kernel],
        );
        expect(problem).toBeNull();
      });

  it("is what compileModel runs", () => {
    const cm = compileModel(models.tiny);
    expect(cm.source).toEqual(emitKernels(models.tiny, resolveParams(models.tiny)).source);
  });

  it("emits parameter values, not parameter names", () => {
    const { source } = emitKernels(models.tiny, resolveParams(models.tiny, { tau_B: 0.625 }));
    expect(source.episode).toContain("1 / ((0.625))");
    expect(source.episode).not.toContain("tau_B");
  });
});

describe("the tiny fixture model's kernels", () => {
  it("run an episode to finite, in-range summaries", () => {
    const cm = compileModel(models.tiny);
    const NI = cm.inputs.length;
    const nSteps = 50;
    const inputs = new Float64Array(nSteps * NI);
    for (let k = 0; k < nSteps; k++) inputs[k * NI + cm.index.input.get("s")!] = 1;
    const out = new Float64Array(2 * cm.outputs.length * NSTAT);
    const bad = cm.episode(
      {
        count: 2,
        slow: Float64Array.of(0.4, 0.5, 0.8, 0.2),
        traits: Float64Array.of(0.5, 0.9),
        events: new Float64Array(2),
        out,
      },
      { inputs, dt: 0.1, nSteps, w0: 0, w1: nSteps },
    );
    expect(bad).toBe(0);
    for (const v of out) expect(Number.isFinite(v)).toBe(true);
    const a = cm.index.output.get("A")!;
    expect(out[a * NSTAT + 2]).toBeGreaterThan(0.5); // s = 1 drives A up
  });
});
