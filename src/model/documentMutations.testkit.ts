/**
 * fast-check arbitraries for property tests of the file readers: random documents, and
 * mutations of shipped files (delete a key, change a type, insert a built-in name, a huge
 * number, NaN, deep nesting, an empty or long string). Test support only: not built
 * (tsconfig.build.json excludes `*.testkit.ts`). fast-check is the maintained property-testing
 * library for TypeScript; it shrinks a failing document to a minimal counterexample.
 */

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { InputError, ValidationError } from "./issues.js";

/** Names an object answers from Object.prototype. */
export const BUILTIN_NAMES = ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"];

/** Cases per property: enough to find the usual holes, few enough to keep the suite fast. */
export const RUNS = 200;

/** Longest a reader may take on one document (it must never hang). */
export const MAX_MS = 2000;

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

const SMALL: unknown[] = [null, "", 0, -1, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY];
SMALL.push(true, [], {}, ...BUILTIN_NAMES);
const HUGE: unknown[] = ["x".repeat(100_000), Array(200_000).fill("a").join(" + "), nested(1000)];

/** Values a new user (or a broken editor) might put anywhere in a file, but none of great size. */
export const smallBadValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...SMALL),
  fc.string({ maxLength: 20 }),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Values a new user might put anywhere: {@link smallBadValue}, a long string, a 200,000-term formula, 1,000 levels of nesting. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  { weight: 8, arbitrary: smallBadValue },
);

/** One edit of a document at a path chosen by `steps` (indices into keys at each level). */
export interface Mutation {
  steps: number[];
  op: "delete" | "set" | "addKey" | "wrapList";
  value: unknown;
  key: string;
}

/** Mutations setting values drawn from `values`. */
export function mutation(values: fc.Arbitrary<unknown> = badValue): fc.Arbitrary<Mutation> {
  return fc.record({
    steps: fc.array(fc.nat(), { minLength: 1, maxLength: 7 }),
    op: fc.constantFrom<Mutation["op"]>("delete", "set", "set", "addKey", "wrapList"),
    value: values,
    key: fc.constantFrom(...BUILTIN_NAMES, "extra", "id"),
  });
}

/** Applies a mutation to `doc` in place (the root itself is never replaced). */
export function applyMutation(doc: unknown, m: Mutation): void {
  let o = doc as Record<string, unknown>;
  for (let i = 0; i < m.steps.length; i++) {
    const keys = Object.keys(o);
    if (keys.length === 0) break;
    const k = keys[m.steps[i] % keys.length];
    const child = o[k];
    const last = i === m.steps.length - 1 || child === null || typeof child !== "object";
    if (!last) {
      o = child as Record<string, unknown>;
      continue;
    }
    if (m.op === "delete") {
      if (Array.isArray(o)) o.splice(Number(k), 1);
      else delete o[k];
    } else if (m.op === "set") o[k] = m.value;
    else if (m.op === "wrapList") o[k] = [child];
    // YAML and JSON lists have no keys: a key is added to the nearest object only.
    else if (Array.isArray(o)) o[k] = m.value;
    else
      Object.defineProperty(o, m.key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return;
  }
}

/** A shipped document with one to three mutations (values from `values`). */
export function mutated(base: unknown, values?: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.array(mutation(values), { minLength: 1, maxLength: 3 }).map((ms) => {
    const doc = structuredClone(base);
    for (const m of ms) applyMutation(doc, m);
    return doc;
  });
}

/** Random documents: anything at all, or objects with some of the reader's own keys. */
export function randomDocument(keys: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    badValue,
    fc.dictionary(fc.constantFrom(...keys, ...BUILTIN_NAMES), badValue, { maxKeys: 8 }),
  );
}

/**
 * Runs a reader on one document: it must answer within {@link MAX_MS}, and fail only with the
 * input-error types, naming a field (every ValidationError issue has a path, shown in the message).
 */
export function expectReadOrInputError(read: () => unknown): void {
  const t0 = performance.now();
  try {
    read();
  } catch (e) {
    if (e instanceof ValidationError) {
      expect(e.issues.length).toBeGreaterThan(0);
      for (const i of e.issues) {
        expect(i.path).toMatch(/\S/);
        expect(i.message).toMatch(/\S/);
      }
      expect(e.message).toContain(`  ${e.issues[0].path}: `);
    } else if (e instanceof InputError) {
      expect(e.message).toMatch(/\S/);
    } else throw e;
  }
  expect(performance.now() - t0).toBeLessThan(MAX_MS);
}

/** A file reader under property test: see {@link readerProperties}. */
export interface ReaderUnderTest {
  /** What the reader reads, e.g. "paradigm" (names the describe block and the temp file). */
  name: string;
  /** Shipped or example documents that mutations start from. */
  shipped: readonly unknown[];
  /** Keys the reader knows, for random documents that look a little like its files. */
  keys: readonly string[];
  /** Reads a parsed document. */
  read: (doc: unknown) => unknown;
  /** Reads a file from disk. */
  load: (path: string) => unknown;
  /** Cases for the file test, which is slower (default 30). */
  fileRuns?: number;
}

/**
 * The three properties every file reader must have: mutated shipped documents and random
 * documents give a value or an input error naming a field, fast; and reading a file from
 * disk writes nothing beside it.
 */
export function readerProperties(r: ReaderUnderTest): void {
  const base = fc.constantFrom(...r.shipped);
  describe(`${r.name} reader: random and mutated documents`, () => {
    const dir = mkdtempSync(join(tmpdir(), `kindsim-${r.name}-prop-`));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it(`mutations of shipped ${r.name} documents give a value or an input error naming a field`, () => {
      const docs = base.chain((d) => mutated(d));
      fc.assert(fc.property(docs, (doc) => expectReadOrInputError(() => r.read(doc))), {
        numRuns: RUNS,
      });
    });

    it(`random documents give a ${r.name} or an input error naming a field`, () => {
      fc.assert(
        fc.property(randomDocument(r.keys), (doc) => expectReadOrInputError(() => r.read(doc))),
        { numRuns: RUNS },
      );
    });

    it(`${r.name} files read from disk write nothing beside them`, () => {
      const file = join(dir, `${r.name}.yaml`);
      fc.assert(
        fc.property(
          base.chain((d) => mutated(d, smallBadValue)),
          (doc) => {
            writeFileSync(file, stringify(doc));
            expectReadOrInputError(() => r.load(file));
            expect(readdirSync(dir)).toEqual([`${r.name}.yaml`]);
          },
        ),
        { numRuns: r.fileRuns ?? 30 },
      );
    });
  });
}

/**
 * The issues (`path: message`) of the ValidationError that `run` throws for a file called
 * `what` (default "my file"); fails the test when `run` succeeds or throws anything else.
 */
export function validationProblems(run: () => unknown, what = "my file"): string[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as Error).message.startsWith(`${what} is invalid`)).toBe(true);
    return (e as ValidationError).issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error("expected a ValidationError");
}
