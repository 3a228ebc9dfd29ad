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
import { defaultModel, parseDataText } from "../model/loadModel.js";
import { loadPopulations, readPopulationFile } from "./population.js";
import { loadProtocols, readProtocolFile } from "./protocol.js";

const model = defaultModel();
const protocols = parseDataText(readFileSync("data/protocols.yaml", "utf8"), "protocols");
const populations = parseDataText(readFileSync("data/populations.yaml", "utf8"), "populations");
const dir = mkdtempSync(join(tmpdir(), "kindsim-readers-prop-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROTOCOL_KEYS = ["protocols", "id", "label", "weeks", "modules", "sessions", "classes"];
const POPULATION_KEYS = ["populations", "id", "label", "traits", "correlations", "extends"];

describe("protocol reader: random and mutated documents", () => {
  it("mutations of the shipped protocols give protocols or a ValidationError naming a field", () => {
    fc.assert(
      fc.property(mutated(protocols), (doc) =>
        expectReadOrInputError(() => readProtocolFile(doc, "protocols", model)),
      ),
      { numRuns: RUNS },
    );
  });

  it("random documents give protocols or a ValidationError naming a field", () => {
    fc.assert(
      fc.property(randomDocument(PROTOCOL_KEYS), (doc) =>
        expectReadOrInputError(() => readProtocolFile(doc, "protocols", model)),
      ),
      { numRuns: RUNS },
    );
  });

  it("protocol files read from disk write nothing beside them", () => {
    fc.assert(
      fc.property(mutated(protocols, smallBadValue), (doc) => {
        writeFileSync(join(dir, "p.yaml"), stringify(doc));
        expectReadOrInputError(() => loadProtocols(join(dir, "p.yaml"), model));
        expect(readdirSync(dir)).toEqual(["p.yaml"]);
      }),
      { numRuns: 30 },
    );
    rmSync(join(dir, "p.yaml"));
  });
});

describe("population reader: random and mutated documents", () => {
  it("mutations of the shipped populations give populations or a ValidationError naming a field", () => {
    fc.assert(
      fc.property(mutated(populations), (doc) =>
        expectReadOrInputError(() => readPopulationFile(doc, "populations", model)),
      ),
      { numRuns: RUNS },
    );
  });

  it("random documents give populations or a ValidationError naming a field", () => {
    fc.assert(
      fc.property(randomDocument(POPULATION_KEYS), (doc) =>
        expectReadOrInputError(() => readPopulationFile(doc, "populations", model)),
      ),
      { numRuns: RUNS },
    );
  });

  it("population files read from disk write nothing beside them", () => {
    fc.assert(
      fc.property(mutated(populations, smallBadValue), (doc) => {
        writeFileSync(join(dir, "q.yaml"), stringify(doc));
        expectReadOrInputError(() => loadPopulations(join(dir, "q.yaml"), model));
        expect(readdirSync(dir)).toEqual(["q.yaml"]);
      }),
      { numRuns: 30 },
    );
  });
});
