import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { compileModel } from "../engine/compileModel.js";
import {
  expectReadOrInputError,
  mutated,
  randomDocument,
  RUNS,
  smallBadValue,
} from "../model/documentMutations.testkit.js";
import { defaultModel, parseDataText } from "../model/loadModel.js";
import { loadParadigms, readParadigmFile } from "./paradigm.js";

const cm = compileModel(defaultModel());
const shipped = parseDataText(readFileSync("data/paradigms.yaml", "utf8"), "paradigms");
const KEYS = ["paradigms", "id", "label", "conditions", "measures", "citation"];
const dir = mkdtempSync(join(tmpdir(), "kindsim-paradigm-prop-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("paradigm reader: random and mutated documents", () => {
  it("mutations of the shipped paradigms give paradigms or a ValidationError naming a field", () => {
    fc.assert(
      fc.property(mutated(shipped), (doc) =>
        expectReadOrInputError(() => readParadigmFile(doc, "paradigms", cm)),
      ),
      { numRuns: RUNS },
    );
  });

  it("random documents give paradigms or a ValidationError naming a field", () => {
    fc.assert(
      fc.property(randomDocument(KEYS), (doc) =>
        expectReadOrInputError(() => readParadigmFile(doc, "paradigms", cm)),
      ),
      { numRuns: RUNS },
    );
  });

  it("paradigm files read from disk write nothing beside them", () => {
    fc.assert(
      fc.property(mutated(shipped, smallBadValue), (doc) => {
        writeFileSync(join(dir, "p.yaml"), stringify(doc));
        expectReadOrInputError(() => loadParadigms(cm, join(dir, "p.yaml")));
        expect(readdirSync(dir)).toEqual(["p.yaml"]);
      }),
      { numRuns: 15 },
    );
  });
});
