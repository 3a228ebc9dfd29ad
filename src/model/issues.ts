/**
 * Collecting validation problems with the path of the offending field, so that every bad
 * input file gets an answer such as `nodes[3].tau: expected a positive number, got "fast"`.
 */

/** One problem found in an input file. */
export interface ValidationIssue {
  /** Path of the field, e.g. `edges[4].weight` or `parameters.f1.prior.sd`. */
  path: string;
  message: string;
}

/**
 * The one error type for anything the user wrote (a file, an id, an option value): the CLI
 * exits 2 for it and prints its message, which names the field or path and what was
 * expected. Library messages never mention CLI flags; the CLI adds those hints itself.
 */
export class InputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InputError";
  }
}

/**
 * Runs `fn`; an {@link InputError} it throws (other than a {@link ValidationError}, which
 * names its own fields) is thrown again prefixed with `path`, so the user learns which field
 * of their file held the unknown id.
 */
export function atField<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError && !(e instanceof ValidationError))
      throw new InputError(`${path}: ${e.message}`, { cause: e });
    throw e;
  }
}

/** An invalid input file: an {@link InputError} that carries every issue found, with paths. */
export class ValidationError extends InputError {
  readonly issues: ValidationIssue[];
  constructor(what: string, issues: ValidationIssue[]) {
    const lines = issues.slice(0, 20).map((i) => `  ${i.path}: ${i.message}`);
    if (issues.length > 20) lines.push(`  … and ${issues.length - 20} more`);
    super(
      `${what} is invalid (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${lines.join("\n")}`,
    );
    this.name = "ValidationError";
    this.issues = issues;
  }
}

/** Short, safe rendering of a value for error messages. */
export function show(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v);
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return "an object";
}

/** A collector of issues with typed field readers that report instead of throwing. */
export class Issues {
  readonly list: ValidationIssue[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  get ok(): boolean {
    return this.list.length === 0;
  }

  /** Throws a ValidationError if any issue was collected. */
  throwIfAny(what: string): void {
    if (this.list.length > 0) throw new ValidationError(what, this.list);
  }

  object(path: string, v: unknown): Record<string, unknown> | undefined {
    if (v !== null && typeof v === "object" && !Array.isArray(v))
      return v as Record<string, unknown>;
    this.add(path, `expected an object, got ${show(v)}`);
    return undefined;
  }

  array(path: string, v: unknown): unknown[] | undefined {
    if (Array.isArray(v)) return v;
    this.add(path, `expected a list, got ${show(v)}`);
    return undefined;
  }

  string(path: string, v: unknown, optional = false): string | undefined {
    if (v === undefined && optional) return undefined;
    if (typeof v === "string" && v.length > 0) return v;
    this.add(path, `expected a non-empty string, got ${show(v)}`);
    return undefined;
  }

  /** A finite number, optionally bounded. */
  number(
    path: string,
    v: unknown,
    opts: {
      optional?: boolean;
      min?: number;
      max?: number;
      positive?: boolean;
      integer?: boolean;
    } = {},
  ): number | undefined {
    if (v === undefined && opts.optional) return undefined;
    const ok =
      typeof v === "number" &&
      Number.isFinite(v) &&
      (opts.min === undefined || v >= opts.min) &&
      (opts.max === undefined || v <= opts.max) &&
      (!opts.positive || v > 0) &&
      (!opts.integer || Number.isInteger(v));
    if (ok) return v as number;
    const want = [
      opts.integer ? "an integer" : "a finite number",
      opts.positive ? "> 0" : "",
      opts.min !== undefined ? `>= ${opts.min}` : "",
      opts.max !== undefined ? `<= ${opts.max}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    this.add(path, `expected ${want}, got ${show(v)}`);
    return undefined;
  }

  oneOf<T extends string>(
    path: string,
    v: unknown,
    allowed: readonly T[],
    optional = false,
  ): T | undefined {
    if (v === undefined && optional) return undefined;
    if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
    this.add(path, `expected one of ${allowed.join(", ")}, got ${show(v)}`);
    return undefined;
  }

  stringList(path: string, v: unknown, optional = false): string[] | undefined {
    if (v === undefined && optional) return undefined;
    const a = this.array(path, v);
    if (!a) return undefined;
    const out: string[] = [];
    a.forEach((x, i) => {
      const s = this.string(`${path}[${i}]`, x);
      if (s !== undefined) out.push(s);
    });
    return out;
  }

  /** A map of name → number. */
  numberMap(path: string, v: unknown, optional = false): Record<string, number> | undefined {
    if (v === undefined && optional) return undefined;
    const o = this.object(path, v);
    if (!o) return undefined;
    // No prototype, so that user keys such as `toString` or `__proto__` stay ordinary keys.
    const out = Object.create(null) as Record<string, number>;
    for (const [k, x] of Object.entries(o)) {
      const n = this.number(`${path}.${k}`, x);
      if (n !== undefined) out[k] = n;
    }
    return out;
  }

  /** Reports keys that are not in `known` (typos are the commonest bad input). */
  unknownKeys(path: string, o: Record<string, unknown>, known: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (!known.includes(k))
        this.add(`${path}.${k}`, `unknown field (expected one of ${known.join(", ")})`);
    }
  }
}
