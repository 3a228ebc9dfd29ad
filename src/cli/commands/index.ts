/** Every `kindsim` sub-command, in the order `kindsim --help` lists them. */

import type { Command } from "commander";
import type { CliContext } from "../context.js";
import { registerCompareCommand } from "./compare.js";
import { registerDiscriminateCommand } from "./discriminate.js";
import { registerEpisodeCommand } from "./episode.js";
import { registerListCommands } from "./lists.js";
import { registerModelCommand } from "./model.js";
import { registerPowerCommand } from "./power.js";
import { registerReplicateCommand } from "./replicate.js";
import { registerSensitivityCommand } from "./sensitivity.js";
import { registerSimulateCommands } from "./simulate.js";
import { registerStudyCommand } from "./study.js";
import { registerTrialCommand } from "./trial.js";

/** Adds every sub-command to `program`. */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerSimulateCommands(program, ctx);
  registerTrialCommand(program, ctx);
  registerReplicateCommand(program, ctx);
  registerPowerCommand(program, ctx);
  registerDiscriminateCommand(program, ctx);
  registerCompareCommand(program, ctx);
  registerSensitivityCommand(program, ctx);
  registerEpisodeCommand(program, ctx);
  registerModelCommand(program, ctx);
  registerStudyCommand(program, ctx);
  registerListCommands(program, ctx);
}
