import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../io/nodeData.js";
import { cliHarness } from "./testHarness.js";

const cli = cliHarness("divergence");
const dir = cli.dir;
const shipped = readFileSync(join(PACKAGE_ROOT, "models/mascaro2015.yaml"), "utf8");
/** The shipped model with the first fast time constant (0.5 s) replaced. */
function modelWithTau(name: string, tau: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, shipped.replace("    tau: 0.5\n", `    tau: ${tau}\n`));
  return file;
}
const FAST = modelWithTau("fast", "0.001");
const SOME = modelWithTau("some", `"0.5*exp(-40*pos(attention - 0.4))"`);

describe("divergence on the command line", () => {
  it("a model that validates with a 0.001 s time constant no longer runs silently", async () => {
    expect(await cli.run("model", "validate", FAST)).toBe(0);
    expect(await cli.run("simulate", "--model", FAST, "--n", "3", "--weeks", "1", "--quiet")).toBe(
      2,
    );
    expect(cli.stderr).toMatch(/fast node attendOther \(0\.001 s\) is too short/);
    cli.clear();
    expect(await cli.run("episode", "--model", FAST)).toBe(2);
    expect(cli.stderr).toMatch(/fast node attendOther/);
    expect(cli.stdout).not.toMatch(/e\+1\d/);
  });

  it("simulate fails with exit 2 naming participants, or drops them with a count", async () => {
    const args = ["simulate", "--model", SOME, "--n", "20", "--weeks", "1", "--quiet"];
    expect(await cli.run(...args)).toBe(2);
    expect(cli.stderr).toMatch(
      /participant\(s\) diverged during equilibration.*participant \d+ at/,
    );
    cli.clear();
    expect(await cli.run(...args, "--threads", "2")).toBe(2);
    cli.clear();
    expect(await cli.run(...args, "--on-divergence", "drop", "--json")).toBe(0);
    const out = JSON.parse(cli.stdout);
    expect(out.manifest.diverged).toBeGreaterThan(0);
    expect(out.manifest.onDivergence).toBe("drop");
    expect(cli.stderr).toMatch(/warning: \d+ participant\(s\) diverged .* dropped/);
    expect(await cli.run(...args, "--on-divergence", "maybe")).toBe(2);
    expect(cli.stderr).toMatch(/--on-divergence: expected "fail" or "drop"/);
  });

  it("episode reports a diverging person instead of printing huge values", async () => {
    expect(await cli.run("episode", "--model", SOME, "--person", "attention=0.9")).toBe(2);
    expect(cli.stderr).toMatch(/participant 0 at suffering episode: attendOther =/);
  });
});
