/**
 * Option blocks that several commands share, written once: each adds its options to a
 * command and returns it, so a command reads as a list of what it accepts.
 */

import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { intOption } from "./options.js";

/** Worker threads by default: up to 2, never more than the machine has. */
export const DEFAULT_THREADS = Math.max(1, Math.min(2, availableParallelism()));

/** `--seed <seed>`; `help` says what the default is. */
export function seedOption(cmd: Command, help = "random seed", fallback?: number): Command {
  return cmd.option("--seed <seed>", help, intOption("--seed", 0), fallback);
}

/** `--threads <k>` (default {@link DEFAULT_THREADS} unless given). */
export function threadsOption(cmd: Command, fallback = DEFAULT_THREADS): Command {
  return cmd.option("--threads <k>", "worker threads", intOption("--threads", 1, 256), fallback);
}

/** `--out <dir>` and `--force` (the folder is written whole; see src/io/outputFolder.ts). */
export function outOption(cmd: Command, what: string, fallback?: string): Command {
  return cmd
    .option("--out <dir>", `write ${what} here (a new or empty folder)`, fallback)
    .option("--force", "replace the --out folder whole if it is not empty");
}

/** `--on-divergence fail|drop` (default fail): what to do with participants whose states diverge. */
export function onDivergenceOption(cmd: Command): Command {
  return cmd.option(
    "--on-divergence <mode>",
    "participants whose states diverge: fail (stop, exit 2) or drop (exclude and count)",
    "fail",
  );
}

/** `--json` and `--quiet`. */
export function printOptions(cmd: Command, json = "print JSON"): Command {
  return cmd.option("--json", json).option("--quiet", "no progress reports");
}

/** `--variant <id>` and `--set <name=value...>` (and `--model <file>` when `withFile`). */
export function modelOptions(cmd: Command, withFile = true): Command {
  if (withFile)
    cmd.option("--model <file>", "model file (YAML or JSON); default: the embedded mascaro2015");
  return cmd
    .option("--variant <id>", "apply a named variant of the model")
    .option(
      "--set <name=value...>",
      "override parameters (checked against each parameter's prior support)",
    );
}

/** Options every file-writing, progress-reporting command has. */
export interface CommonOptions {
  seed?: number;
  threads: number;
  out?: string;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** Options of commands that take `--variant` and `--set`. */
export interface ModelChoice {
  model?: string;
  variant?: string;
  set?: string[];
}

/** Splits a comma-separated list, dropping blanks. */
export function list(s: string | undefined): string[] | undefined {
  return s
    ?.split(",")
    .map((x) => x.trim())
    .filter(Boolean);
}
