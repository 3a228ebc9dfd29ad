import { describe, expect, it } from "vitest";
import {
  assertFiniteArray,
  assertLevel,
  assertMatrix,
  assertNonConstant,
  assertProbabilities,
  assertSameLength,
} from "./validate.js";

describe("validation helpers", () => {
  it("assertFiniteArray names the argument and the problem", () => {
    expect(() => assertFiniteArray([1, 2], "dose", 3)).toThrow(/^dose: needs at least 3/);
    expect(() => assertFiniteArray([1, NaN], "dose")).toThrow(/^dose: element 1 is NaN/);
    expect(() => assertFiniteArray([1, -Infinity], "dose")).toThrow(
      /^dose: element 1 is not finite/,
    );
    expect(() => assertFiniteArray("abc" as unknown as number[], "dose")).toThrow(
      /^dose: expected an array/,
    );
    expect(() => assertFiniteArray([1, "2" as unknown as number], "dose")).toThrow(RangeError);
    expect(() => assertFiniteArray([1, 2, 3], "dose", 3)).not.toThrow();
  });

  it("assertSameLength, assertLevel, assertNonConstant, assertProbabilities", () => {
    expect(() => assertSameLength([1], "a", [1, 2], "b")).toThrow(
      /^b: length 2 does not match a length 1/,
    );
    expect(() => assertLevel(0.95)).not.toThrow();
    expect(() => assertLevel(0)).toThrow(/^level/);
    expect(() => assertLevel(NaN)).toThrow(/^level/);
    expect(() => assertNonConstant([4, 4], "pre")).toThrow(/^pre: has zero variance/);
    expect(() => assertProbabilities([0, 1, 0.5], "p")).not.toThrow();
    expect(() => assertProbabilities([0.5, NaN], "p")).toThrow(/^p: element 1/);
  });

  it("assertMatrix checks shape and entries", () => {
    expect(assertMatrix([[1, 2]], "X", 1)).toBe(2);
    expect(assertMatrix([[], []], "X", 2)).toBe(0);
    expect(() => assertMatrix([[1, 2], [3]], "X", 2)).toThrow(/^X: row 1/);
    expect(() => assertMatrix([[1]], "X", 2)).toThrow(/^X: has 1 rows, expected 2/);
    expect(() => assertMatrix([[1, NaN]], "X", 1)).toThrow(/^X: entry \[0\]\[1\]/);
  });
});
