/**
 * The `kindsim` command line: one sub-command per job, each with `--help`.
 */

import { Command } from "commander";
import { useNodeDataResolver } from "../io/nodeData.js";
import { useWorkerCohortRunner } from "../io/workerCohortRunner.js";
import { VERSION } from "../model/version.js";
import { cliContext, type CliContext } from "./context.js";
import { EXIT, errorMessage, exitCodeFor } from "./errors.js";
import { registerCommands } from "./commands/index.js";

export { EXIT } from "./errors.js";

/** Builds the command tree for one run; each `register*` adds one sub-command. */
export function buildProgram(ctx: CliContext = cliContext([])): Command {
  const program = new Command("kindsim")
    .description(
      "A computational laboratory for the neural model of kindness-based meditation (Mascaro et al. 2015)",
    )
    .version(VERSION)
    .showHelpAfterError();
  registerCommands(program, ctx);
  return program;
}

/** Makes every command (and sub-command) throw instead of calling process.exit. */
function overrideExits(cmd: Command): void {
  cmd.exitOverride();
  cmd.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const sub of cmd.commands) overrideExits(sub);
}

/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  useNodeDataResolver();
  useWorkerCohortRunner();
  process.exitCode = undefined;
  const ctx = cliContext(argv);
  const program = buildProgram(ctx);
  overrideExits(program);
  if (argv.length === 0) {
    process.stderr.write(program.helpInformation());
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    const code = typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
    process.exitCode = undefined;
    return code;
  } catch (e) {
    const message = errorMessage(e);
    if (message !== undefined) process.stderr.write(message);
    return exitCodeFor(e);
  }
}
