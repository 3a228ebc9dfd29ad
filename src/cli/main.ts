/**
 * The `kindsim` command line: one sub-command per job, each with `--help`.
 */

import { Command, CommanderError } from "commander";
import { useNodeDataResolver } from "../io/nodeData.js";
import { useWorkerCohortRunner } from "../io/workerCohortRunner.js";
import { InputError, ValidationError } from "../model/issues.js";
import { VERSION } from "../model/version.js";
import { registerDesignCommands } from "./designCommands.js";
import { registerEpisodeCommand } from "./episodeCommand.js";
import { registerListCommands } from "./listCommands.js";
import { registerModelCommand } from "./modelCommand.js";
import { registerSimulateCommands } from "./simulateCommand.js";
import { registerReplicateCommand } from "./replicateCommand.js";
import { registerTrialCommand } from "./trialCommand.js";

/** Exit codes: 0 success, 1 failure of the job itself, 2 bad input or usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** An error that the CLI reports as one clear line (no stack trace) with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: number = EXIT.usage,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Builds the command tree; each `register*` adds one sub-command. */
export function buildProgram(): Command {
  const program = new Command("kindsim")
    .description(
      "A computational laboratory for the neural model of kindness-based meditation (Mascaro et al. 2015)",
    )
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerSimulateCommands(program);
  registerTrialCommand(program);
  registerReplicateCommand(program);
  registerDesignCommands(program);
  registerEpisodeCommand(program);
  registerModelCommand(program);
  registerListCommands(program);
  return program;
}

let currentArgv: string[] = [];

/** The command line being run, as `kindsim …` (written into manifests). */
export function commandLine(): string {
  return ["kindsim", ...currentArgv].join(" ");
}

/** Runs the CLI with the given arguments and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  useNodeDataResolver();
  useWorkerCohortRunner();
  currentArgv = argv;
  process.exitCode = undefined;
  const program = buildProgram();
  program.configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === "commander.helpDisplayed" ||
        e.code === "commander.version" ||
        e.code === "commander.help"
      )
        return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof ValidationError || e instanceof CliError || e instanceof InputError) {
      process.stderr.write(`kindsim: ${e.message}\n`);
      return e instanceof CliError ? e.code : EXIT.usage;
    }
    process.stderr.write(`kindsim: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failure;
  }
}
