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
});
