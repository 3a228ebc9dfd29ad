import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ValidationError } from "../model/issues.js";
import type { Model } from "../model/types.js";
import { validateModel } from "../model/validateModel.js";
import { isValidatedModel } from "../model/validatedModel.js";
import { compileModel, ensureValidated } from "./compileModel.js";

const raw = (): Model =>
  parse(
    readFileSync(
      fileURLToPath(new URL("./compile/__fixtures__/tiny.yaml", import.meta.url)),
      "utf8",
    ),
  ) as Model;
const g = globalThis as { __pwned?: number };
const PAYLOAD = "0), (globalThis.__pwned = 1), (0";

describe("compileModel accepts only a validated model", () => {
  afterEach(() => delete g.__pwned);

  it("compiles what validateModel produced without validating again", () => {
    const m = validateModel(raw());
    expect(isValidatedModel(m)).toBe(true);
    expect(ensureValidated(m)).toBe(m);
    expect(compileModel(m).model).toBe(m);
  });

  it("validates an object it did not see validated (a clone, a hand-built model)", () => {
    const m = raw();
    expect(isValidatedModel(m)).toBe(false);
    const cm = compileModel(m);
    expect(isValidatedModel(cm.model)).toBe(true);
    expect(cm.model).not.toBe(m);
  });

  it("refuses an unvalidated model with code in a range string", () => {
    const m = raw();
    const slow = m.nodes.find((n) => n.level === "slow")!;
    (slow as { range: unknown }).range = [PAYLOAD, 1];
    expect(() => compileModel(m)).toThrow(ValidationError);
    expect(() => compileModel(m)).toThrow(/nodes\[\d+\]\.range\[0\]/);
    expect(g.__pwned).toBeUndefined();
  });

  it("refuses an unvalidated model with code in a formula or a parameter value", () => {
    const m = raw();
    m.nodes.find((n) => n.level === "fast")!.equation = `sigmoid(${PAYLOAD})`;
    expect(() => compileModel(m)).toThrow(ValidationError);
    const m2 = raw();
    (m2.parameters.a0 as { value: unknown }).value = PAYLOAD;
    expect(() => compileModel(m2)).toThrow(ValidationError);
    expect(g.__pwned).toBeUndefined();
  });

  it("refuses a validated model altered afterwards to hold text where a number belongs", () => {
    const m = validateModel(raw());
    (m.nodes.find((n) => n.level === "slow")! as { range: unknown }).range = [PAYLOAD, 1];
    expect(() => compileModel(m)).toThrow(/expected a finite number/);
    const m2 = validateModel(raw());
    (m2.parameters.a0 as { value: unknown }).value = PAYLOAD;
    expect(() => compileModel(m2)).toThrow(/expected a finite number/);
    expect(g.__pwned).toBeUndefined();
  });

  it("resolves names with own properties only (no Object.prototype members)", () => {
    const m = raw();
    m.nodes.find((n) => n.id === "A")!.equation = "sigmoid(toString)";
    expect(() => compileModel(m)).toThrow();
    expect(() => compileModel(validateModel(raw()), { params: { toString: 1 } })).toThrow(
      /parameters.toString: unknown parameter/,
    );
  });
});
