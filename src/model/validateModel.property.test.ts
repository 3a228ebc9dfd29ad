import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, it } from "vitest";
import { expectReadOrInputError, readerProperties, RUNS } from "./documentMutations.testkit.js";
import { loadModel, parseDataText, parseModel } from "./loadModel.js";
import { validateModel } from "./validateModel.js";

const shipped = parseDataText(readFileSync("models/mascaro2015.yaml", "utf8"), "model");
const KEYS = ["id", "title", "version", "citation", "evidence", "hypotheses", "parameters"];
KEYS.push("nodes", "edges", "content", "coupling", "variants");

readerProperties({
  name: "model",
  shipped: [shipped],
  keys: KEYS,
  read: (doc) => validateModel(doc),
  load: (path) => loadModel(path),
  fileRuns: 15,
});

describe("model reader: random text", () => {
  it("random text (YAML or not) gives a model or a ValidationError naming a line or field", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) =>
        expectReadOrInputError(() => parseModel(text)),
      ),
      { numRuns: RUNS },
    );
  });
});
