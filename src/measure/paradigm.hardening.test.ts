import { describe, expect, it } from "vitest";
import { compileModel } from "../engine/compileModel.js";
import { BUILTIN_NAMES, validationProblems } from "../model/documentMutations.testkit.js";
import { defaultModel, parseDataText, parseModel } from "../model/loadModel.js";
import { readParadigmFile } from "./paradigm.js";

const cm = compileModel(defaultModel());
const BUILTIN = BUILTIN_NAMES;

const problems = (run: () => unknown): string[] => validationProblems(run);
const paradigms = (text: string): string[] =>
  problems(() => readParadigmFile(parseDataText(text, "my file"), "my file", cm));

const paradigm = (id: string, measure: string, cond = "c"): string => `{ id: ${id}, label: P,
  conditions: [{ id: ${cond}, duration: 10, segments: [{ from: 0, to: 10, inputs: { suffering: 0.5 } }] }],
  measures: [{ id: ${measure}, label: M, source: { from: episode, condition: ${cond}, terms: { affectiveSharing: 1 } },
    instrument: { kind: roi, scale: 1, reliability: 0.8, refSd: 0.1 } }] }`;

describe("paradigm and model files: empty and non-object documents", () => {
  for (const [text, got] of [
    ["", "an empty file"],
    ["# comment", "an empty file"],
    ["7", "7"],
    ["[]", "a list of 0"],
  ]) {
    it(`a paradigm file holding ${JSON.stringify(text)} says what was expected`, () => {
      expect(paradigms(text)).toEqual([
        `(document): expected a paradigm (an object with id, label and measures) or a list of them under "paradigms:", got ${got}`,
      ]);
    });
    it(`a model file holding ${JSON.stringify(text)} says what was expected`, () => {
      expect(problems(() => parseModel(text, "my file"))).toEqual([
        expect.stringMatching(
          new RegExp(`^\\(model\\): expected a model .*got ${got.replace(/[[\]]/g, "\\$&")}$`),
        ),
      ]);
    });
  }

  it("duplicate paradigm ids are named with the first use", () => {
    const p = paradigm("a", "m");
    expect(paradigms(`paradigms: [${p}, ${p}]`)).toEqual([
      'paradigms[1].id: duplicate paradigm id "a" (already used by paradigms[0])',
    ]);
  });
});

describe("paradigms: names that collide with Object.prototype", () => {
  for (const name of BUILTIN) {
    it(`${name} works as a paradigm, condition and measure id`, () => {
      const [p] = readParadigmFile(parseDataText(paradigm(name, name, name), "f"), "f", cm);
      expect([p.id, p.conditions[0].id, p.measures[0].id]).toEqual([name, name, name]);
    });

    it(`${name} as a term, input or YAML key is unknown`, () => {
      const text = paradigm("p", "m")
        .replace("terms: { affectiveSharing: 1 }", `terms: { ${name}: 1 }`)
        .replace("inputs: { suffering: 0.5 }", `inputs: { ${name}: 0.5 }`)
        .replace("kind: roi,", `kind: roi, ${name}: 1,`);
      expect(paradigms(text)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^\\(paradigm\\)\\.conditions\\[0\\]\\.segments\\[0\\]\\.inputs\\.${name}: expected an input node`,
          ),
        ),
        expect.stringMatching(
          new RegExp(
            `^\\(paradigm\\)\\.measures\\[0\\]\\.source\\.terms\\.${name}: expected a fast node`,
          ),
        ),
        expect.stringMatching(
          new RegExp(`^\\(paradigm\\)\\.measures\\[0\\]\\.instrument\\.${name}: unknown field`),
        ),
      ]);
    });
  }
});
