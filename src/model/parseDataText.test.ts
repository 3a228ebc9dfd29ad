import { describe, expect, it } from "vitest";
import { ValidationError } from "./issues.js";
import { parseDataText } from "./loadModel.js";

function problem(text: string): string {
  try {
    parseDataText(text, "my file");
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    const { path, message } = (e as ValidationError).issues[0];
    return `${path}: ${message}`;
  }
  throw new Error("expected a ValidationError");
}

describe("parseDataText: YAML that breaks the parser is a ValidationError", () => {
  it("an unresolved alias", () => {
    expect(problem("*!")).toMatch(/^\(document\): Unresolved alias/);
  });

  it("an alias bomb", () => {
    const rows = ["a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"];
    for (let i = 1; i < 6; i++)
      rows.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(", ")}]`,
      );
    expect(problem(rows.join("\n"))).toMatch(/^\(document\): Excessive alias count/);
  });

  it("nesting too deep for the parser", () => {
    expect(problem(`x: ${"[".repeat(5000)}${"]".repeat(5000)}`)).toMatch(
      /^line \d+, column \d+: the document is nested too deeply to read$/,
    );
  });
});
