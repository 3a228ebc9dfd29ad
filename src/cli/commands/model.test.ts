import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultModel, parseDataText, shippedModelPath } from "../../model/loadModel.js";
import { main } from "../main.js";
import { cliHarness } from "../testHarness.js";

const base = defaultModel();
/** Edges the no-oxytocin variant cuts, and a0 as shipped (calibrated, so it moves with refits). */
const cut = base.variants.find((v) => v.id === "no-oxytocin")!.removeEdges!.length;
const a0 = String(base.parameters.a0.value);
const COUNTS = `${base.nodes.length} nodes, ${base.edges.length} edges, ${Object.keys(base.parameters).length} parameters`;
const INPUTS = base.nodes.filter((n) => n.level === "input").length;

/* eslint-disable @typescript-eslint/no-explicit-any -- bad models are built by poking raw data */
const shippedText = readFileSync(shippedModelPath(), "utf8");
const shipped = parseDataText(shippedText, "default model") as any;
const cli = cliHarness("model-cli");
const dir = cli.dir;

/** Writes a copy of the default model changed by `edit` (as JSON, which is YAML) and returns its path. */
function modelFile(name: string, edit: (m: any) => void = () => {}): string {
  const m = structuredClone(shipped);
  edit(m);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(m, null, 2));
  return path;
}

const run = (...args: string[]): Promise<number> => main(["model", ...args]);

describe("kindsim model lint", () => {
  it("--json exits 0 and prints the structured lint as JSON", async () => {
    expect(await run("lint", "--json")).toBe(0);
    const lint = JSON.parse(cli.stdout);
    expect(lint.model.id).toBe("mascaro2015");
    expect(lint.summary.parameters.total).toBe(Object.keys(base.parameters).length);
    for (const key of ["findings", "justified", "notes"])
      expect(Array.isArray(lint[key])).toBe(true);
    expect(cli.stderr).toBe("");
  });

  it("prints text, lints a variant, and explains every check in --help", async () => {
    expect(await run("lint", "default", "--variant", base.variants[0].id)).toBe(0);
    expect(cli.stdout).toMatch(
      /^model lint: mascaro2015\+\S+ [\s\S]*\nparameters: \d+ \(literature/,
    );
    cli.clear();
    expect(await run("lint", "--variant", "nope")).toBe(2);
    expect(cli.stderr).toContain("--variant");
    cli.clear();
    await run("lint", "--help");
    for (const check of [
      "single-edge-readout",
      "narrow-assumption-prior",
      "zero-value-prior",
      "summary",
    ])
      expect(cli.stdout).toContain(check);
  });
});

describe("kindsim model validate", () => {
  it("accepts the default model and the shipped file", async () => {
    expect(await run("validate", "default")).toBe(0);
    expect(await run("validate", shippedModelPath())).toBe(0);
    expect(cli.stdout).toBe(`ok: mascaro2015 (${COUNTS})\n`.repeat(2));
    expect(cli.stderr).toBe("");
  });

  it("prints every problem with its path to cli.stderr and exits with 2", async () => {
    const E6 = shipped.edges.findIndex((e: any) => e.id === "E6");
    const bad = modelFile("bad.json", (m) => {
      m.edges[E6].effect = "drive";
      m.parameters.a0.prior.sd = -1;
    });
    expect(await run("validate", bad)).toBe(2);
    expect(cli.stdout).toBe("");
    expect(cli.stderr).toContain(
      `kindsim: model file ${bad} is invalid (1 problem):\n  parameters.a0.prior.sd: expected a positive number, got -1\n`,
    );
    cli.clear();
    const signs = modelFile("signs.json", (m) => (m.edges[E6].effect = "drive"));
    expect(await run("validate", signs)).toBe(2);
    expect(cli.stderr).toContain(
      `  edges[${E6}].effect: declared drive, but affectiveSharing decreases with regulation`,
    );
  });

  it("lists all problems, not only the first 20", async () => {
    const many = modelFile("many.json", (m) => {
      for (let i = 0; i < 25; i++) m.parameters[`unused${i}`] = structuredClone(m.parameters.a0);
    });
    expect(await run("validate", many)).toBe(2);
    expect(cli.stderr).toContain("(25 problems)");
    expect(cli.stderr).toContain("  parameters.unused24: expected to be used");
    expect(cli.stderr).not.toContain("… and");
  });

  it("names the line and column of a YAML syntax error", async () => {
    const path = join(dir, "syntax.yaml");
    writeFileSync(path, shippedText.replace("title: Neural", 'title: "Neural'));
    expect(await run("validate", path)).toBe(2);
    expect(cli.stderr).toMatch(/\n {2}line \d+, column \d+: Missing closing "quote/);
  });

  it("reports a missing file or argument as bad input", async () => {
    expect(await run("validate", join(dir, "nope.yaml"))).toBe(2);
    expect(cli.stderr).toContain("no such file");
    expect(await run("validate")).toBe(2);
    expect(cli.stderr).toContain("missing required argument 'file'");
  });
});

describe("kindsim model show", () => {
  it("describes the default model when no file is given", async () => {
    expect(await run("show")).toBe(0);
    expect(cli.stdout).toMatch(
      /^Neural mediators of kindness-based meditation\nmascaro2015 version 1\.0\.0 \(hash [0-9a-f]{16}\)\n/,
    );
    expect(cli.stdout).toContain(`\nNodes\n  input (${INPUTS})\n`);
    expect(cli.stdout).toContain(`\nVariants (${base.variants.length})\n`);
  });

  it("prints a JSON summary, of a file or with a variant", async () => {
    const path = modelFile("copy.json", (m) => (m.id = "mine"));
    expect(await run("show", path, "--json")).toBe(0);
    const s = JSON.parse(cli.stdout);
    expect(s).toMatchObject({
      id: "mine",
      counts: {
        nodes: base.nodes.length,
        edges: base.edges.length,
        parameters: Object.keys(base.parameters).length,
      },
    });
    cli.clear();
    expect(await run("show", "--variant", "no-oxytocin", "--json")).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      id: "mascaro2015+no-oxytocin",
      counts: { edges: base.edges.length - cut, variants: 0 },
    });
  });

  it("rejects an unknown variant, listing the available ones", async () => {
    expect(await run("show", "--variant", "nope")).toBe(2);
    expect(cli.stderr).toContain(
      'unknown variant "nope" (model mascaro2015 has: oxytocin-mediates, no-oxytocin',
    );
    expect(cli.stdout).toBe("");
  });

  it("--id describes one id, with a parameter's description, as text or JSON", async () => {
    const path = modelFile("described.json", (m) => {
      m.parameters.a1.description = "gain of the attention skill on attention to the other";
    });
    expect(await run("show", path, "--id", "a1")).toBe(0);
    expect(cli.stdout).toMatch(
      /^a1 \(parameter\): gain of the attention skill on attention to the other\n {2}scale: logit /,
    );
    cli.clear();
    expect(await run("show", path, "--id", "a1", "--json")).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      id: "a1",
      kind: "parameter",
      label: "gain of the attention skill on attention to the other",
    });
    cli.clear();
    expect(await run("show", "--id", "nope")).toBe(2);
    expect(cli.stderr).toContain('--id: the model mascaro2015 has no id "nope"');
  });
});

describe("kindsim model diff", () => {
  const edited = (): string =>
    modelFile("edited.json", (m) => {
      m.parameters.a0.value = 2.5;
      m.nodes.find((n: any) => n.id === "motorSimulation").equation =
        "sigmoid(m1*mirroring*suffering*attendOther - m0 - 0.5)";
      m.edges.find((e: any) => e.id === "E6").evidence = ["paper"];
    });

  it("lists the changes between the default and a file", async () => {
    expect(await run("diff", "default", edited())).toBe(0);
    expect(cli.stdout).toContain(
      "nodes: 0 added, 0 removed, 1 changed\n  ~ motorSimulation\n      equation: sigmoid(m1 * mirroring * suffering * attendOther - m0)\n",
    );
    expect(cli.stdout).toMatch(
      new RegExp(`~ a0\\n\\s+value: ${a0.replace(".", "\\.")}\\n\\s+-> 2\\.5\\n`),
    );
    expect(cli.stdout).toMatch(/~ E6\n\s+evidence: \[paper, F2\]/);
  });

  it("prints JSON with --json and says when there is no difference", async () => {
    expect(await run("diff", edited(), "default", "--json")).toBe(0);
    const d = JSON.parse(cli.stdout);
    expect(d.parameters.changed).toEqual([
      { id: "a0", fields: [{ field: "value", before: "2.5", after: a0 }] },
    ]);
    cli.clear();
    expect(await run("diff", "default", shippedModelPath())).toBe(0);
    expect(cli.stdout).toContain("no differences");
  });

  it("rejects a missing model", async () => {
    expect(await run("diff", "default", join(dir, "missing.yaml"))).toBe(2);
    expect(cli.stderr).toContain("no such file");
  });
});

describe("kindsim model export", () => {
  it("prints the shipped model file, comments included", async () => {
    expect(await run("export")).toBe(0);
    expect(cli.stdout).toBe(shippedText.endsWith("\n") ? shippedText : `${shippedText}\n`);
  });

  it("writes a variant's model to a file that validates, leaving no temporary file", async () => {
    const out = join(dir, "exported", "no-oxytocin.yaml");
    mkdirSync(join(dir, "exported"));
    expect(await run("export", "--variant", "no-oxytocin", "--out", out)).toBe(0);
    expect(cli.stdout).toBe(`wrote ${out}\n`);
    expect(readdirSync(join(dir, "exported"))).toEqual(["no-oxytocin.yaml"]);
    const text = readFileSync(out, "utf8");
    expect(text).toMatch(
      /^# Neural mediators of kindness-based meditation, with variant no-oxytocin applied/,
    );
    expect(text).not.toContain("E14b");
    cli.clear();
    expect(await run("validate", out)).toBe(0);
    expect(cli.stdout).toBe(
      `ok: mascaro2015+no-oxytocin (${base.nodes.length} nodes, ${base.edges.length - cut} edges, ${Object.keys(base.parameters).length} parameters)\n`,
    );
  });

  it("refuses an output path in a missing folder (bad input, exit 2), naming it", async () => {
    const out = join(dir, "no-such-dir", "m.yaml");
    expect(await run("export", "--out", out)).toBe(2);
    expect(cli.stderr).toContain(`kindsim: --out: output file ${out}: its folder`);
    expect(existsSync(join(dir, "no-such-dir"))).toBe(false);
  });

  it("fails cleanly (exit 1, no temporary file left) when the file cannot be written", async () => {
    const locked = join(dir, "locked");
    mkdirSync(locked, { mode: 0o500 });
    const out = join(locked, "m.yaml");
    const code = await run("export", "--out", out);
    if (process.getuid?.() === 0) return; // root writes anywhere
    expect(code).toBe(1);
    expect(cli.stderr).toContain(`kindsim: cannot write ${out}`);
    expect(readdirSync(locked)).toEqual([]);
  });

  it("writes nothing for an unknown variant", async () => {
    const out = join(dir, "never.yaml");
    expect(await run("export", "--variant", "nope", "--out", out)).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe("kindsim model diagram", () => {
  it("prints the SVG, or writes it to a file with a variant applied", async () => {
    expect(await run("diagram")).toBe(0);
    expect(cli.stdout).toMatch(/^<\?xml[^>]*>\n<svg /);
    expect(cli.stdout.slice(cli.stdout.indexOf("<svg"))).toMatch(/^<svg /);
    expect(cli.stdout).toContain("<title>E14b: oxytocinNow \u2192 compassion (drive)");
    cli.clear();
    const out = join(dir, "diagram", "no-oxytocin.svg");
    mkdirSync(join(dir, "diagram"));
    expect(await run("diagram", "default", "--variant", "no-oxytocin", "--out", out)).toBe(0);
    expect(cli.stdout).toBe(`wrote ${out}\n`);
    expect(readdirSync(join(dir, "diagram"))).toEqual(["no-oxytocin.svg"]);
    const svg = readFileSync(out, "utf8");
    expect(svg).toContain("<svg ");
    expect(svg).not.toContain("<title>E14b: ");
  });

  it("rejects an unknown variant or highlighted id", async () => {
    expect(await run("diagram", "--variant", "nope")).toBe(2);
    expect(cli.stderr).toContain('unknown variant "nope"');
    expect(await run("diagram", "--highlight", "compassion,nope")).toBe(2);
    expect(cli.stderr).toContain("--highlight: no node or edge nope in model mascaro2015");
    expect(cli.stdout).toBe("");
  });
});
