import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyVariant } from "../model/applyVariant.js";
import { defaultModel } from "../model/loadModel.js";
import { modelHash } from "../model/modelHash.js";
import { VERSION } from "../model/version.js";
import { buildManifest, hashInputs, manifestFile } from "./manifest.js";

const dir = mkdtempSync(join(tmpdir(), "kindsim-manifest-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("buildManifest", () => {
  it("records version, command, model hash, variant, parameters, seed and input hashes", () => {
    const study = join(dir, "study.yaml");
    writeFileSync(study, "id: x\n");
    const model = applyVariant(defaultModel(), defaultModel().variants[0].id);
    const m = buildManifest({
      command: "kindsim trial study.yaml",
      model: { model, variant: defaultModel().variants[0].id, parametersChanged: { a0: 1 } },
      seed: 7,
      inputs: [study, study, undefined, join(dir, "missing.yaml")],
      extra: { participants: 3 },
      created: new Date("2026-01-02T03:04:05Z"),
    });
    expect(m).toEqual({
      kindsim: VERSION,
      created: "2026-01-02T03:04:05.000Z",
      command: "kindsim trial study.yaml",
      model: {
        id: model.id,
        hash: modelHash(model),
        variant: defaultModel().variants[0].id,
        parametersChanged: { a0: 1 },
      },
      seed: 7,
      inputs: [
        { path: study, sha256: createHash("sha256").update("id: x\n").digest("hex"), bytes: 6 },
      ],
      participants: 3,
    });
    expect(Object.keys(m).slice(0, 6)).toEqual([
      "kindsim",
      "created",
      "command",
      "model",
      "seed",
      "inputs",
    ]);
    expect(manifestFile(m).name).toBe("manifest.json");
    expect(JSON.parse(manifestFile(m).content as string)).toEqual(m);
  });

  it("lists one model per variant for comparisons, and a null seed when none applies", () => {
    const m = buildManifest({
      command: "kindsim compare",
      model: [{ model: defaultModel() }, { model: defaultModel(), variant: "x" }],
    });
    expect(m.seed).toBeNull();
    expect(Array.isArray(m.model) && m.model.map((x) => x.variant)).toEqual([null, "x"]);
    expect(hashInputs([dir])).toEqual([]); // folders are not input files
  });
});
