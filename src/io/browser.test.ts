/**
 * The core runs in a browser: its entries bundle with Vite for the browser with no Node
 * built-in, and a small cohort run in Debian's Chromium gives Node's bytes.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Plugin } from "vite";
import { afterAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "./nodeData.js";

const SRC = join(PACKAGE_ROOT, "src");
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

/** Fails the build on any Node built-in (Vite would otherwise stub it with a warning). */
function forbidNodeBuiltins(): Plugin {
  return {
    name: "forbid-node-builtins",
    enforce: "pre",
    resolveId(id, importer) {
      if (id.startsWith("node:") || builtinModules.includes(id))
        this.error(`${importer ?? "(entry)"} imports the Node built-in ${id}`);
      return null;
    },
  };
}

/** The browser-safe entries of package.json's exports, by subpath name. */
const CORE_ENTRIES: Record<string, string> = {
  index: join(SRC, "index.ts"),
  ...Object.fromEntries(
    ["model", "engine", "numeric", "sim", "measure", "study", "plot"].map((l) => [
      l,
      join(SRC, l, "index.ts"),
    ]),
  ),
};

/** Module ids of a Vite build's chunks. */
function moduleIdsOf(result: Awaited<ReturnType<typeof build>>): string[] {
  const outputs = Array.isArray(result) ? result : [result];
  return outputs.flatMap((o) =>
    "output" in o ? o.output.flatMap((c) => (c.type === "chunk" ? c.moduleIds : [])) : [],
  );
}

describe("the core in a browser", () => {
  it("bundles every core entry (kindsim, kindsim/model, … kindsim/plot) for the browser with no Node built-in, CLI or io/", async () => {
    const result = await build({
      configFile: false,
      root: PACKAGE_ROOT,
      logLevel: "warn",
      plugins: [forbidNodeBuiltins()],
      build: {
        outDir: tempDir("kindsim-core-"),
        emptyOutDir: true,
        minify: false,
        lib: { entry: CORE_ENTRIES, formats: ["es"] },
      },
    });
    const ids = moduleIdsOf(result).map((m) => m.replace(/\\/g, "/"));
    expect(ids.some((m) => m.endsWith("src/sim/simulateCohort.ts"))).toBe(true);
    expect(ids.filter((m) => /\/src\/(io|cli)\//.test(m))).toEqual([]);
  });

  it("the Node entry (kindsim/node) is the one that needs Node", async () => {
    await expect(
      build({
        configFile: false,
        root: PACKAGE_ROOT,
        logLevel: "silent",
        plugins: [forbidNodeBuiltins()],
        build: {
          outDir: tempDir("kindsim-node-"),
          write: false,
          lib: { entry: join(SRC, "io/index.ts"), formats: ["es"] },
        },
      }),
    ).rejects.toThrow(/Node built-in/);
  });
});
