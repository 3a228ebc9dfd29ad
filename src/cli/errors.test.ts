import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { InputError, ValidationError } from "../model/issues.js";
import { EXIT, errorMessage, exitCodeFor, withFlag } from "./errors.js";

describe("exitCodeFor", () => {
  it("maps input errors and usage errors to 2, anything else to 1, help and version to 0", () => {
    expect(exitCodeFor(new InputError("bad"))).toBe(EXIT.usage);
    expect(exitCodeFor(new ValidationError("f", [{ path: "a", message: "b" }]))).toBe(EXIT.usage);
    expect(exitCodeFor(new CommanderError(1, "commander.unknownOption", "x"))).toBe(EXIT.usage);
    expect(exitCodeFor(new CommanderError(1, "commander.help", "(outputHelp)"))).toBe(EXIT.usage);
    expect(exitCodeFor(new CommanderError(0, "commander.helpDisplayed", "x"))).toBe(EXIT.ok);
    expect(exitCodeFor(new CommanderError(0, "commander.version", "x"))).toBe(EXIT.ok);
    expect(exitCodeFor(new Error("boom"))).toBe(EXIT.failure);
    expect(exitCodeFor("thrown string")).toBe(EXIT.failure);
  });

  it("prints one line for our errors and nothing for commander's (it printed its own)", () => {
    expect(errorMessage(new InputError("bad value"))).toBe("kindsim: bad value\n");
    expect(errorMessage(new CommanderError(1, "commander.unknownOption", "x"))).toBeUndefined();
  });
});

describe("withFlag", () => {
  it("prefixes an InputError with the flag, synchronously or from a promise", async () => {
    expect(() =>
      withFlag("--n", () => {
        throw new InputError('sample sizes "x": expected numbers');
      }),
    ).toThrow('--n: sample sizes "x": expected numbers');
    await expect(withFlag("--n", () => Promise.reject(new InputError("late")))).rejects.toThrow(
      "--n: late",
    );
    expect(withFlag("--n", () => 3)).toBe(3);
  });

  it("leaves other errors alone", () => {
    expect(() =>
      withFlag("--n", () => {
        throw new Error("internal");
      }),
    ).toThrow(/^internal$/);
  });
});
