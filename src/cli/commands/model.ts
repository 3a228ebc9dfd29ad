/**
 * `kindsim model`: validate, show, lint, compare, export and draw model files.
 */

import { existsSync, readFileSync } from "node:fs";
import type { Command } from "commander";
import { Document, isScalar, visit } from "yaml";
import { applyVariant, findVariant } from "../../model/applyVariant.js";
import { describeId, formatIdDescription } from "../../model/describeId.js";
import { describeModel, modelSummaryJson } from "../../model/describeModel.js";
import { InputError, ValidationError } from "../../model/issues.js";
import { formatModelLint, lintModel } from "../../model/lintModel.js";
import { defaultModel, loadModel, shippedModelPath } from "../../model/loadModel.js";
import { diffModels, formatModelDiff } from "../../model/modelDiff.js";
import type { Model } from "../../model/types.js";
import { modelDiagram } from "../../plot/modelDiagram.js";
import { VERSION } from "../../model/version.js";
import { writeFileAtomically } from "../../io/outputFolder.js";
import type { CliContext } from "../context.js";
import { withFlag } from "../errors.js";
import { registerNormsCommand, registerStationarityCommand } from "./modelStationarity.js";

/** Loads a model argument: a file path, or the word `default` for the shipped model. */
function modelArg(arg: string): Model {
  if (arg === "default") return defaultModel();
  if (!existsSync(arg)) throw new InputError(`cannot read model file ${arg}: no such file`);
  return loadModel(arg);
}

/** Applies `--variant` if given (an unknown id is an InputError naming the known ones). */
function withVariant(model: Model, id: string | undefined): Model {
  if (id === undefined) return model;
  return withFlag("--variant", () => applyVariant(model, id));
}

/** YAML with collections of plain values in flow style (`{ a: 1 }`, `[x, y]`), like the shipped file. */
function toYaml(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Map: (_, m) => void (m.flow = m.items.every((p) => isScalar(p.value))),
    Seq: (_, q) => void (q.flow = q.items.every(isScalar)),
  });
  return doc.toString({ lineWidth: 0 });
}

/** What each check of `kindsim model lint` means (shown after its options in --help). */
const LINT_HELP = `
Checks (the command exits 0 whenever the lint ran, whatever it found):
  single-edge-readout      a readout whose own equation reads a manipulated input (an input
                           node) or a trained skill (a slow node with train dynamics) directly,
                           through one edge, instead of through fast processes. A
                           lintJustification on the edge, the readout or the node read lists it
                           under "justified" instead.
  narrow-assumption-prior  a parameter whose provenance is "assumption" and whose prior's
                           central 95% interval does not contain both value/2 and value*2
                           (mirrored for negative values; a fixed prior never covers).
  zero-value-prior (note)  an assumed parameter at 0 whose 95% interval does not contain -1 and
                           +1: a factor of two around 0 cannot be judged.
  undescribed-parameters   the parameters that have no one-line description (count and ids).
  summary                  parameters by provenance kind; edges with and without evidence.`;

const print = (text: string): void =>
  void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);

/** `kindsim model validate FILE`: every problem with its field path (exit 2), or a one-line ok. */
function validateAction(file: string): void {
  let m: Model;
  try {
    m = modelArg(file);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const lines = e.issues.map((i) => `  ${i.path}: ${i.message}`);
    throw new InputError(`${e.message.split("\n")[0]}\n${lines.join("\n")}`, { cause: e });
  }
  const parameters = Object.keys(m.parameters).length;
  print(`ok: ${m.id} (${m.nodes.length} nodes, ${m.edges.length} edges, ${parameters} parameters)`);
}

/** Adds `kindsim model` and its sub-commands to the program. */
export function registerModelCommand(program: Command, _ctx: CliContext): void {
  const model = program
    .command("model")
    .description("validate, show, compare and export model files");

  model
    .command("validate")
    .description(
      "check a model file; prints every problem with the path of its field (exit code 2 if invalid)",
    )
    .argument("<file>", "model file (YAML or JSON), or `default`")
    .action(validateAction);

  model
    .command("show")
    .description(
      "summarise a model: nodes by level, edges with evidence, parameters, content, variants",
    )
    .argument("[file]", "model file, or `default`", "default")
    .option("--json", "print a JSON summary instead of text")
    .option("--variant <id>", "show the model with this variant applied")
    .option(
      "--id <id>",
      "describe one id of the model instead (node, parameter with its description, day summary, event, content)",
    )
    .action((file: string, opts: { json?: boolean; variant?: string; id?: string }) => {
      const m = withVariant(modelArg(file), opts.variant);
      if (opts.id !== undefined) {
        const d = describeId(m, opts.id);
        if (d === undefined)
          throw new InputError(`--id: the model ${m.id} has no id ${JSON.stringify(opts.id)}`);
        print(opts.json ? JSON.stringify(d, null, 2) : formatIdDescription(d));
        return;
      }
      print(opts.json ? JSON.stringify(modelSummaryJson(m), null, 2) : describeModel(m));
    });

  model
    .command("lint")
    .description(
      "list structural smells of a model: readouts wired straight to inputs or skills, narrow assumed priors, undescribed parameters",
    )
    .argument("[file]", "model file, or `default`", "default")
    .option("--json", "print the structured result (findings, justified, notes, summary) as JSON")
    .option("--variant <id>", "lint the model with this variant applied")
    .addHelpText("after", LINT_HELP)
    .action((file: string, opts: { json?: boolean; variant?: string }) => {
      const lint = lintModel(withVariant(modelArg(file), opts.variant));
      print(opts.json ? JSON.stringify(lint, null, 2) : formatModelLint(lint));
    });

  model
    .command("diff")
    .description(
      "list what changed from model A to model B (nodes, edges, parameters, content, variants)",
    )
    .argument("<a>", "model file, or `default`")
    .argument("<b>", "model file, or `default`")
    .option("--json", "print the difference as JSON")
    .action((a: string, b: string, opts: { json?: boolean }) => {
      const d = diffModels(modelArg(a), modelArg(b));
      print(opts.json ? JSON.stringify(d, null, 2) : formatModelDiff(d));
    });

  model
    .command("export")
    .description(
      "write the default model (or it with a variant applied) as YAML, to copy and change",
    )
    .option("--variant <id>", "apply this variant first")
    .option("--out <file>", "write to this file instead of standard output")
    .action(async (opts: { variant?: string; out?: string }) => {
      let text = readFileSync(shippedModelPath(), "utf8");
      if (opts.variant !== undefined) {
        const m = withVariant(defaultModel(), opts.variant);
        const v = findVariant(defaultModel(), opts.variant);
        const header = [
          `# ${m.title}, with variant ${v.id} applied: ${v.description}`,
          `# Exported by kindsim ${VERSION}. Change it and check it with \`kindsim model validate FILE\`.`,
        ];
        text = `${header.join("\n")}\n${toYaml(m)}`;
      }
      if (opts.out === undefined) return print(text);
      await withFlag("--out", () => writeFileAtomically(opts.out!, text));
      print(`wrote ${opts.out}`);
    });

  model
    .command("diagram")
    .description(
      "draw a model as an SVG diagram (boxes by role and kind, edges by effect, evidence in tooltips)",
    )
    .argument("[file]", "model file, or `default`", "default")
    .option("--variant <id>", "draw the model with this variant applied")
    .option("--highlight <ids>", "comma-separated node or edge ids to emphasise (the rest fade)")
    .option("--out <file>", "write to this file instead of standard output")
    .action(async (file: string, opts: { variant?: string; highlight?: string; out?: string }) => {
      const m = withVariant(modelArg(file), opts.variant);
      const highlight = opts.highlight
        ?.split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const known = new Set([...m.nodes.map((n) => n.id), ...m.edges.map((e) => e.id)]);
      const unknown = (highlight ?? []).filter((id) => !known.has(id));
      if (unknown.length > 0)
        throw new InputError(`--highlight: no node or edge ${unknown.join(", ")} in model ${m.id}`);
      const svg = modelDiagram(m, { highlight });
      if (opts.out === undefined) return print(svg);
      await withFlag("--out", () => writeFileAtomically(opts.out!, svg));
      print(`wrote ${opts.out}`);
    });

  registerStationarityCommand(model, _ctx);
  registerNormsCommand(model, _ctx);
}
