/**
 * Runs the fast subset of the bad-input corpus (cases marked `fast: true`) through the command
 * line: no case may crash or hang, and the cases whose code part F owns (the file readers)
 * must get the class they expect. The whole corpus: `npm run bad-inputs`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

interface CaseResult {
  id: string;
  owner?: string;
  expect: string;
  got: string;
  message: string;
}

const root = join(import.meta.dirname, "../..");

/** Newest modification time of the TypeScript sources under `dir` (tests are not built). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const source = /\.ts$/.test(e.name) && !/\.(test|testkit)\.ts$/.test(e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : source ? statSync(p).mtimeMs : 0);
  }
  return t;
}

/** The built CLI when it is newer than the sources, else the sources through tsx. */
const built = join(root, "dist/cli/main.js");
const useBuild = existsSync(built) && statSync(built).mtimeMs >= newest(join(root, "src"));

describe("bad-input corpus (fast subset)", () => {
  it("no case crashes or hangs, and the readers' cases are clear", { timeout: 240_000 }, () => {
    const args = ["scripts/bad-inputs.mjs", "--fast", "--json", "--timeout", "60000"];
    if (!useBuild) args.push("--source");
    let out: string;
    try {
      out = execFileSync("node", args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
    } catch (e) {
      out = (e as { stdout: string }).stdout; // exit 1 when some case crashed or hung
    }
    const { results } = JSON.parse(out) as { results: CaseResult[] };
    expect(results.length).toBeGreaterThan(10);
    const line = (r: CaseResult): string => `${r.got} ${r.id}: ${r.message}`;
    expect(results.filter((r) => r.got === "crash" || r.got === "hang").map(line)).toEqual([]);
    expect(results.filter((r) => r.owner === "F" && r.got !== r.expect).map(line)).toEqual([]);
  });
});
