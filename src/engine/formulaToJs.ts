/**
 * Code emission for formulas: a parsed, whitelisted formula AST becomes a JavaScript
 * expression. Only ASTs reach this module, never user text.
 */
import type { Formula } from "../model/formula.js";

function checkFinite(v: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`formula contains a non-finite number (${v})`);
}

function jsNumber(v: number): string {
  checkFinite(v);
  return v < 0 || Object.is(v, -0) ? `(-${String(-v)})` : String(v);
}

/**
 * Emit a JavaScript expression computing `f`, bit-for-bit equal to `evaluateFormula` (model/formula.ts).
 * Each identifier occurrence becomes `(${resolve(name)})`; `resolve` is trusted caller code.
 * Numbers are emitted with `String(value)` (shortest exact round-trip), negatives as `(-x)`.
 * @throws RangeError if the AST contains a non-finite number (the parser never produces one).
 */
export function formulaToJs(f: Formula, resolve: (name: string) => string): string {
  const js = (g: Formula): string => formulaToJs(g, resolve);
  switch (f.type) {
    case "num":
      return jsNumber(f.value);
    case "id":
      return `(${resolve(f.name)})`;
    case "neg":
      return `(-${js(f.arg)})`;
    case "bin":
      if (f.op !== "^") return `(${js(f.left)}${f.op}${js(f.right)})`;
      // A square of a plain identifier is a multiplication (Math.pow is slow in hot loops).
      if (f.right.type === "num" && f.right.value === 2 && f.left.type === "id")
        return `(${js(f.left)}*${js(f.left)})`;
      return `Math.pow(${js(f.left)},${js(f.right)})`;
    case "call": {
      const a = f.args.map(js);
      switch (f.fn) {
        case "sigmoid":
          return `(1/(1+Math.exp(-(${a[0]}))))`;
        case "pos":
          return `Math.max(${a[0]},0)`;
        case "clamp":
          return `Math.min(Math.max(${a[0]},${a[1]}),${a[2]})`;
        default:
          return `Math.${f.fn}(${a.join(",")})`;
      }
    }
  }
}
