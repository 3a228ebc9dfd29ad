import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, it, expect } from "vitest";
import { stringify } from "yaml";
import {
  expectReadOrInputError,
  mutated,
  randomDocument,
  RUNS,
  smallBadValue,
} from "./documentMutations.testkit.js";
import { loadModel, parseDataText, parseModel } from "./loadModel.js";
import { validateModel } from "./validateModel.js";

const shipped = parseDataText(readFileSync("models/mascaro2015.yaml", "utf8"), "model");
const KEYS = ["id", "title", "version", "citation", "evidence", "hypotheses", "parameters"];
KEYS.push("nodes", "edges", "content", "coupling", "variants");
const dir = mkdtempSync(join(tmpdir(), "kindsim-model-prop-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("model reader: random and mutated documents", () => {
  it("mutations of the shipped model give a model or a ValidationError naming a field", () => {
    fc.assert(
      fc.property(mutated(shipped), (doc) => expectReadOrInputError(() => validateModel(doc))),
      { numRuns: RUNS },
    );
  });

  it("random documents give a ValidationError naming a field", () => {
    fc.assert(
      fc.property(randomDocument(KEYS), (doc) => expectReadOrInputError(() => validateModel(doc))),
      { numRuns: RUNS },
    );
  });

  it("random text (YAML or not) gives a model or a ValidationError naming a line or field", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) =>
        expectReadOrInputError(() => parseModel(text)),
      ),
      { numRuns: RUNS },
    );
  });

  it("model files read from disk write nothing beside them", () => {
    fc.assert(
      fc.property(mutated(shipped, smallBadValue), (doc) => {
        const file = join(dir, "m.yaml");
        writeFileSync(file, stringify(doc));
        expectReadOrInputError(() => loadModel(file));
        expect(readdirSync(dir)).toEqual(["m.yaml"]);
      }),
      { numRuns: 15 },
    );
  });
});
