/**
 * Random formula ASTs for property tests (of the parser, the printer and the code emitter).
 */
import { FORMULA_FUNCTIONS, type Formula, type FormulaFn } from "./formula.js";

/** A small deterministic linear congruential generator on [0, 1), for reproducible tests. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Identifiers that random formulas use. */
export const VARS = ["a", "b", "c", "d"];
const NUMS = [0, 1, 2, 0.5, 3, 1e-7, 2.5e21, 0.1, 123456.789, 5e-324, 1.7976931348623157e308];
const ARITY: Record<FormulaFn, number | "n"> = {
  sigmoid: 1,
  exp: 1,
  log: 1,
  sqrt: 1,
  abs: 1,
  tanh: 1,
  pos: 1,
  clamp: 3,
  min: "n",
  max: "n",
};

/** Random AST over {@link VARS}; `negativeNums` adds num nodes the parser cannot produce (negative, -0). */
export function randomFormula(rand: () => number, depth: number, negativeNums = false): Formula {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const r = rand();
  if (depth <= 0 || r < 0.2) {
    if (rand() < 0.5) return { type: "id", name: pick(VARS) };
    let value = rand() < 0.5 ? pick(NUMS) : Math.round(rand() * 1000) / 100;
    if (negativeNums && rand() < 0.3) value = rand() < 0.2 ? -0 : -value;
    return { type: "num", value };
  }
  if (r < 0.3) return { type: "neg", arg: randomFormula(rand, depth - 1, negativeNums) };
  if (r < 0.75) {
    const op = pick(["+", "-", "*", "/", "^"] as const);
    return {
      type: "bin",
      op,
      left: randomFormula(rand, depth - 1, negativeNums),
      right: randomFormula(rand, depth - 1, negativeNums),
    };
  }
  const fn = pick(FORMULA_FUNCTIONS);
  const arity = ARITY[fn];
  const n = arity === "n" ? 2 + Math.floor(rand() * 3) : arity;
  return {
    type: "call",
    fn,
    args: Array.from({ length: n }, () => randomFormula(rand, depth - 1, negativeNums)),
  };
}

