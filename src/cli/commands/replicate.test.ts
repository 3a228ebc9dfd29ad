import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../main.js";
import { cliHarness } from "../testHarness.js";

const cli = cliHarness("replicate-cli");
const dir = cli.dir;

describe("kindsim replicate", () => {
  it("kindsim replicate --only F19 --json prints the scorecard as JSON and exits 0", async () => {
    expect(await main(["replicate", "--only", "F19", "--json"])).toBe(0);
    expect(cli.stderr).toBe("");
    const card = JSON.parse(cli.stdout);
    expect(Object.keys(card).sort()).toEqual(["findings", "passed", "total"]);
    expect(card.total).toBe(1);
    expect(card.passed).toBe(1);
    expect(card.findings).toHaveLength(1);
    const f = card.findings[0];
    expect(f).toMatchObject({ id: "F19", passed: true, verdict: "pass" });
    expect(Object.keys(f).sort()).toEqual(["ci", "estimate", "id", "n", "passed", "verdict"]);
    expect(Number.isFinite(f.estimate)).toBe(true);
    expect(f.estimate).toBeGreaterThan(0);
    expect(f.ci).toHaveLength(2);
    expect(f.ci[0]).toBeGreaterThan(0);
    expect(f.ci[0]).toBeLessThanOrEqual(f.estimate);
    expect(f.ci[1]).toBeGreaterThanOrEqual(f.estimate);
    expect(Number.isInteger(f.n)).toBe(true);
    expect(f.n).toBeGreaterThan(300);
  });

  it("prints a table and writes scorecard.csv, scorecard.json and scorecard.svg with --out", async () => {
    const out = join(dir, "card");
    expect(
      await main(["replicate", "--only", "F19", "--threads", "1", "--quiet", "--out", out]),
    ).toBe(0);
    expect(cli.stdout).toMatch(/^finding\s+verdict\s+estimate\s+95% CI\s+N\s+claim \(design\)\n/);
    expect(cli.stdout).toMatch(/\nF19\s+pass\s+\d/);
    expect(cli.stdout).toContain("1/1 findings reproduced; 0 unexpected failure(s)");
    expect(readdirSync(out).sort()).toEqual([
      "manifest.json",
      "scorecard.csv",
      "scorecard.json",
      "scorecard.svg",
    ]);
    const csv = readFileSync(join(out, "scorecard.csv"), "utf8").trimEnd().split("\n");
    expect(csv[0]).toBe(
      "finding,claim,citation,design,analysis,verdict,passed,estimate,metric,units,ci_low,ci_high,p,n,robustness,reason",
    );
    expect(csv).toHaveLength(2);
    expect(csv[1]).toMatch(/^F19,.*,pain_ai,pass,true,/);
    const json = JSON.parse(readFileSync(join(out, "scorecard.json"), "utf8"));
    expect(json).toMatchObject({ passed: 1, total: 1, unexpectedFailures: 0 });
    const svg = readFileSync(join(out, "scorecard.svg"), "utf8");
    expect(svg).toContain("1/1 reproduced");
    // drawn by scorecardPlot: one panel per metric, labelled by the finding's metric
    expect(json.findings[0].metric).toBe("mean");
    expect(svg).toMatch(/>mean( \([^)]*\))?<\/text>/);
    expect(csv[1]).toMatch(/,mean,[^,]*,/);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ findings: ["F19"], seed: null, model: { variant: null } });
    expect(manifest.inputs[0].path).toMatch(/data\/findings\.yaml$/);
  });

  it("kindsim replicate --only NOPE exits non-zero with a clear message", async () => {
    const code = await main(["replicate", "--only", "NOPE", "--json"]);
    expect(code).not.toBe(0);
    expect(cli.stdout).toBe("");
    expect(cli.stderr).toMatch(/^kindsim: --only: no finding matches NOPE \(known: F7a, /);
    expect(cli.stderr).toContain("F19");
    expect(cli.stderr.split("\n").filter(Boolean)).toHaveLength(1); // one line, no stack trace
  });

  // BUG (minor, exit-code convention): main.ts documents 1 = "failure of the job itself" and
  // 2 = "bad input or usage", and replicate uses 1 for "a check failed". An unknown --only id
  // is bad usage, but selectFindings throws a plain Error, so it exits 1 and a script cannot
  // tell "no such finding" from "the model failed a finding".
  it("kindsim replicate --only NOPE exits 2 (bad usage), not 1 (a check failed)", async () => {
    expect(await main(["replicate", "--only", "NOPE"])).toBe(2);
  });

  it("exits 2 for a bad option value", async () => {
    expect(await main(["replicate", "--robustness", "0"])).toBe(2);
    expect(cli.stderr).toContain("--robustness expects a whole number from 1");
  });

  // BUG (minor): main(argv) returns `process.exitCode` when it is a number, but never resets
  // it. replicate sets process.exitCode = 1 when a check fails, so within one process (an
  // embedding program, a test suite) every later successful main(...) call also returns 1.
  // Simulated here by leaving process.exitCode as a failed replicate run leaves it.
  it("main returns 0 for a successful command after an earlier run set process.exitCode", async () => {
    process.exitCode = 1; // what `replicate` leaves behind after an unexpected failure
    expect(await main(["protocols", "--json"])).toBe(0);
  });

  it("accepts --variant and --set, checked before any run", async () => {
    expect(await main(["replicate", "--only", "F19", "--variant", "nope"])).toBe(2);
    expect(cli.stderr).toContain('--variant: unknown variant "nope"');
    expect(await main(["replicate", "--only", "F19", "--set", "a1=-1"])).toBe(2);
    expect(cli.stderr).toContain("--set: parameters.a1: -1 lies outside the support");
  });
});
