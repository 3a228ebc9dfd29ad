import { describe, expect, it } from "vitest";
import {
  FORMULA_FUNCTIONS,
  FormulaError,
  MAX_FORMULA_TERMS,
  describeFormulaError,
  evaluateFormula,
  formatFormula,
  identifiers,
  parseFormula,
  partialSign,
  substitute,
  type Formula,
} from "./formula.js";
import { lcg, randomFormula } from "./randomFormula.js";

const envOf =
  (vars: Record<string, number>) =>
  (name: string): number => {
    if (!(name in vars)) throw new Error(`unbound ${name}`);
    return vars[name];
  };

const ev = (src: string, vars: Record<string, number> = {}): number =>
  evaluateFormula(parseFormula(src), envOf(vars));

describe("parseFormula: precedence and associativity", () => {
  it.each([
    ["2^3^2", 512],
    ["-2^2", -4],
    ["(-2)^2", 4],
    ["8/4/2", 1],
    ["2-3-4", -5],
    ["2-(3-4)", 3],
    ["1+2*3", 7],
    ["(1+2)*3", 9],
    ["2*3^2", 18],
    ["2^-1", 0.5],
    ["2^-1^2", 0.5],
    ["-3*-2", 6],
    ["--3", 3],
    ["+3", 3],
    ["2 - -3", 5],
    ["-2^-2", -0.25],
    ["12 / 3 * 2", 8],
    [".5 + 0.5", 1],
    ["1e-3 * 1000", 1],
    ["2.5E+2", 250],
    ["1E2", 100],
    ["3.", 3],
    ["sigmoid(0)", 0.5],
    ["min(3, 1, 2) + max(4, 6, 5)", 7],
    ["clamp(5, 0, 1) + clamp(-5, 0, 1) + clamp(0.25, 0, 1)", 1.25],
    ["pos(-2) + pos(3)", 3],
    ["abs(-2) + sqrt(9) + exp(0) + log(1) + tanh(0)", 6],
  ])("%s = %d", (src, expected) => {
    expect(ev(src)).toBe(expected);
  });

  it("builds the expected tree shapes", () => {
    const n = (value: number): Formula => ({ type: "num", value });
    const x: Formula = { type: "id", name: "x" };
    expect(parseFormula("-x^2")).toEqual({
      type: "neg",
      arg: { type: "bin", op: "^", left: x, right: n(2) },
    });
    expect(parseFormula("2^3^2")).toEqual({
      type: "bin",
      op: "^",
      left: n(2),
      right: { type: "bin", op: "^", left: n(3), right: n(2) },
    });
    expect(parseFormula("+x")).toEqual(x);
    expect(parseFormula(" \n\t(x) \r\n")).toEqual(x);
  });

  it("evaluates the model equations from the brief", () => {
    const vars = {
      resonance: 2,
      f1: 1,
      s: 0.5,
      A: 2,
      f2: 3,
      M: 1,
      f3: 0.5,
      oxytocin: 2,
      f4: 1,
      Y: 4,
      f5: 2,
      R: 1,
      f0: 0.5,
    };
    expect(ev("resonance * (f1*s*A + f2*M) * (1 + f3*oxytocin) + f4*Y - f5*R - f0", vars)).toBe(
      2 * 4 * 2 + 4 - 2 - 0.5,
    );
    const s = ev("sigmoid(i1*inflammation - i2*connection + i0)", {
      i1: 1,
      inflammation: 2,
      i2: 1,
      connection: 1,
      i0: -1,
    });
    expect(s).toBe(0.5);
  });
});

describe("parseFormula: errors", () => {
  it.each([
    ["", 0, /^empty formula: expected an expression$/],
    ["   ", 0, /^empty formula/],
    ["a +", 3, /expected an expression .*found end of input/],
    ["a + * b", 4, /expected an expression .*found "\*"/],
    ["(a + b", 6, /expected an operator or "\)" to close "\(" at column 0, found end of input/],
    ["(a + b  \n", 6, /found end of input/],
    ["((a) b)", 5, /expected an operator or "\)" .* found identifier "b"/],
    ["a + b)", 5, /expected an operator or end of input, unmatched "\)"/],
    ["a b", 2, /expected an operator or end of input, found identifier "b"/],
    ["2 3", 2, /found number 3/],
    ["()", 1, /expected an expression .*found "\)"/],
    ["foo(x)", 0, /unknown function "foo": expected one of sigmoid, exp, log/],
    ["1 + Math(2)", 4, /unknown function "Math"/],
    ["sigmoid(a, b)", 0, /sigmoid expects 1 argument, found 2/],
    ["exp()", 0, /exp expects 1 argument, found 0/],
    ["clamp(x, 0)", 0, /clamp expects 3 arguments, found 2/],
    ["1 + min(x)", 4, /min expects at least 2 arguments, found 1/],
    ["max(x,)", 6, /expected an expression .*found "\)"/],
    ["max(x y)", 6, /expected an operator, "," or "\)" in call to max, found identifier "y"/],
    ["max(x, y", 8, /in call to max, found end of input/],
    ["exp + 1", 4, /expected "\(" after function name "exp", found "\+"/],
    ["a, b", 1, /expected an operator or end of input, found ","/],
    ["a = 1", 2, /unexpected character "=": expected a number/],
    ["a $ b", 2, /unexpected character "\$"/],
    ["a b $", 2, /found identifier "b"/],
    ["a + ) $", 4, /found "\)"/],
    ["2x", 1, /expected an operator after number 2, found "x"/],
    ["1.2.3", 3, /expected an operator after number 1.2, found "."/],
    ["1e", 2, /malformed number "1e": expected exponent digits, found end of input/],
    ["1e+x", 3, /malformed number "1e\+": expected exponent digits, found "x"/],
    ["1e999", 0, /number 1e999 is out of range/],
    ["a ** b", 3, /expected an expression .*found "\*"/],
    ["ä", 0, /unexpected character "ä"/],
  ])("%j fails at %i", (src, position, message) => {
    let err: unknown;
    try {
      parseFormula(src);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FormulaError);
    expect((err as FormulaError).name).toBe("FormulaError");
    expect((err as FormulaError).position).toBe(position);
    expect((err as FormulaError).message).toMatch(message);
  });

  it.each([
    ["constructor.constructor('return process')()", 11],
    ["process.exit(1)", 7],
    ["this['constructor']", 4],
    ["a; process.exit(1)", 1],
    ['"x"', 0],
    ["`${process.exit(1)}`", 0],
    ["(() => 1)()", 2],
    ["x => x", 2],
    ["a[0]", 1],
    ["new Function('1')", 4],
    ["require('fs')", 0],
    ["eval(1)", 0],
    ["a // comment", 3],
  ])("rejects hostile input %j", (src, position) => {
    expect(() => parseFormula(src)).toThrow(FormulaError);
    try {
      parseFormula(src);
    } catch (e) {
      expect((e as FormulaError).position).toBe(position);
    }
  });

  it("treats identifiers as opaque names that only the caller resolves", () => {
    const f = parseFormula("process + globalThis * constructor - __proto__");
    expect([...identifiers(f)]).toEqual(["process", "globalThis", "constructor", "__proto__"]);
  });

  it("rejects absurd nesting with a FormulaError rather than a stack overflow", () => {
    expect(() => parseFormula("(".repeat(300) + "1" + ")".repeat(300))).toThrow(
      /nested too deeply/,
    );
    expect(() => parseFormula("-".repeat(300) + "1")).toThrow(/nested too deeply/);
    expect(() => parseFormula("2^".repeat(300) + "1")).toThrow(/nested too deeply/);
    expect(ev("(".repeat(100) + "1" + ")".repeat(100))).toBe(1);
  });

  it("describeFormulaError draws a caret under the position", () => {
    const src = "sigmoid(a) + foo(b)";
    let err: FormulaError | undefined;
    try {
      parseFormula(src);
    } catch (e) {
      err = e as FormulaError;
    }
    expect(describeFormulaError(src, err!)).toBe(
      `unknown function "foo": expected one of ${FORMULA_FUNCTIONS.join(", ")} (at column 13)\n` +
        "  sigmoid(a) + foo(b)\n" +
        "               ^",
    );
  });

  it("describeFormulaError handles multi-line, end-of-input and long sources", () => {
    expect(describeFormulaError("a +\n\tb c\n", new FormulaError("boom", 7))).toBe(
      "boom (at column 7)\n   b c\n     ^",
    );
    expect(describeFormulaError("(a", new FormulaError("eof", 2))).toBe(
      "eof (at column 2)\n  (a\n    ^",
    );
    const long = "x + ".repeat(50) + "$" + " + y".repeat(50);
    const out = describeFormulaError(long, new FormulaError("bad", 200)).split("\n");
    expect(out[1].startsWith("  …")).toBe(true);
    expect(out[1].endsWith("…")).toBe(true);
    expect(out[1][out[2].length - 1]).toBe("$");
  });
});

describe("identifiers and substitute", () => {
  it("collects every identifier once, in order of first appearance", () => {
    const f = parseFormula(
      "resonance * (f1*s*A + f2*M) * (1 + f3*oxytocin) + f4*Y - f5*R - f0 + sigmoid(s - A)",
    );
    expect([...identifiers(f)]).toEqual([
      "resonance",
      "f1",
      "s",
      "A",
      "f2",
      "M",
      "f3",
      "oxytocin",
      "f4",
      "Y",
      "f5",
      "R",
      "f0",
    ]);
    expect(identifiers(parseFormula("1 + 2^3")).size).toBe(0);
    expect([...identifiers(parseFormula("clamp(x, lo, max(hi, x))"))]).toEqual(["x", "lo", "hi"]);
  });

  it("replaces identifiers, without re-substituting inside replacements", () => {
    const f = parseFormula("a * b + sigmoid(-a)");
    const g = substitute(f, (name) => (name === "a" ? parseFormula("a + c") : undefined));
    expect(formatFormula(g)).toBe("(a + c) * b + sigmoid(-(a + c))");
    expect(ev(formatFormula(g), { a: 1, b: 2, c: 3 })).toBe(
      evaluateFormula(g, envOf({ a: 1, b: 2, c: 3 })),
    );
    expect(formatFormula(f)).toBe("a * b + sigmoid(-a)");
  });

  it("can inline constants, including negative ones", () => {
    const f = parseFormula("k * x^2 - k^2");
    const g = substitute(f, (name) => (name === "k" ? { type: "num", value: -3 } : undefined));
    expect([...identifiers(g)]).toEqual(["x"]);
    expect(evaluateFormula(g, envOf({ x: 2 }))).toBe(-3 * 4 - 9);
    expect(formatFormula(g)).toBe("-3 * x^2 - (-3)^2");
    expect(ev(formatFormula(g), { x: 2 })).toBe(-21);
  });
});

describe("formatFormula", () => {
  it.each([
    ["a+b+c", "a + b + c"],
    ["a+(b+c)", "a + (b + c)"],
    ["a-(b-c)", "a - (b - c)"],
    ["(a-b)-c", "a - b - c"],
    ["a/(b*c)", "a / (b * c)"],
    ["(a/b)*c", "a / b * c"],
    ["a*(b/c)", "a * (b / c)"],
    ["(2^3)^2", "(2^3)^2"],
    ["2^(3^2)", "2^3^2"],
    ["(-2)^2", "(-2)^2"],
    ["-(2^2)", "-2^2"],
    ["2^(-1)", "2^-1"],
    ["2^(-x^2)", "2^-x^2"],
    ["2^(a*b)", "2^(a * b)"],
    ["(a*b)^2", "(a * b)^2"],
    ["-(a*b)", "-(a * b)"],
    ["(-a)*b", "-a * b"],
    ["-(-a)", "- -a"],
    ["a - (-b)", "a - -b"],
    ["a * (-b)", "a * -b"],
    ["+a", "a"],
    ["sigmoid((a))", "sigmoid(a)"],
    ["min((a+b),c)", "min(a + b, c)"],
    [".5 + 1e-3 + 2.5E+2 + 1e21 + 0.1", "0.5 + 0.001 + 250 + 1e+21 + 0.1"],
    ["0.30000000000000004", "0.30000000000000004"],
    ["1e-400", "0"],
  ])("%s -> %s", (src, expected) => {
    const f = parseFormula(src);
    expect(formatFormula(f)).toBe(expected);
    expect(parseFormula(formatFormula(f))).toEqual(f);
  });

  it("round-trips random parser-shaped ASTs exactly", () => {
    const rand = lcg(12345);
    for (let i = 0; i < 2000; i++) {
      const f = randomFormula(rand, 6);
      expect(parseFormula(formatFormula(f))).toEqual(f);
    }
  });
});

describe("partialSign", () => {
  it.each([
    ["a*(1-b)", "b", { a: 2, b: 0.5 }, -1],
    ["a*(1-b)", "b", { a: -2, b: 0.5 }, 1],
    ["a*(1-b)", "a", { a: 2, b: 0.5 }, 1],
    ["a*(1-b)", "a", { a: 2, b: 1 }, 0],
    ["x^2", "x", { x: -3 }, -1],
    ["x^2", "x", { x: 0 }, 0],
    ["x^2", "x", { x: 1e6 }, 1],
    [
      "sigmoid(i1*inflammation - i2*connection + i0)",
      "connection",
      { i1: 1, inflammation: 2, i2: 0.7, connection: 1, i0: 0 },
      -1,
    ],
    [
      "sigmoid(i1*inflammation - i2*connection + i0)",
      "inflammation",
      { i1: 1, inflammation: 2, i2: 0.7, connection: 1, i0: 0 },
      1,
    ],
    ["pos(x - 1)", "x", { x: 0 }, 0],
    ["pos(x - 1)", "x", { x: 2 }, 1],
    ["a + b", "c", { a: 1, b: 2, c: 3 }, 0],
    ["1 / x", "x", { x: 2 }, -1],
    ["log(x)", "x", { x: 3 }, 1],
  ] as const)("sign of d(%s)/d%s at %j is %i", (src, name, vars, expected) => {
    expect(partialSign(parseFormula(src), name, envOf(vars))).toBe(expected);
  });

  it("honours an explicit step and rejects NaN derivatives and bad steps", () => {
    const f = parseFormula("abs(x)");
    expect(partialSign(f, "x", envOf({ x: 0 }))).toBe(0);
    expect(partialSign(parseFormula("pos(x)"), "x", envOf({ x: -0.05 }))).toBe(0);
    expect(partialSign(parseFormula("pos(x)"), "x", envOf({ x: -0.05 }), 0.1)).toBe(1);
    expect(() => partialSign(parseFormula("log(x)"), "x", envOf({ x: -1 }))).toThrow(RangeError);
    expect(() => partialSign(f, "x", envOf({ x: 1 }), 0)).toThrow(RangeError);
  });
});

describe("formula size limits (no walker can run out of stack)", () => {
  const chain = (n: number, op: string): string => Array(n).fill("a").join(` ${op} `);

  it("refuses 200,000 terms quickly with a clear error, not a stack overflow", () => {
    const t0 = Date.now();
    expect(() => parseFormula(chain(200_000, "+"))).toThrow(
      new RegExp(`formula too long: 200000 terms, at most ${MAX_FORMULA_TERMS}`),
    );
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it("every walker handles the largest formulas the parser accepts", () => {
    for (const op of ["+", "-", "*", "/"]) {
      const src = chain(MAX_FORMULA_TERMS - 1, op);
      for (const text of [
        `${"-(".repeat(127)}${src}${")".repeat(127)} + a`,
        `-(${src}) + ${"-".repeat(250)}a`,
        `${"(".repeat(254)}${src}${")".repeat(254)} + a`,
        `${"sqrt(".repeat(254)}${src}${")".repeat(254)} + a`,
      ]) {
        const f = parseFormula(text);
        expect([...identifiers(f)]).toEqual(["a"]);
        expect(parseFormula(formatFormula(f))).toEqual(f);
        evaluateFormula(f, () => 1.5);
        substitute(f, () => ({ type: "num", value: 2 }));
        try {
          partialSign(f, "a", () => 1);
        } catch (e) {
          expect(String(e)).toMatch(/NaN/);
        }
      }
    }
  });
});
