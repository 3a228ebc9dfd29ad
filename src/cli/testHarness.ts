/**
 * The one harness for CLI tests: captures stdout and stderr around each test, resets the
 * exit code, and gives a scratch folder removed after the file's tests. Call
 * {@link cliHarness} at the top of a test file.
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { main } from "./main.js";

/** What a test sees: the captured output of the current test and a scratch folder. */
export interface CliHarness {
  readonly stdout: string;
  readonly stderr: string;
  /** Scratch folder for this test file. */
  readonly dir: string;
  /** Runs `kindsim ...args` and returns its exit code. */
  run(...args: string[]): Promise<number>;
  /** Forgets the output captured so far in this test. */
  clear(): void;
  /** Writes a small valid study (2 arms of 4, waves at days 0 and 7) with `extra` merged in. */
  studyFile(name: string, extra?: Record<string, unknown>): string;
}

/** The small valid study of {@link CliHarness.studyFile}. */
export const TINY_STUDY = {
  id: "tiny",
  title: "Tiny trial",
  seed: 2,
  arms: [
    { id: "lkm", protocol: "lkm", n: 4 },
    { id: "waitlist", protocol: "waitlist", n: 4 },
  ],
  waves: [
    { id: "pre", day: 0 },
    { id: "post", day: 7 },
  ],
  battery: ["questionnaires"],
};

/** Installs the capture hooks for this test file and returns the harness. */
export function cliHarness(name = "cli"): CliHarness {
  const dir = mkdtempSync(join(tmpdir(), `kindsim-${name}-`));
  const out = { stdout: "", stderr: "" };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    out.stdout = out.stderr = "";
    vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out.stdout += String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((s) => ((out.stderr += String(s)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  return {
    get stdout() {
      return out.stdout;
    },
    get stderr() {
      return out.stderr;
    },
    dir,
    run: (...args: string[]) => main(args),
    clear: () => void (out.stdout = out.stderr = ""),
    studyFile(name: string, extra: Record<string, unknown> = {}): string {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify({ ...TINY_STUDY, ...extra })); // JSON is YAML
      return path;
    },
  };
}
