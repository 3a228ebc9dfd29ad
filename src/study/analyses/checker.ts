/**
 * Checking raw (parsed YAML) analysis specs: messages that name the offending path and what
 * was expected, collected rather than thrown so a study reports all its problems at once.
 */
import type { KnownNames } from "./types.js";

/** A plain mapping (not null, not a list). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Short rendering of a value for messages. */
export function show(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "string") return `"${v}"`;
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(v);
  }
}

function listOf(names: readonly string[]): string {
  return names.length === 0 ? "(none declared)" : names.join(", ");
}

/** Own-property test (names such as `toString` must not pass as present). */
function has(obj: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Collects `path: message` lines for analysis specs. */
export class Checker {
  readonly errors: string[] = [];
  constructor(private readonly known: KnownNames) {}

  add(path: string, message: string): void {
    this.errors.push(`${path}: ${message}`);
  }

  /** A name from `list` (kind = "arm", "wave", …); any string when `list` is undefined. */
  name(v: unknown, path: string, kind: string, list: readonly string[] | undefined): void {
    if (typeof v !== "string") {
      this.add(path, `expected a ${kind} name (string), got ${show(v)}`);
    } else if (list !== undefined && !list.includes(v)) {
      this.add(path, `unknown ${kind} "${v}" (expected one of: ${listOf(list)})`);
    }
  }

  arm(v: unknown, path: string): void {
    this.name(v, path, "arm", this.known.arms);
  }
  wave(v: unknown, path: string): void {
    this.name(v, path, "wave", this.known.waves);
  }
  measure(v: unknown, path: string): void {
    this.name(v, path, "measure", this.known.measures);
  }
  field(v: unknown, path: string): void {
    this.name(v, path, "participant field", this.known.participantFields);
  }

  /** A list of names; `count` fixes the length, `min` bounds it; entries must differ. */
  names(
    v: unknown,
    path: string,
    each: (x: unknown, p: string) => void,
    what: string,
    opts: { count?: number; min?: number },
  ): void {
    if (!Array.isArray(v)) {
      this.add(path, `expected ${what}, got ${show(v)}`);
      return;
    }
    if (opts.count !== undefined && v.length !== opts.count) {
      this.add(path, `expected ${what}, got ${v.length} entr${v.length === 1 ? "y" : "ies"}`);
    } else if (opts.min !== undefined && v.length < opts.min) {
      this.add(path, `expected ${what}, got ${v.length} entr${v.length === 1 ? "y" : "ies"}`);
    }
    v.forEach((x, i) => each(x, `${path}[${i}]`));
    const strings = v.filter((x) => typeof x === "string");
    if (new Set(strings).size !== strings.length)
      this.add(path, `entries must differ (${show(v)})`);
  }

  armPair(v: unknown, path: string): void {
    this.names(v, path, (x, p) => this.arm(x, p), "[treatment arm, control arm]", { count: 2 });
  }
  optionalArms(obj: Record<string, unknown>, path: string): void {
    if (obj.arms === undefined) return;
    this.names(obj.arms, `${path}.arms`, (x, p) => this.arm(x, p), "a list of arm names", {
      min: 1,
    });
  }
  wavePair(v: unknown, path: string, what: string): void {
    this.names(v, path, (x, p) => this.wave(x, p), what, { count: 2 });
  }

  /** A value reference (`ValueRef`). */
  ref(v: unknown, path: string): void {
    const forms =
      "{ measure, wave }, { measure, change: [from, to] }, { participant: field } or { arm }";
    if (!isRecord(v)) {
      this.add(path, `expected a value reference (${forms}), got ${show(v)}`);
      return;
    }
    const keys = Object.keys(v);
    if (has(v, "participant")) {
      this.field(v.participant, `${path}.participant`);
      this.noExtra(v, ["participant"], path);
    } else if (has(v, "arm")) {
      this.arm(v.arm, `${path}.arm`);
      this.noExtra(v, ["arm"], path);
    } else if (has(v, "measure")) {
      this.measure(v.measure, `${path}.measure`);
      const hasWave = has(v, "wave");
      const hasChange = has(v, "change");
      if (hasWave === hasChange) {
        this.add(
          path,
          `a measure reference needs exactly one of "wave" or "change" (got keys ${keys.join(", ")})`,
        );
      }
      if (hasWave) this.wave(v.wave, `${path}.wave`);
      if (hasChange) this.wavePair(v.change, `${path}.change`, "[from wave, to wave]");
      if (has(v, "time") && !(typeof v.time === "number" && Number.isFinite(v.time))) {
        this.add(`${path}.time`, `expected a number of minutes, got ${show(v.time)}`);
      }
      this.noExtra(v, ["measure", "wave", "change", "time"], path);
    } else {
      this.add(path, `expected a value reference (${forms}), got keys ${show(keys)}`);
    }
  }

  noExtra(obj: Record<string, unknown>, allowed: readonly string[], path: string): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) {
        this.add(`${path}.${k}`, `unknown field (expected only: ${allowed.join(", ")})`);
      }
    }
  }

  required(obj: Record<string, unknown>, key: string, path: string): boolean {
    if (!has(obj, key) || obj[key] === undefined) {
      this.add(`${path}.${key}`, "missing required field");
      return false;
    }
    return true;
  }

  oneOfLiteral(v: unknown, path: string, options: readonly string[]): void {
    if (v === undefined) return;
    if (typeof v !== "string" || !options.includes(v)) {
      this.add(path, `expected one of ${options.map((o) => `"${o}"`).join(", ")}, got ${show(v)}`);
    }
  }
}

/** A {@link Checker} bound to one raw spec and its path, as a kind's `validate` sees it. */
export class SpecChecker extends Checker {
  constructor(
    known: KnownNames,
    /** The raw spec (a mapping). */
    readonly raw: Record<string, unknown>,
    /** Where it sits in the study file, e.g. `analyses[2]`. */
    readonly path: string,
  ) {
    super(known);
  }

  /** The path of one of the spec's fields. */
  at(key: string): string {
    return `${this.path}.${key}`;
  }

  /** Reports a missing required field; true when present. */
  req(key: string): boolean {
    return this.required(this.raw, key, this.path);
  }
}
