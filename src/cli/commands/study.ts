/** `kindsim study validate FILE`: every problem of a study file, in one pass. */

import type { Command } from "commander";
import { InputError } from "../../model/issues.js";
import { validateStudyFile } from "../../study/validateStudy.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../errors.js";

/** Adds `kindsim study` and its sub-commands to the program. */
export function registerStudyCommand(program: Command, _ctx: CliContext): void {
  const study = program.command("study").description("check study files");
  study
    .command("validate")
    .description(
      "check a study file without running it: fields, model, protocols, populations, battery and analyses (exit code 2 if invalid)",
    )
    .argument("<file>", "study file (YAML or JSON)")
    .option("--json", 'print { "ok", "issues": [ { "path", "message" } ] }')
    .action((file: string, o: { json?: boolean }) => {
      const { spec, issues } = validateStudyFile(file);
      if (o.json) {
        process.stdout.write(JSON.stringify({ ok: issues.length === 0, issues }, null, 2) + "\n");
        if (issues.length > 0) process.exitCode = EXIT.usage;
        return;
      }
      if (issues.length > 0) {
        const lines = issues.map((i) => `  ${i.path}: ${i.message.replace(/\n/g, "\n    ")}`);
        throw new InputError(
          `study file ${file} is invalid (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${lines.join("\n")}`,
        );
      }
      process.stdout.write(
        `ok: ${spec!.id} (${spec!.arms.length} arms, ${spec!.waves.length} waves, ${spec!.analyses.length} analyses)\n`,
      );
    });
}
