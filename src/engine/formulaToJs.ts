/**
 * Code emission for formulas: a parsed, whitelisted formula AST becomes a JavaScript
 * expression. Only ASTs reach this module, never user text.
 */
import type { Formula } from "../model/formula.js";

/**
 * Name under which generated code reaches the portable functions of `numeric/portableMath.ts`
 * (`PM.exp`, `PM.log`, `PM.pow`, `PM.tanh`): the kernel factory passes `portableMath` as a
 * parameter of this name (see `compileKernel` in compileModel.ts).
 */
export const PORTABLE_MATH_PARAM = "PM";

/** Formula functions computed by portableMath (same bits in every engine), not Math. */
const PORTABLE_FNS: ReadonlySet<string> = new Set(["exp", "log", "tanh"]);

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
 * `^`, `exp`, `log`, `tanh` and `sigmoid` call the portable functions as `PM.pow`, `PM.exp`, …
 * (see {@link PORTABLE_MATH_PARAM}); `sqrt`, `abs`, `min`, `max` (exact in IEEE) stay `Math.*`.
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
      // A square of a plain identifier is a multiplication (pow is slow in hot loops).
      if (f.right.type === "num" && f.right.value === 2 && f.left.type === "id")
        return `(${js(f.left)}*${js(f.left)})`;
      return `PM.pow(${js(f.left)},${js(f.right)})`;
    case "call": {
      const a = f.args.map(js);
      switch (f.fn) {
        case "sigmoid":
          return `(1/(1+PM.exp(-(${a[0]}))))`;
        case "pos":
          return `Math.max(${a[0]},0)`;
        case "clamp":
          return `Math.min(Math.max(${a[0]},${a[1]}),${a[2]})`;
        default:
          return `${PORTABLE_FNS.has(f.fn) ? "PM" : "Math"}.${f.fn}(${a.join(",")})`;
      }
    }
  }
}
