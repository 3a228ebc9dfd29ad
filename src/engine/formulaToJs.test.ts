import { describe, expect, it } from "vitest";
import {
  MAX_FORMULA_TERMS,
  evaluateFormula,
  formatFormula,
  identifiers,
  parseFormula,
  substitute,
} from "../model/formula.js";
import { VARS, lcg, randomFormula } from "../model/randomFormula.js";
import { portableMath } from "../numeric/portableMath.js";
import { formulaToJs, PORTABLE_MATH_PARAM } from "./formulaToJs.js";

describe("formulaToJs", () => {
  it("emits the documented forms", () => {
    const js = (src: string): string => formulaToJs(parseFormula(src), (name) => `s.${name}`);
    expect(js("sigmoid(x)")).toBe("(1/(1+PM.exp(-((s.x)))))");
    expect(js("log(x) + tanh(x) + sqrt(x)")).toBe("((PM.log((s.x))+PM.tanh((s.x)))+Math.sqrt((s.x)))");
    expect(js("pos(x) + clamp(x, 0, 1)")).toBe("(Math.max((s.x),0)+Math.min(Math.max((s.x),0),1))");
    expect(js("-x^2.5e-7")).toBe("(-PM.pow((s.x),2.5e-7))");
    expect(js("min(x, 1e21, 3)")).toBe("Math.min((s.x),1e+21,3)");
    expect(
      formulaToJs(
        {
          type: "bin",
          op: "-",
          left: { type: "num", value: -0 },
          right: { type: "num", value: -2 },
        },
        String,
      ),
    ).toBe("((-0)-(-2))");
    expect(() => formulaToJs({ type: "num", value: NaN }, String)).toThrow(RangeError);
    expect(() => formulaToJs({ type: "num", value: -Infinity }, String)).toThrow(RangeError);
    expect(() => formatFormula({ type: "num", value: Infinity })).toThrow(RangeError);
  });

  it("agrees bit-for-bit with evaluateFormula on random ASTs and inputs", () => {
    const rand = lcg(20150101);
    const specials = [0, -0, 1, -1, 0.5, 1e-300, -1e300, 700, -745, 1e308];
    let checked = 0;
    for (let i = 0; i < 1500; i++) {
      const f = randomFormula(rand, 6, true);
      const js = formulaToJs(f, (name) => `v[${VARS.indexOf(name)}]`);
      const compiled = new Function(PORTABLE_MATH_PARAM, "v", `"use strict"; return ${js};`).bind(
        null,
        portableMath,
      ) as (v: number[]) => number;
      for (let k = 0; k < 6; k++) {
        const v = VARS.map(() =>
          rand() < 0.15
            ? specials[Math.floor(rand() * specials.length)]
            : (rand() - 0.5) * 10 ** Math.floor(rand() * 6 - 2),
        );
        const expected = evaluateFormula(f, (name) => v[VARS.indexOf(name)]);
        const actual = compiled(v);
        if (!Object.is(actual, expected))
          expect({ src: formatFormula(f), v, actual }).toEqual({
            src: formatFormula(f),
            v,
            actual: expected,
          });
        checked++;
      }
    }
    expect(checked).toBe(9000);
  });
});

describe("formulaToJs: identifiers and constants", () => {
  it("treats identifiers as opaque names that only the caller resolves", () => {
    const f = parseFormula("process + globalThis * constructor - __proto__");
    const ids = [...identifiers(f)];
    const js = formulaToJs(f, (name) => `v[${ids.indexOf(name)}]`);
    expect(js).not.toMatch(/process|globalThis|constructor|__proto__/);
    expect(
      new Function(PORTABLE_MATH_PARAM, "v", `return ${js};`)(portableMath, [1, 2, 3, 4]),
    ).toBe(1 + 2 * 3 - 4);
  });

  it("emits inlined negative constants that evaluate like the tree", () => {
    const g = substitute(parseFormula("k * x^2 - k^2"), (name) =>
      name === "k" ? { type: "num", value: -3 } : undefined,
    );
    expect(
      new Function(PORTABLE_MATH_PARAM, "x", `return ${formulaToJs(g, () => "x")};`)(
        portableMath,
        2,
      ),
    ).toBe(-21);
  });
});

describe("formulaToJs on the largest formulas the parser accepts", () => {
  it("emits code V8 can compile, equal to evaluateFormula", () => {
    const src = Array(MAX_FORMULA_TERMS - 1)
      .fill("a")
      .join(" - ");
    for (const text of [
      `${"-(".repeat(127)}${src}${")".repeat(127)} + a`,
      `${"(".repeat(254)}${src}${")".repeat(254)} + a`,
      `${"sqrt(".repeat(254)}${src}${")".repeat(254)} + ${"-".repeat(250)}a`,
    ]) {
      const f = parseFormula(text);
      const run = new Function("a", `return ${formulaToJs(f, (n) => n)}`) as (a: number) => number;
      expect(
        Object.is(
          run(1.5),
          evaluateFormula(f, () => 1.5),
        ),
      ).toBe(true);
    }
  });
});
