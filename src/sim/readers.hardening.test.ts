import { describe, expect, it } from "vitest";
import { parseDataText, defaultModel } from "../model/loadModel.js";
import { BUILTIN_NAMES, validationProblems } from "../model/documentMutations.testkit.js";
import { readProtocolFile } from "./protocol.js";
import { readPopulationFile } from "./population.js";

const model = defaultModel();
const BUILTIN = BUILTIN_NAMES;

const problems = (run: () => unknown): string[] => validationProblems(run);

const protocols = (text: string): string[] =>
  problems(() => readProtocolFile(parseDataText(text, "my file"), "my file", model));
const populations = (text: string): string[] =>
  problems(() => readPopulationFile(parseDataText(text, "my file"), "my file", model));

const protocol = (id: string, content: string): string =>
  `{ id: ${id}, label: P, weeks: 1, modules: [{ id: m, label: M, weeks: 1, content: ${content} }] }`;

describe("empty and non-object documents", () => {
  for (const [what, text, got] of [
    ["an empty file", "", /got an empty file/],
    ["a comment only", "# nothing\n", /got an empty file/],
    ["null", "null", /got an empty file/],
    ["a number", "42", /got 42/],
    ["a string", "hello", /got "hello"/],
    ["a list", "[1, 2]", /got a list of 2/],
  ] as const) {
    it(`a protocol file holding ${what} names the document and what was expected`, () => {
      expect(protocols(text)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^\\(document\\): expected a protocol \\(an object with id, label and weeks\\).*${got.source}`,
          ),
        ),
      ]);
    });
    it(`a population file holding ${what} names the document and what was expected`, () => {
      expect(populations(text)).toEqual([
        expect.stringMatching(new RegExp(`^\\(document\\): expected a population .*${got.source}`)),
      ]);
    });
  }

  it("an empty or non-list `protocols:` / `populations:` is named", () => {
    expect(protocols("protocols:")).toEqual([expect.stringMatching(/^protocols: expected a list/)]);
    expect(protocols("protocols: []")).toEqual([
      expect.stringMatching(/^protocols: expected at least one protocol/),
    ]);
    expect(populations("populations: 3")).toEqual([
      expect.stringMatching(/^populations: expected a list/),
    ]);
    expect(protocols(`protocols: [${protocol("a", "{ attention: 1 }")}]\nextra: 1`)).toEqual([
      expect.stringMatching(/^extra: unknown field/),
    ]);
  });

  it("duplicate protocol and population ids are named", () => {
    const p = protocol("a", "{ attention: 1 }");
    expect(protocols(`protocols: [${p}, ${p}]`)).toEqual([
      expect.stringMatching(/^protocols\[1\]\.id: duplicate protocol id "a"/),
    ]);
    expect(populations("populations: [{ id: a, label: A }, { id: a, label: B }]")).toContainEqual(
      expect.stringMatching(/^populations\[1\]\.id: duplicate population id "a"/),
    );
  });

  it("circular or non-string `extends` is named", () => {
    expect(
      populations(
        "populations: [{ id: a, label: A, extends: b }, { id: b, label: B, extends: a }]",
      ),
    ).toContainEqual(
      expect.stringMatching(/^populations\[0\]\.extends: circular extends: a -> b -> a/),
    );
    expect(populations("{ id: a, label: A, extends: 3 }")).toEqual([
      expect.stringMatching(/^\(population\)\.extends: expected a population id/),
    ]);
  });

  it("a long string where an extended record belongs is one issue, answered at once", () => {
    const t0 = Date.now();
    const text = `populations: [{ id: a, label: A }, { id: b, label: B, extends: a, traits: "${"x".repeat(100_000)}" }]`;
    expect(populations(text)).toEqual([
      expect.stringMatching(/^populations\[1\]\.traits: expected an object, got "x{40}…"$/),
    ]);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("inconsistent trait correlations are refused when read, not when sampling", () => {
    const text = `{ id: a, label: A, traits: { warmth0: { median: 0.5, sd: 1 }, resonance0: { median: 0.5, sd: 1 }, mentalizing0: { median: 0.5, sd: 1 } },
      correlations: [[warmth0, resonance0, 0.9], [warmth0, mentalizing0, 0.9], [resonance0, mentalizing0, -0.9]] }`;
    expect(populations(text)).toEqual([
      expect.stringMatching(
        /^\(population\)\.correlations: expected correlations that form a positive-definite/,
      ),
    ]);
  });
});

describe("names that collide with Object.prototype", () => {
  for (const name of BUILTIN) {
    it(`${name} works as a protocol and population id (and in extends)`, () => {
      const [p] = readProtocolFile(
        parseDataText(protocol(name, "{ attention: 1 }"), "f"),
        "f",
        model,
      );
      expect(p.id).toBe(name);
      const pops = readPopulationFile(
        parseDataText(
          `populations: [{ id: ${name}, label: A, traits: { warmth0: { median: 0.3, sd: 1 } } }, { id: b, label: B, extends: ${name} }]`,
          "f",
        ),
        "f",
        model,
      );
      expect(pops[1].traits.warmth0.median).toBe(0.3);
    });

    it(`${name} as a content key, trait name or correlation name is unknown`, () => {
      expect(protocols(protocol("p", `{ ${name}: 1 }`))).toEqual([
        expect.stringMatching(
          new RegExp(
            `^\\(protocol\\)\\.modules\\[0\\]\\.content\\.${name}: unknown content primitive`,
          ),
        ),
      ]);
      expect(
        populations(
          `{ id: a, label: A, traits: { ${name}: { median: 0.5, sd: 1 } }, initial: { ${name}: { median: 0.5, sd: 1 } } }`,
        ),
      ).toEqual([
        expect.stringMatching(
          new RegExp(`^\\(population\\)\\.traits\\.${name}: expected a trait node`),
        ),
        expect.stringMatching(
          new RegExp(`^\\(population\\)\\.initial\\.${name}: expected a slow node`),
        ),
      ]);
      expect(
        populations(
          `{ id: a, label: A, traits: { warmth0: { median: 0.5, sd: 1 } }, correlations: [[warmth0, ${name}, 0.3]], practiceHours: { median: 10, sd: 1, content: { ${name}: 1 } } }`,
        ),
      ).toEqual([
        expect.stringMatching(/^\(population\)\.correlations\[0\]\[1\]: expected a trait listed/),
        expect.stringMatching(
          new RegExp(`^\\(population\\)\\.practiceHours\\.content\\.${name}: unknown content`),
        ),
      ]);
    });

    it(`${name} as a YAML key of a protocol or population is an unknown field`, () => {
      expect(protocols(`{ id: p, label: P, weeks: 0, ${name}: 1 }`)).toEqual([
        expect.stringMatching(new RegExp(`^\\(protocol\\)\\.${name}: unknown field`)),
      ]);
      expect(populations(`{ id: a, label: A, ${name}: 1 }`)).toEqual([
        expect.stringMatching(new RegExp(`^\\(population\\)\\.${name}: unknown field`)),
      ]);
    });
  }
});
