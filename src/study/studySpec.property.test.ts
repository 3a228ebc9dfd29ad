import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  expectReadOrInputError,
  mutated,
  randomDocument,
  RUNS,
  smallBadValue,
} from "../model/documentMutations.testkit.js";
import { parseDataText } from "../model/loadModel.js";
import { loadStudy, readStudy } from "./studySpec.js";

const examples = ["mascaro2013-rmet", "pace2009-tsst", "kok2013-upward-spiral"].map((id) =>
  parseDataText(readFileSync(`examples/${id}.yaml`, "utf8"), id),
);
const KEYS = ["id", "title", "arms", "waves", "battery", "analyses", "set", "events", "paradigms"];
const dir = mkdtempSync(join(tmpdir(), "kindsim-study-prop-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("study reader: random and mutated documents", () => {
  it("mutations of the example studies give a study or a ValidationError naming a field", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...examples).chain((e) => mutated(e)),
        (doc) => expectReadOrInputError(() => readStudy(doc, "study", dir)),
      ),
      { numRuns: RUNS },
    );
  });

  it("random documents give a study or a ValidationError naming a field", () => {
    fc.assert(
      fc.property(randomDocument(KEYS), (doc) =>
        expectReadOrInputError(() => readStudy(doc, "study", dir)),
      ),
      { numRuns: RUNS },
    );
  });

  it("study files read from disk write nothing beside them", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...examples).chain((e) => mutated(e, smallBadValue)),
        (doc) => {
          writeFileSync(join(dir, "s.yaml"), stringify(doc));
          expectReadOrInputError(() => loadStudy(join(dir, "s.yaml")));
          expect(readdirSync(dir)).toEqual(["s.yaml"]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
