/**
 * What a command needs to know about the run it belongs to, passed to every command instead
 * of module-global state (so `main(argv)` can be called many times in one process).
 */

/** The context of one `main(argv)` call. */
export interface CliContext {
  /** The arguments given to `main`, without the program name. */
  readonly argv: readonly string[];
  /** The command line as `kindsim …` (written into manifests). */
  readonly commandLine: string;
}

/** The context for a run with these arguments. */
export function cliContext(argv: readonly string[]): CliContext {
  return { argv: [...argv], commandLine: ["kindsim", ...argv].join(" ") };
}
