/**
 * A small, safe expression language for node equations in model files.
 *
 * Text is parsed by a recursive-descent parser into a whitelisted AST. JavaScript is only ever
 * emitted from that AST (by the engine, `engine/formulaToJs.ts`), never from user text.
 */

import { exp, log, pow, tanh } from "../numeric/portableMath.js";

/** A function callable from a formula. */
export type FormulaFn =
  "sigmoid" | "exp" | "log" | "sqrt" | "abs" | "min" | "max" | "clamp" | "pos" | "tanh";

/** Parsed formula (AST). Numbers produced by the parser are always finite and non-negative. */
export type Formula =
  | { type: "num"; value: number }
  | { type: "id"; name: string }
  | { type: "neg"; arg: Formula }
  | { type: "bin"; op: "+" | "-" | "*" | "/" | "^"; left: Formula; right: Formula }
  | { type: "call"; fn: FormulaFn; args: Formula[] };

const ARITY = new Map<string, readonly [min: number, max: number]>([
  ["sigmoid", [1, 1]],
  ["exp", [1, 1]],
  ["log", [1, 1]],
  ["sqrt", [1, 1]],
  ["abs", [1, 1]],
  ["min", [2, Infinity]],
  ["max", [2, Infinity]],
  ["clamp", [3, 3]],
  ["pos", [1, 1]],
  ["tanh", [1, 1]],
]);

/** Names of all whitelisted functions; these names are reserved and cannot be used as identifiers. */
export const FORMULA_FUNCTIONS: readonly FormulaFn[] = [...ARITY.keys()] as FormulaFn[];

const MAX_DEPTH = 256;

/**
 * Most operands (numbers and identifiers) one formula may hold. Binary chains are parsed by
 * loops, but they build left-deep trees that every walker (identifiers, format, substitute,
 * evaluate, code emission) recurses through; with at most this many operands and at most
 * {@link MAX_DEPTH} nesting levels no walker can run out of stack.
 */
export const MAX_FORMULA_TERMS = 500;

/** Syntax error in a formula; `position` is the 0-based offset into the source text. */
export class FormulaError extends Error {
  override readonly name = "FormulaError";
  /** @param position 0-based offset into the source where the problem was found. */
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** A lexing error becomes a "bad" token so the parser reports whichever problem comes first. */
type Tok = {
  kind: "num" | "id" | "op" | "eof" | "bad";
  text: string;
  pos: number;
  value: number;
  err?: FormulaError;
};

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdPart = (c: number): boolean => isIdStart(c) || isDigit(c);
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const q = (s: string): string => JSON.stringify(s);

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  const n = src.length;
  const bad = (message: string, pos: number): Tok[] => {
    toks.push({ kind: "bad", text: "", pos, value: 0, err: new FormulaError(message, pos) });
    return toks;
  };
  let i = 0;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)))) {
      while (isDigit(src.charCodeAt(i))) i++;
      if (src.charCodeAt(i) === 46) while (isDigit(src.charCodeAt(++i)));
      if (src.charCodeAt(i) === 101 || src.charCodeAt(i) === 69) {
        let j = i + 1;
        if (src[j] === "+" || src[j] === "-") j++;
        if (!isDigit(src.charCodeAt(j))) {
          const found = j < n ? q(src[j]) : "end of input";
          return bad(
            `malformed number ${q(src.slice(start, j))}: expected exponent digits, found ${found}`,
            j,
          );
        }
        i = j;
        while (isDigit(src.charCodeAt(i))) i++;
      }
      const text = src.slice(start, i);
      if (isIdPart(src.charCodeAt(i)) || src.charCodeAt(i) === 46) {
        return bad(`expected an operator after number ${text}, found ${q(src[i])}`, i);
      }
      const value = Number(text);
      if (!Number.isFinite(value)) {
        return bad(`number ${text} is out of range: expected a finite number`, start);
      }
      toks.push({ kind: "num", text, pos: start, value });
    } else if (isIdStart(c)) {
      while (isIdPart(src.charCodeAt(i))) i++;
      toks.push({ kind: "id", text: src.slice(start, i), pos: start, value: 0 });
    } else if ("+-*/^(),".includes(src[i])) {
      toks.push({ kind: "op", text: src[i], pos: i++, value: 0 });
    } else {
      const msg = `unexpected character ${q(src[i])}: expected a number, identifier, operator or parenthesis`;
      return bad(msg, i);
    }
  }
  let end = n;
  while (end > 0 && isSpace(src.charCodeAt(end - 1))) end--;
  toks.push({ kind: "eof", text: "", pos: end, value: 0 });
  return toks;
}

/** Describe a token for an error message; reaching a "bad" token throws its lexing error instead. */
function describeTok(t: Tok): string {
  if (t.err) throw t.err;
  if (t.kind === "eof") return "end of input";
  if (t.kind === "num") return `number ${t.text}`;
  if (t.kind === "id") return `identifier ${q(t.text)}`;
  return q(t.text);
}

const isOp = (t: Tok, s: string): boolean => t.kind === "op" && t.text === s;

/** Refuses a formula of more than {@link MAX_FORMULA_TERMS} operands before building its tree. */
function checkSize(toks: Tok[]): void {
  let terms = 0;
  let excess = -1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === "num" || (t.kind === "id" && !isOp(toks[i + 1], "("))) {
      terms++;
      if (terms === MAX_FORMULA_TERMS + 1) excess = t.pos;
    }
  }
  if (terms > MAX_FORMULA_TERMS)
    throw new FormulaError(
      `formula too long: ${terms} terms, at most ${MAX_FORMULA_TERMS}`,
      excess,
    );
}

/**
 * Parse formula text into an AST.
 * @throws FormulaError on any syntax error, unknown function, wrong arity or non-finite number.
 */
export function parseFormula(src: string): Formula {
  const toks = tokenize(src);
  let p = 0;
  let depth = 0;
  if (toks[0].kind === "eof") throw new FormulaError("empty formula: expected an expression", 0);
  checkSize(toks);

  function expr(): Formula {
    let left = term();
    for (let t = toks[p]; isOp(t, "+") || isOp(t, "-"); t = toks[p]) {
      p++;
      left = { type: "bin", op: t.text as "+" | "-", left, right: term() };
    }
    return left;
  }

  function term(): Formula {
    let left = unary();
    for (let t = toks[p]; isOp(t, "*") || isOp(t, "/"); t = toks[p]) {
      p++;
      left = { type: "bin", op: t.text as "*" | "/", left, right: unary() };
    }
    return left;
  }

  function unary(): Formula {
    const t = toks[p];
    if (++depth > MAX_DEPTH)
      throw new FormulaError(`formula is nested too deeply (more than ${MAX_DEPTH} levels)`, t.pos);
    let f: Formula;
    if (isOp(t, "-") || isOp(t, "+")) {
      p++;
      const arg = unary();
      f = t.text === "-" ? { type: "neg", arg } : arg;
    } else {
      const base = primary();
      if (isOp(toks[p], "^")) {
        p++;
        f = { type: "bin", op: "^", left: base, right: unary() };
      } else f = base;
    }
    depth--;
    return f;
  }

  function primary(): Formula {
    const t = toks[p];
    if (t.kind === "num") {
      p++;
      return { type: "num", value: t.value };
    }
    if (t.kind === "id") {
      p++;
      const arity = ARITY.get(t.text);
      if (!isOp(toks[p], "(")) {
        if (arity)
          throw new FormulaError(
            `expected "(" after function name ${q(t.text)}, found ${describeTok(toks[p])}`,
            toks[p].pos,
          );
        return { type: "id", name: t.text };
      }
      if (!arity)
        throw new FormulaError(
          `unknown function ${q(t.text)}: expected one of ${FORMULA_FUNCTIONS.join(", ")}`,
          t.pos,
        );
      p++;
      const args: Formula[] = [];
      if (!isOp(toks[p], ")")) {
        for (;;) {
          args.push(expr());
          const sep = toks[p];
          if (isOp(sep, ")")) break;
          if (!isOp(sep, ","))
            throw new FormulaError(
              `expected an operator, "," or ")" in call to ${t.text}, found ${describeTok(sep)}`,
              sep.pos,
            );
          p++;
        }
      }
      p++;
      const [min, max] = arity;
      if (args.length < min || args.length > max) {
        const want =
          min === max ? `${min} argument${min === 1 ? "" : "s"}` : `at least ${min} arguments`;
        throw new FormulaError(`${t.text} expects ${want}, found ${args.length}`, t.pos);
      }
      return { type: "call", fn: t.text as FormulaFn, args };
    }
    if (isOp(t, "(")) {
      p++;
      const inner = expr();
      const close = toks[p];
      if (!isOp(close, ")")) {
        throw new FormulaError(
          `expected an operator or ")" to close "(" at column ${t.pos}, found ${describeTok(close)}`,
          close.pos,
        );
      }
      p++;
      return inner;
    }
    throw new FormulaError(
      `expected an expression (number, identifier, function call or "("), found ${describeTok(t)}`,
      t.pos,
    );
  }

  const f = expr();
  const t = toks[p];
  if (t.kind !== "eof") {
    const what = isOp(t, ")") ? `unmatched ")"` : `found ${describeTok(t)}`;
    throw new FormulaError(`expected an operator or end of input, ${what}`, t.pos);
  }
  return f;
}

/** Render an error as its message plus the offending source line with a caret under `err.position`. */
export function describeFormulaError(src: string, err: FormulaError): string {
  const pos = Math.min(Math.max(err.position, 0), src.length);
  const lineStart = pos > 0 ? src.lastIndexOf("\n", pos - 1) + 1 : 0;
  const nl = src.indexOf("\n", pos);
  const lineEnd = nl < 0 ? src.length : nl;
  const from = Math.max(lineStart, Math.min(pos - 40, lineEnd - 80));
  const to = Math.min(lineEnd, from + 80);
  const pre = from > lineStart ? "…" : "";
  const post = to < lineEnd ? "…" : "";
  const line = src.slice(from, to).replace(/[\t\r]/g, " ");
  return `${err.message} (at column ${err.position})\n  ${pre}${line}${post}\n  ${" ".repeat(pre.length + pos - from)}^`;
}

/** Every identifier referenced by `f`, in order of first appearance. */
export function identifiers(f: Formula): Set<string> {
  const out = new Set<string>();
  // An explicit stack (right pushed before left) keeps first-appearance order without recursion.
  const stack: Formula[] = [f];
  for (let g = stack.pop(); g !== undefined; g = stack.pop()) {
    if (g.type === "id") out.add(g.name);
    else if (g.type === "neg") stack.push(g.arg);
    else if (g.type === "bin") stack.push(g.right, g.left);
    else if (g.type === "call") for (let i = g.args.length - 1; i >= 0; i--) stack.push(g.args[i]);
  }
  return out;
}

function applyOp(op: "+" | "-" | "*" | "/" | "^", a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
    case "^":
      return b === 2 ? a * a : pow(a, b);
  }
}

function applyFn(fn: FormulaFn, x: number[]): number {
  switch (fn) {
    case "sigmoid":
      return 1 / (1 + exp(-x[0]));
    case "exp":
      return exp(x[0]);
    case "log":
      return log(x[0]);
    case "sqrt":
      return Math.sqrt(x[0]);
    case "abs":
      return Math.abs(x[0]);
    case "tanh":
      return tanh(x[0]);
    case "min":
      return Math.min(...x);
    case "max":
      return Math.max(...x);
    case "clamp":
      return Math.min(Math.max(x[0], x[1]), x[2]);
    case "pos":
      return Math.max(x[0], 0);
  }
}

/**
 * Evaluate `f`, looking identifiers up with `env`. Uses IEEE semantics (log(-1) is NaN, 1/0 is
 * Infinity); `^`, `exp`, `log`, `tanh` and `sigmoid` use numeric/portableMath (same bits in
 * every engine); `clamp(x, lo, hi)` is `min(max(x, lo), hi)`.
 */
export function evaluateFormula(f: Formula, env: (name: string) => number): number {
  switch (f.type) {
    case "num":
      return f.value;
    case "id":
      return env(f.name);
    case "neg":
      return -evaluateFormula(f.arg, env);
    case "bin":
      return applyOp(f.op, evaluateFormula(f.left, env), evaluateFormula(f.right, env));
    case "call":
      return applyFn(
        f.fn,
        f.args.map((a) => evaluateFormula(a, env)),
      );
  }
}

function checkFinite(v: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`formula contains a non-finite number (${v})`);
}

const PREC = { "+": 1, "-": 1, "*": 2, "/": 2, "^": 4 } as const;

function prec(f: Formula): number {
  if (f.type === "bin") return PREC[f.op];
  if (f.type === "neg" || (f.type === "num" && (f.value < 0 || Object.is(f.value, -0)))) return 3;
  return 5;
}

/**
 * Canonical text with minimal parentheses (spaces around `+ - * /`, none around `^`).
 * For parser-produced ASTs, `parseFormula(formatFormula(f))` is structurally equal to `f`;
 * a negative `num` node is printed as `-x` and so re-parses as `neg(num)`.
 * @throws RangeError if the AST contains a non-finite number.
 */
export function formatFormula(f: Formula): string {
  const wrap = (g: Formula, min: number): string =>
    prec(g) >= min ? formatFormula(g) : `(${formatFormula(g)})`;
  switch (f.type) {
    case "num":
      checkFinite(f.value);
      return prec(f) === 3 ? `-${String(-f.value)}` : String(f.value);
    case "id":
      return f.name;
    case "neg": {
      const s = wrap(f.arg, 3);
      return s.startsWith("-") ? `- ${s}` : `-${s}`;
    }
    case "bin":
      if (f.op === "^") return `${wrap(f.left, 5)}^${wrap(f.right, 3)}`;
      return `${wrap(f.left, PREC[f.op])} ${f.op} ${wrap(f.right, PREC[f.op] + 1)}`;
    case "call":
      return `${f.fn}(${f.args.map(formatFormula).join(", ")})`;
  }
}

/** Replace each identifier for which `map` returns a formula (replacements are not substituted again). */
export function substitute(f: Formula, map: (name: string) => Formula | undefined): Formula {
  switch (f.type) {
    case "num":
      return f;
    case "id":
      return map(f.name) ?? f;
    case "neg":
      return { type: "neg", arg: substitute(f.arg, map) };
    case "bin":
      return {
        type: "bin",
        op: f.op,
        left: substitute(f.left, map),
        right: substitute(f.right, map),
      };
    case "call":
      return { type: "call", fn: f.fn, args: f.args.map((a) => substitute(a, map)) };
  }
}

/**
 * Sign of ∂f/∂name at `env`, by central finite difference with step `h`
 * (default `1e-6 * max(1, |x|)`); 0 if |derivative| < 1e-9.
 * @throws RangeError if the difference quotient is NaN (e.g. f undefined near the point).
 */
export function partialSign(
  f: Formula,
  name: string,
  env: (name: string) => number,
  h?: number,
): -1 | 0 | 1 {
  const x = env(name);
  const step = h ?? 1e-6 * Math.max(1, Math.abs(x));
  if (!(step > 0) || !Number.isFinite(step))
    throw new RangeError(`partialSign: step must be positive and finite, got ${step}`);
  const at = (v: number): number => evaluateFormula(f, (n) => (n === name ? v : env(n)));
  const hi = x + step;
  const lo = x - step;
  const d = (at(hi) - at(lo)) / (hi - lo);
  if (Number.isNaN(d))
    throw new RangeError(
      `partialSign: derivative of formula with respect to ${q(name)} is NaN at ${x}`,
    );
  return Math.abs(d) < 1e-9 ? 0 : d > 0 ? 1 : -1;
}
