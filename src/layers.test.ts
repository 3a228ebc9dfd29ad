import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url).pathname;

async function lint(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: root + filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("layer boundaries (eslint.config.js)", () => {
  it("reject an import from a higher layer", async () => {
    const messages = await lint(
      "src/numeric/wrongWay.ts",
      'import { resolveModel } from "../model/loadModel.js";\nexport const m = resolveModel;\n',
    );
    expect(messages.some((m) => m.startsWith("boundaries/dependencies"))).toBe(true);
  });

  it("reject the public API loading the command line", async () => {
    const messages = await lint("src/apiWrongWay.ts", 'export { main } from "./cli/main.js";\n');
    expect(messages.some((m) => m.startsWith("boundaries/dependencies"))).toBe(true);
  });

  it("accept an import from a lower layer", async () => {
    const messages = await lint(
      "src/sim/rightWay.ts",
      'import { RandomStream } from "../numeric/random.js";\nexport const r = RandomStream;\n',
    );
    expect(messages).toEqual([]);
  });

  it("reject Node built-ins and import.meta in the browser-safe core", async () => {
    const messages = await lint(
      "src/sim/nodeOnly.ts",
      [
        'import { readFileSync } from "node:fs";',
        'import { join } from "path";',
        "export const here = new URL('.', import.meta.url);",
        'export const os = () => import("node:os");',
        "export const f = [readFileSync, join];",
        "",
      ].join("\n"),
    );
    const rules = messages.map((m) => m.split(":")[0]);
    expect(rules.filter((r) => r === "no-restricted-imports")).toHaveLength(2);
    expect(rules.filter((r) => r === "no-restricted-syntax")).toHaveLength(2);
    expect(messages.join("\n")).toMatch(/Node-only: the core must run in a browser/);
  });

  it("allow Node built-ins in io/ and in tests", async () => {
    const code = 'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n';
    expect(await lint("src/io/readsFiles.ts", code)).toEqual([]);
    expect(await lint("src/sim/readsFiles.test.ts", code)).toEqual([]);
  });
});

describe("function length (eslint.config.js)", () => {
  /** A function whose body is `statements` one-line statements, with a blank line and a comment after each. */
  const fn = (statements: number): string =>
    [
      "export function f(): number {",
      "  let s = 0;",
      ...Array.from({ length: statements }, (_, i) => `  s += ${i};\n\n  // step ${i}`),
      "  return s;",
      "}",
      "",
    ].join("\n");

  it("rejects a function over 120 lines in src/ (blank lines and comments not counted)", async () => {
    // 117 statements + signature, `let`, `return` and `}` = 121 counted lines.
    expect(await lint("src/numeric/tooLong.ts", fn(117))).toEqual([
      "max-lines-per-function: Function 'f' has too many lines (121). Maximum allowed is 120.",
    ]);
    expect(await lint("src/numeric/longEnough.ts", fn(116))).toEqual([]);
  });

  it("leaves tests alone", async () => {
    expect(await lint("src/numeric/tooLong.test.ts", fn(200))).toEqual([]);
  });
});
