#!/usr/bin/env node
/**
 * Runs the bad-input corpus (test-fixtures/bad-inputs/cases.yaml) against the command line and
 * classifies each outcome:
 * - clear: exit 2 and the message names the field, option, file or value at fault;
 * - unclear: exit 2 naming nothing, or exit 1 with a readable message;
 * - silent: exit 0 for an input that should have been refused;
 * - crash: a stack trace, an internal error message (TypeError etc.) or a signal;
 * - hang: no answer within the timeout;
 * - ok / bogus: for `expect: ok` cases (valid but tricky input), accepted / refused.
 *
 * Usage: node scripts/bad-inputs.mjs [--root DIR] [--source] [--only ID,...] [--fast]
 *          [--timeout MS] [--jobs K] [--json]
 *   --root    the kindsim checkout whose built CLI (bin/kindsim.js) is run (default: this one)
 *   --source  run src/cli/main.ts through tsx instead of the build (no `npm run build` needed)
 *   --fast    only the cases marked `fast: true` (the subset the test suite runs)
 * Exit code: 0 when no case crashed or hung, 1 otherwise.
 */

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { clearTimeout, setTimeout } from "node:timers";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = resolve(HERE, "../test-fixtures/bad-inputs");

/** Messages of JavaScript's own errors: an input reached code that did not expect it. */
const INTERNAL =
  /Cannot read properties of|Cannot set properties of|is not a function|is not iterable|Maximum call stack size exceeded|Invalid array length|Invalid string length|out of memory|Cannot convert undefined|Cannot destructure|is not a constructor/;
const STACK = /\n\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>)/;

function parseArgs(argv) {
  const o = { root: resolve(HERE, ".."), source: false, only: null, fast: false, json: false };
  o.timeout = 30_000;
  o.jobs = Math.min(2, availableParallelism());
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--root") o.root = resolve(argv[++i]);
    else if (a === "--source") o.source = true;
    else if (a === "--only") o.only = new Set(argv[++i].split(","));
    else if (a === "--fast") o.fast = true;
    else if (a === "--json") o.json = true;
    else if (a === "--timeout") o.timeout = Number(argv[++i]);
    else if (a === "--jobs") o.jobs = Number(argv[++i]);
    else throw new Error(`bad-inputs: unknown argument ${a}`);
  }
  return o;
}

/** Replaces `{dir}` (the case's folder), `{root}` (the checkout) and `{fixtures}` in text. */
const fill = (s, vars) =>
  s
    .replaceAll("{dir}", vars.dir)
    .replaceAll("{root}", vars.root)
    .replaceAll("{fixtures}", FIXTURES);

/** The text of a generated piece: a string, or `{ repeat, times, then }`. */
function piece(v) {
  if (typeof v === "string") return v;
  return v.repeat.repeat(v.times) + (v.then ?? "");
}

/** Builds one file of a case: literal text, or a shipped file with edits. */
function fileText(spec, vars) {
  if (typeof spec === "string") return fill(spec, vars);
  let text = spec.from ? readFileSync(fill(spec.from, vars), "utf8") : piece(spec.text ?? "");
  for (const [from, to] of spec.rename ?? [])
    text = text.replace(new RegExp(`\\b${from}\\b`, "g"), piece(to));
  for (const [from, to] of spec.replace ?? []) {
    if (!text.includes(from)) throw new Error(`bad-inputs: ${JSON.stringify(from)} not found`);
    text = text.replace(from, piece(to));
  }
  if (spec.append) text += piece(spec.append);
  return fill(text, vars);
}

function prepare(c, vars) {
  for (const [name, spec] of Object.entries(c.files ?? {})) {
    const path = join(vars.dir, name);
    if (spec === "dir") mkdirSync(path, { recursive: true });
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, fileText(spec, vars));
    }
  }
  return (c.args ?? []).map((a) => fill(String(a), vars));
}

/** Runs one command in its own process group; kills the group on timeout. */
function run(cmd, args, cwd, timeout, running) {
  return new Promise((done) => {
    const t0 = Date.now();
    const child = spawn(cmd[0], [...cmd.slice(1), ...args], {
      cwd,
      detached: true,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child.pid);
    const out = { stdout: "", stderr: "" };
    const keep = (k) => (b) => {
      if (out[k].length < 200_000) out[k] += b.toString();
    };
    child.stdout.on("data", keep("stdout"));
    child.stderr.on("data", keep("stderr"));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, timeout);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      running.delete(child.pid);
      done({ ...out, code, signal, timedOut, ms: Date.now() - t0 });
    });
  });
}

/** Whether a message names what was wrong: a field path, an option, a file or the bad value. */
export function namesField(message, args, dir) {
  if (dir && message.includes(dir)) return true; // names a file of the case
  if (/^\s+\S+: /m.test(message)) return true; // a ValidationError line "  path: message"
  if (/--[a-z][a-z-]*/.test(message)) return true;
  if (/(^|[\s"'`(])[A-Za-z_$][\w$]*(\[\d+\]|\.[A-Za-z_$][\w$]*)+([:\s,)]|$)/m.test(message))
    return true; // a path such as nodes[3].tau or parameters.m1
  if (/\([a-z]+\)[.:[]/.test(message) || /line \d+, column \d+/.test(message)) return true;
  for (const a of args) {
    const parts = [a, ...a.split(/[=:,]/)].filter((p) => p.length > 0);
    for (const p of parts) {
      if (p.includes("/") && message.includes(p)) return true;
      if (message.includes(JSON.stringify(p)) || message.includes(`'${p}'`)) return true;
    }
  }
  return false;
}

export function classify(r, c, args, dir) {
  if (r.timedOut) return "hang";
  const text = `${r.stderr}\n${r.stdout}`;
  if (r.signal || ![0, 1, 2].includes(r.code) || STACK.test(text) || INTERNAL.test(r.stderr))
    return "crash";
  if (c.expect === "ok") return r.code === 0 ? "ok" : "bogus";
  if (r.code === 0) return "silent";
  if (r.code === 1) return "unclear";
  return namesField(r.stderr, args, dir) ? "clear" : "unclear";
}

/** Loads the corpus, optionally only some cases. */
export function loadCases(o = {}) {
  const all = parse(readFileSync(join(FIXTURES, "cases.yaml"), "utf8"), { maxAliasCount: -1 });
  return all.filter((c) => (!o.only || o.only.has(c.id)) && (!o.fast || c.fast));
}

/** Runs the corpus; returns one result per case. */
export async function runCorpus(o) {
  const cases = loadCases(o);
  const ids = new Set();
  for (const c of cases) {
    if (ids.has(c.id)) throw new Error(`bad-inputs: duplicate case id ${c.id}`);
    ids.add(c.id);
  }
  const work = mkdtempSync(join(tmpdir(), "kindsim-bad-inputs-"));
  let cmd = ["node", join(o.root, "bin/kindsim.js")];
  if (o.source) {
    const entry = join(work, "entry.mjs");
    const main = join(o.root, "src/cli/main.ts");
    writeFileSync(
      entry,
      `const { main } = await import(${JSON.stringify(main)});\nmain(process.argv.slice(2)).then((c) => process.exit(c));\n`,
    );
    cmd = ["node", "--import", "tsx", entry];
  }
  const running = new Set();
  const stop = () => {
    for (const pid of running) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  const results = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      const c = cases[i];
      const dir = join(work, `case-${i}`);
      mkdirSync(dir);
      const vars = { dir, root: o.root };
      const args = prepare(c, vars);
      const r = await run(cmd, args, o.source ? o.root : dir, c.timeout ?? o.timeout, running);
      const got = classify(r, c, args, dir);
      const message = (r.stderr.trim() || r.stdout.trim()).split("\n").slice(0, 3).join(" | ");
      results[i] = {
        id: c.id,
        about: c.about,
        owner: c.owner,
        expect: c.expect,
        got,
        code: r.code,
        ms: r.ms,
        message,
      };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.jobs) }, worker));
  process.off("SIGINT", stop);
  process.off("SIGTERM", stop);
  rmSync(work, { recursive: true, force: true });
  return results;
}

/** Counts per class, in report order. */
export function countsOf(results) {
  const counts = {
    tried: results.length,
    clear: 0,
    unclear: 0,
    silent: 0,
    crash: 0,
    hang: 0,
    ok: 0,
    bogus: 0,
  };
  for (const r of results) counts[r.got]++;
  return counts;
}

async function cli() {
  const o = parseArgs(process.argv.slice(2));
  const results = await runCorpus(o);
  const counts = countsOf(results);
  if (o.json) {
    process.stdout.write(JSON.stringify({ counts, results }, null, 2) + "\n");
  } else {
    const w = (s, n) => String(s).slice(0, n).padEnd(n);
    const bad = results.filter((r) => r.got !== "clear" && r.got !== "ok");
    process.stdout.write(
      Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") + "\n",
    );
    if (bad.length > 0) {
      process.stdout.write(`\n${w("class", 8)} ${w("case", 34)} ${w("owner", 6)} exit message\n`);
      for (const r of bad)
        process.stdout.write(
          `${w(r.got, 8)} ${w(r.id, 34)} ${w(r.owner ?? "", 6)} ${w(r.code ?? "-", 4)} ${r.message.slice(0, 150)}\n`,
        );
    }
  }
  process.exitCode = counts.crash + counts.hang > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await cli();
