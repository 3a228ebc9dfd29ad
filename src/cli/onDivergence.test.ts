import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PACKAGE_ROOT } from "../io/nodeData.js";
import { main } from "./main.js";

const dir = mkdtempSync(join(tmpdir(), "kindsim-divergence-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const shipped = readFileSync(join(PACKAGE_ROOT, "models/mascaro2015.yaml"), "utf8");
/** The shipped model with the first fast time constant (0.5 s) replaced. */
function modelWithTau(name: string, tau: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, shipped.replace("    tau: 0.5\n", `    tau: ${tau}\n`));
  return file;
}
const FAST = modelWithTau("fast", "0.001");
const SOME = modelWithTau("some", `"0.5*exp(-40*pos(attention - 0.4))"`);

let stdout = "";
let stderr = "";
beforeEach(() => {
  stdout = stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => ((stderr += String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe("divergence on the command line", () => {
  it("a model that validates with a 0.001 s time constant no longer runs silently", async () => {
    expect(await main(["model", "validate", FAST])).toBe(0);
    expect(await main(["simulate", "--model", FAST, "--n", "3", "--weeks", "1", "--quiet"])).toBe(
      2,
    );
    expect(stderr).toMatch(/fast node A \(0\.001 s\) is too short/);
    stderr = "";
    expect(await main(["episode", "--model", FAST])).toBe(2);
    expect(stderr).toMatch(/fast node A/);
    expect(stdout).not.toMatch(/e\+1\d/);
  });

  it("simulate fails with exit 2 naming participants, or drops them with a count", async () => {
    const args = ["simulate", "--model", SOME, "--n", "20", "--weeks", "1", "--quiet"];
    expect(await main(args)).toBe(2);
    expect(stderr).toMatch(/participant\(s\) diverged during equilibration.*participant \d+ at/);
    stderr = "";
    expect(await main([...args, "--threads", "2"])).toBe(2);
    stderr = "";
    expect(await main([...args, "--on-divergence", "drop", "--json"])).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.manifest.diverged).toBeGreaterThan(0);
    expect(stderr).toMatch(/warning: \d+ participant\(s\) diverged .* dropped/);
    expect(await main([...args, "--on-divergence", "maybe"])).toBe(2);
    expect(stderr).toMatch(/--on-divergence: expected "fail" or "drop"/);
  });

  it("episode reports a diverging person instead of printing huge values", async () => {
    expect(await main(["episode", "--model", SOME, "--person", "attention=0.9"])).toBe(2);
    expect(stderr).toMatch(/participant 0 at suffering episode: A =/);
  });
});
