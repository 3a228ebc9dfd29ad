/**
 * The one place where the CLI turns errors into exit codes and messages: an
 * {@link InputError} (anything the user wrote, including a {@link ValidationError}) and a
 * commander usage error exit 2; any other error is a failure of the job and exits 1.
 */

import { CommanderError } from "commander";
import { InputError } from "../model/issues.js";

/** Exit codes: 0 success, 1 failure of the job itself, 2 bad input or usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Commander codes that mean "the user asked for help or the version": success. */
const COMMANDER_OK = new Set(["commander.helpDisplayed", "commander.version"]);

/** The exit code for an error thrown while running a command. */
export function exitCodeFor(e: unknown): number {
  if (e instanceof CommanderError) return COMMANDER_OK.has(e.code) ? EXIT.ok : EXIT.usage;
  if (e instanceof InputError) return EXIT.usage;
  return EXIT.failure;
}

/**
 * The line(s) printed for an error, or undefined when commander has printed its own
 * (usage errors and help).
 */
export function errorMessage(e: unknown): string | undefined {
  if (e instanceof CommanderError) return undefined;
  return `kindsim: ${e instanceof Error ? e.message : String(e)}\n`;
}

/**
 * Runs `fn` and prefixes the message of any {@link InputError} it throws with the CLI flag
 * the value came from (`--n: sample sizes "20:10:5": …`): the library names the field, the
 * CLI names the flag.
 */
export function withFlag<T>(flag: string, fn: () => T): T {
  try {
    const r = fn();
    if (r instanceof Promise) return r.catch((e: unknown) => rethrow(flag, e)) as T;
    return r;
  } catch (e) {
    return rethrow(flag, e);
  }
}

function rethrow(flag: string, e: unknown): never {
  if (
    e instanceof InputError &&
    !(e.message.startsWith(`${flag}:`) || e.message.startsWith(`${flag} `))
  )
    throw new InputError(`${flag}: ${e.message}`, { cause: e });
  throw e;
}
