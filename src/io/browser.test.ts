/**
 * The core runs in a browser: its entries bundle with Vite for the browser with no Node
 * built-in, and a small cohort run in Debian's Chromium gives Node's bytes, every float
 * included (transcendentals come from numeric/portableMath, not from the engine's Math.*).
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";
import { build, type Plugin } from "vite";
import { afterAll, describe, expect, it } from "vitest";
import { defaultModel } from "../model/loadModel.js";
import { modelHash } from "../model/modelHash.js";
import { inThreadCohortRunner } from "../sim/cohortRunner.js";
import { portableMath } from "../numeric/portableMath.js";
import { resolvePopulation } from "../sim/population.js";
import { resolveProtocol } from "../sim/protocol.js";
import { runCohort } from "../sim/runCohort.js";
import { blockAssignment, type CohortResult } from "../sim/simulateCohort.js";
import { PACKAGE_ROOT } from "./nodeData.js";
import { workerCohortRunner } from "./workerCohortRunner.js";

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

/** Debian's Chromium (stack.md §6); `.ci/run` installs it when missing. */
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI !== "true")
  console.warn(
    `browser.test.ts: ${CHROMIUM} is missing, skipping the Chromium run (apt-get install chromium; in CI it fails)`,
  );

/**
 * Every field of a cohort result as text, typed arrays as the hex of their bytes: equal
 * strings mean byte-identical results. Runs in the page too (sent as source), so it uses
 * nothing but the language.
 */
function resultBytes(r: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) {
    const v = r[k];
    if (ArrayBuffer.isView(v)) {
      const b = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      out[k] =
        `${v.constructor.name}:${Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("")}`;
    } else out[k] = JSON.stringify(v);
  }
  return out;
}

/**
 * Hex bits of portableMath's functions on 3000 fixed arguments (built from integers, so
 * exact everywhere) spanning their ranges. Runs in the page too (sent as source).
 */
function mathBytes(pm: Record<string, (...a: number[]) => number>): string {
  const f = new Float64Array(1);
  const b = new Uint8Array(f.buffer);
  const parts: string[] = [];
  const put = (v: number): void => {
    f[0] = v;
    parts.push(Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(""));
  };
  for (let i = 1; i <= 500; i++) {
    const t = (i * 7919) % 1000; // 0..999, scrambled
    put(pm.exp(-745 + (1455 * t) / 999));
    put(pm.log(2 ** (t - 600) * (1 + i / 500)));
    put(pm.pow((t + 1) / 37, (i - 250) / 9));
    put(pm.sin((t - 500) * 2001.5 + i / 64));
    put(pm.cos((t - 500) * 3.25 + i / 1024));
    put(pm.tanh((t - 500) / 40));
  }
  return parts.join("");
}

/** The small cohort both hosts run: 20 people, 1 week, seed 5, two arms, in-thread runner. */
const PROBE = `
import {
  blockAssignment, defaultModel, inThreadCohortRunner, modelHash, portableMath, resolvePopulation,
  resolveProtocol, runCohort,
} from ${JSON.stringify(join(SRC, "index.ts"))};
const resultBytes = ${resultBytes.toString()};
const mathBytes = ${mathBytes.toString()};
const model = defaultModel();
const spec = {
  seed: 5,
  days: 7,
  population: resolvePopulation("healthy-adults", model),
  arms: ["cbct", "health-education"].map((id) => ({ id, protocol: resolveProtocol(id, model) })),
  assignment: blockAssignment([10, 10]),
};
runCohort(model, spec, { runner: inThreadCohortRunner }).then(
  (r) => { window.__kindsim = { hash: modelHash(model), bytes: resultBytes(r), math: mathBytes(portableMath) }; },
  (e) => { window.__kindsim = { error: String(e && e.stack || e) }; },
);
`;

/** Node's run of {@link PROBE} with `runner`. */
async function nodeProbe(
  runner = inThreadCohortRunner,
  threads = 1,
): Promise<{ hash: string; bytes: Record<string, string> }> {
  const model = defaultModel();
  const spec = {
    seed: 5,
    days: 7,
    population: resolvePopulation("healthy-adults", model),
    arms: ["cbct", "health-education"].map((id) => ({ id, protocol: resolveProtocol(id, model) })),
    assignment: blockAssignment([10, 10]),
  };
  const r: CohortResult = await runCohort(model, spec, { runner, threads });
  return { hash: modelHash(model), bytes: resultBytes(r as unknown as Record<string, unknown>) };
}

/** Builds the probe page with Vite into a temp folder; returns the folder. */
async function buildProbePage(): Promise<string> {
  const app = tempDir("kindsim-probe-src-");
  const out = tempDir("kindsim-probe-out-");
  writeFileSync(join(app, "probe.js"), PROBE);
  writeFileSync(
    join(app, "index.html"),
    '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head>' +
      '<body><script type="module" src="./probe.js"></script></body></html>',
  );
  await build({
    configFile: false,
    root: app,
    logLevel: "warn",
    plugins: [forbidNodeBuiltins()],
    build: { outDir: out, emptyOutDir: true, minify: false },
  });
  return out;
}

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
};

/** A static file server for `dir` on 127.0.0.1 (a free port). */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    const file = join(dir, path === "/" ? "index.html" : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** Opens `url` in headless Chromium and returns what the probe left in `window.__kindsim`. */
async function runInChromium(url: string): Promise<unknown> {
  const profile = tempDir("chromium-profile-");
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url);
    await page
      .waitForFunction(() => (globalThis as { __kindsim?: unknown }).__kindsim, null, {
        timeout: 60_000,
      })
      .catch((e: unknown) => {
        throw new Error(`the probe did not finish: ${errors.join("; ") || String(e)}`);
      });
    return await page.evaluate(() => (globalThis as { __kindsim?: unknown }).__kindsim);
  } finally {
    await ctx.close();
  }
}

describe("a cohort in Debian's Chromium", () => {
  afterAll(() => workerCohortRunner.close());

  it.skipIf(!hasChromium && process.env.CI !== "true")(
    "gives Node's result byte for byte (20 people, 1 week, seed 5, in-thread runner)",
    async () => {
      if (!hasChromium)
        throw new Error(`${CHROMIUM} is missing (CI=true): install it with apt-get (.ci/run does)`);
      const node = await nodeProbe();
      // Node's worker threads give the same bytes, so the browser is compared with every Node runner.
      expect(await nodeProbe(workerCohortRunner, 2)).toEqual(node);
      const { server, url } = await serve(await buildProbePage());
      let browser: { hash?: string; bytes?: Record<string, string>; math?: string; error?: string };
      try {
        browser = (await runInChromium(url)) as typeof browser;
      } finally {
        await new Promise((ok) => server.close(ok));
      }
      expect(browser.error).toBeUndefined();
      expect(browser.hash).toBe(node.hash);
      const b = browser.bytes!;
      expect(Object.keys(b)).toEqual(Object.keys(node.bytes));
      // Every field, floats included: the core computes exp/log/pow/sin/cos/tanh with
      // numeric/portableMath (IEEE-exact operations only), not with the engine's Math.*.
      for (const [k, v] of Object.entries(node.bytes)) expect(b[k], k).toBe(v);
      // The portable functions themselves give Node's bits on 3000 arguments.
      expect(browser.math).toBe(mathBytes(portableMath));
    },
    120_000,
  );
});
