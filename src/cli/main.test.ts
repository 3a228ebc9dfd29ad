import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../io/nodeData.js";
import { main } from "./main.js";
import { cliHarness } from "./testHarness.js";

const cli = cliHarness("main");

describe("kindsim main", () => {
  it("with no arguments prints help on cli.stderr and exits 2", async () => {
    expect(await main([])).toBe(2);
    expect(cli.stderr).toContain("Usage: kindsim");
    expect(cli.stderr).toContain("simulate");
    expect(cli.stdout).toBe("");
  });

  it("a command group without its sub-command prints its help and exits 2", async () => {
    expect(await main(["model"])).toBe(2);
    expect(cli.stderr).toContain("Usage: kindsim model");
  });

  it("--help and --version exit 0", async () => {
    expect(await main(["--help"])).toBe(0);
    expect(await main(["--version"])).toBe(0);
  });

  it("an unknown command or option exits 2", async () => {
    expect(await main(["nope"])).toBe(2);
    expect(await main(["simulate", "--bogus"])).toBe(2);
  });
});

/** Every .ts file under `dir` (tests excluded). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")
        ? [join(dir, e.name)]
        : [],
  );
}

describe("library error messages", () => {
  it("never mention a CLI flag (the CLI adds flag hints itself)", () => {
    const src = join(PACKAGE_ROOT, "src");
    const offenders: string[] = [];
    for (const file of sources(src)) {
      const rel = relative(src, file);
      if (rel.startsWith("cli")) continue;
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/new \w*Error\(\s*([`"'])(?:(?!\1)[\s\S])*?\1/g))
        if (/(^|[\s`"'(])--[a-z]/.test(m[0])) offenders.push(`${rel}: ${m[0].slice(0, 80)}`);
    }
    expect(offenders).toEqual([]);
  });
});
