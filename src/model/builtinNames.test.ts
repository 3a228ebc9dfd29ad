import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ValidationError } from "./issues.js";
import { parseDataText, parseModel } from "./loadModel.js";
import { validateModel } from "./validateModel.js";

/** Names that a plain object answers from Object.prototype. */
export const BUILTIN_NAMES = [
  "toString",
  "constructor",
  "__proto__",
  "hasOwnProperty",
  "valueOf",
] as const;

const text = readFileSync("models/mascaro2015.yaml", "utf8");
/** The shipped model with every whole-word `from` replaced by `to`. */
const renamed = (from: string, to: string): string =>
  text.replace(new RegExp(`\\b${from}\\b`, "g"), to);

/* eslint-disable @typescript-eslint/no-explicit-any -- bad models are built by poking raw data */
function issuesOf(breakIt: (m: any) => void): string[] {
  const m = parseDataText(text, "model") as any;
  breakIt(m);
  try {
    validateModel(m);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error("expected a ValidationError");
}

describe("names that collide with Object.prototype", () => {
  for (const name of BUILTIN_NAMES) {
    it(`${name} works as a parameter id`, () => {
      const m = parseModel(renamed("m1", name));
      expect(Object.hasOwn(m.parameters, name)).toBe(true);
      expect(m.parameters[name].value).toBe(8);
      expect(Object.hasOwn(m.parameters, "m1")).toBe(false);
    });

    it(`${name} works as a node id (a trained skill, also a content key)`, () => {
      const m = parseModel(renamed("interdependence", name));
      expect(m.nodes.some((n) => n.id === name)).toBe(true);
      expect(m.content.gratitude.trains[name]).toBe(1);
    });

    it(`${name} works as an evidence, hypothesis and content id`, () => {
      const m = parseModel(
        renamed("F27", name)
          .replace(/\bH3\b/g, `${name}_h`)
          .replace(/\bexposure\b/g, name),
      );
      expect(Object.hasOwn(m.evidence, name)).toBe(true);
      expect(Object.hasOwn(m.content, name)).toBe(true);
      expect(Object.keys(m.content)).toContain(name);
    });

    it(`${name} is an unknown reference when the model does not define it`, () => {
      const issues = issuesOf((m) => {
        m.edges[0].hypotheses = [name];
        m.edges[0].evidence = [name];
        m.edges[1].weight = name;
        m.variants[0].set = { [name]: 1 };
        m.variants[6].content = { [name]: { trains: {} } };
      });
      expect(issues).toContainEqual(
        expect.stringMatching(/^edges\[0\]\.hypotheses: unknown hypothesis/),
      );
      expect(issues).toContainEqual(
        expect.stringMatching(/^edges\[0\]\.evidence: unknown evidence/),
      );
      expect(issues).toContainEqual(
        expect.stringMatching(/^edges\[1\]\.weight: unknown parameter/),
      );
      expect(issues).toContainEqual(
        expect.stringMatching(/^variants\[0\]\.set\..*: unknown parameter/),
      );
      expect(issues).toContainEqual(
        expect.stringMatching(/^variants\[6\]\.content\..*: unknown content primitive/),
      );
    });

    it(`${name} as a YAML key inside a record is reported as unknown, not read from the prototype`, () => {
      const issues = issuesOf((m) => {
        Object.defineProperty(m.nodes[0], name, { value: 1, enumerable: true });
        Object.defineProperty(m.parameters.m1, name, { value: 1, enumerable: true });
      });
      expect(issues).toContainEqual(expect.stringMatching(/^nodes\[0\]\..*: unknown field/));
      expect(issues).toContainEqual(expect.stringMatching(/^parameters\.m1\..*: unknown field/));
    });
  }
});
