import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../model/version.js";
import { cliHarness } from "../testHarness.js";

const cli = cliHarness("outputs-cli");
const dir = cli.dir;
const KOK = "examples/kok2013-upward-spiral.yaml";
const small = ["--n", "3", "--weeks", "1", "--quiet"];

describe("--out is checked before any work", () => {
  it("a file in the way fails at once (no simulation), naming the path, exit 2", async () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    const t0 = performance.now();
    // A run that would take minutes: refused before it starts.
    expect(await cli.run("simulate", "--n", "2000000", "--weeks", "520", "--out", file)).toBe(2);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(cli.stderr).toBe(`kindsim: --out: output folder ${file} exists and is not a folder\n`);
  });

  it("--out '' is an error", async () => {
    expect(await cli.run("simulate", ...small, "--out", "")).toBe(2);
    expect(cli.stderr).toContain('--out: output folder: expected a path, got ""');
    expect(await cli.run("trial", KOK, "--n", "2", "--out", "", "--quiet")).toBe(2);
  });

  it("refuses a non-empty folder unless --force, then replaces it whole", async () => {
    const out = join(dir, "used");
    mkdirSync(out);
    writeFileSync(join(out, "stale.csv"), "from another run");
    expect(await cli.run("simulate", ...small, "--out", out)).toBe(2);
    expect(cli.stderr).toContain(`--out: output folder ${out} is not empty`);
    expect(cli.stderr).toContain("add --force to replace it");
    expect(readdirSync(out)).toEqual(["stale.csv"]);
    expect(await cli.run("simulate", ...small, "--out", out, "--force")).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "daily.csv",
      "dictionary.csv",
      "manifest.json",
      "participants.csv",
    ]);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("leaves no temporary folder when the run fails after the check", async () => {
    const out = join(dir, "failed");
    expect(await cli.run("simulate", ...small, "--protocol", "nope", "--out", out)).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });
});

describe("manifest.json", () => {
  it("simulate records version, command, model hash, variant, parameters, seed and inputs", async () => {
    const out = join(dir, "sim-manifest");
    const args = ["simulate", ...small, "--variant", "no-oxytocin", "--set", "a1=3.5"];
    expect(await cli.run(...args, "--seed", "4", "--out", out)).toBe(0);
    const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(m).toMatchObject({
      kindsim: VERSION,
      command: `kindsim ${[...args, "--seed", "4", "--out", out].join(" ")}`,
      model: {
        id: "mascaro2015+no-oxytocin",
        variant: "no-oxytocin",
        parametersChanged: { a1: 3.5 },
      },
      seed: 4,
      inputs: [],
      onDivergence: "fail",
    });
    expect(m.model.hash).toMatch(/^[0-9a-f]{8,}$/);
  });

  it("simulate and trial record the divergence mode", async () => {
    const out = join(dir, "sim-drop");
    expect(await cli.run("simulate", ...small, "--on-divergence", "drop", "--out", out)).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).onDivergence).toBe("drop");
    const tout = join(dir, "trial-drop");
    const study = cli.studyFile("div.json");
    expect(await cli.run("trial", study, "--quiet", "--on-divergence", "drop", "--out", tout)).toBe(
      0,
    );
    expect(JSON.parse(readFileSync(join(tout, "manifest.json"), "utf8")).onDivergence).toBe("drop");
  });

  it("power writes one, with the SHA-256 of the study file read", async () => {
    const out = join(dir, "power-manifest");
    const args = ["power", KOK, "--n", "4", "--reps", "10", "--threads", "1", "--quiet"];
    expect(await cli.run(...args, "--out", out)).toBe(0);
    const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(m.inputs).toHaveLength(1);
    expect(m.inputs[0].path).toBe(KOK);
    expect(m.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m).toMatchObject({ study: "kok2013-upward-spiral", ns: [4], reps: 10, seed: 5 });
  });
});

describe("--variant and --set on trial and power", () => {
  it("trial applies them and records them; a value outside the prior's support is refused", async () => {
    const out = join(dir, "trial-variant");
    expect(
      await cli.run(
        "trial",
        KOK,
        "--n",
        "3",
        "--threads",
        "1",
        "--quiet",
        "--variant",
        "no-oxytocin",
        "--set",
        "a1=2.5",
        "--out",
        out,
      ),
    ).toBe(0);
    const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(m.model).toMatchObject({ variant: "no-oxytocin", parametersChanged: { a1: 2.5 } });
    expect(await cli.run("trial", KOK, "--set", "a1=-1", "--quiet")).toBe(2);
    expect(cli.stderr).toContain(
      "kindsim: --set: parameters.a1: -1 lies outside the support of its normal prior, [0, Infinity)",
    );
    expect(await cli.run("power", KOK, "--variant", "nope", "--quiet")).toBe(2);
    expect(cli.stderr).toContain('--variant: unknown variant "nope"');
  });

  it("--set with an unknown parameter or a non-number is an InputError naming it", async () => {
    expect(await cli.run("simulate", ...small, "--set", "nope=1")).toBe(2);
    expect(cli.stderr).toContain("parameters.nope: unknown parameter of model mascaro2015");
    expect(await cli.run("simulate", ...small, "--set", "a1=abc")).toBe(2);
    expect(cli.stderr).toContain('--set a1: expected a finite number, got "abc"');
  });
});

describe("kindsim episode --person", () => {
  it("refuses a value outside the node's range, naming the node and range", async () => {
    expect(await cli.run("episode", "--person", "warmth=1.5")).toBe(2);
    expect(cli.stderr).toBe(
      "kindsim: --person warmth: 1.5 lies outside the node's range [0, 1] (skill)\n",
    );
    expect(await cli.run("episode", "--person", "warmth=0.9", "--seconds", "1", "--json")).toBe(0);
  });
});

describe("kindsim episode table", () => {
  it("heads columns with node symbols where nodes have one, and keys them below", async () => {
    expect(await cli.run("episode", "--seconds", "1")).toBe(0);
    const lines = cli.stdout.trimEnd().split("\n");
    expect(lines[0].trim().split(/\s+/).slice(0, 4)).toEqual(["t(s)", "A", "Y", "M"]);
    expect(lines[0]).toMatch(/ empathy /);
    expect(lines.at(-1)).toMatch(
      /^symbols: A attendOther, Y salience, M motorSimulation, F affectiveSharing/,
    );
  });
});

describe("kindsim episode --out", () => {
  it("checks the path before running and writes the file whole", async () => {
    expect(await cli.run("episode", "--out", "")).toBe(2);
    expect(cli.stderr).toContain('--out: output file: expected a path, got ""');
    expect(await cli.run("episode", "--out", dir)).toBe(2);
    expect(cli.stderr).toContain(`--out: output file ${dir} is a folder`);
    const out = join(dir, "episode.csv");
    expect(await cli.run("episode", "--seconds", "1", "--out", out)).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^time,variable,value\n0,/);
  });

  it("writes an absolute path as given, whatever the working folder", async () => {
    const cwd = process.cwd();
    const sub = join(dir, "elsewhere");
    mkdirSync(sub);
    const out = join(dir, "abs-episode.csv");
    process.chdir(sub);
    try {
      expect(await cli.run("episode", "--seconds", "1", "--out", out)).toBe(0);
      expect(await cli.run("episode", "--seconds", "1", "--out", "rel.csv")).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(readFileSync(out, "utf8")).toMatch(/^time,variable,value\n0,/);
    expect(existsSync(join(sub, "rel.csv"))).toBe(true);
    expect(readdirSync(sub)).toEqual(["rel.csv"]);
  });
});

describe("the simulate summary says what scale its numbers are on", () => {
  it("prints label and scale per variable, and gives label, unit and scale in --json", async () => {
    expect(await cli.run("simulate", ...small)).toBe(0);
    expect(cli.stdout).toMatch(/\nvariable\s+cbct {2}label: scale\n/);
    expect(cli.stdout).toMatch(/\nwarmth .* {2}Warmth: skill, 0 to 1 \(model units\)\n/);
    cli.clear();
    expect(await cli.run("simulate", ...small, "--json")).toBe(0);
    const out = JSON.parse(cli.stdout);
    expect(out.variables.warmth).toEqual({
      label: "Warmth",
      unit: "skill",
      scale: "skill, 0 to 1 (model units)",
    });
    expect(Object.keys(out.variables)).toEqual(Object.keys(out.summary.cbct));
  });
});

/** The columns of a CSV file (headers never need quoting). */
const headerOf = (path: string): string[] =>
  readFileSync(path, "utf8").slice(0, readFileSync(path, "utf8").indexOf("\n")).split(",");

/** `file column` of every row of a dictionary.csv (file and column never need quoting). */
function dictionaryRows(path: string): Set<string> {
  const lines = readFileSync(path, "utf8").trimEnd().split("\n").slice(1);
  return new Set(lines.map((l) => l.split(",").slice(0, 2).join(" ")));
}

describe("dictionary.csv", () => {
  it("describes every column of every CSV that simulate and trial write", async () => {
    const sim = join(dir, "dict-sim");
    const trial = join(dir, "dict-trial");
    expect(await cli.run("simulate", ...small, "--protocol", "cbct,waitlist", "--out", sim)).toBe(
      0,
    );
    expect(await cli.run("trial", KOK, "--n", "3", "--quiet", "--out", trial)).toBe(0);
    for (const out of [sim, trial]) {
      expect(headerOf(join(out, "dictionary.csv"))).toEqual([
        "file",
        "column",
        "value",
        "meaning",
        "unit",
      ]);
      const rows = dictionaryRows(join(out, "dictionary.csv"));
      const csvs = readdirSync(out).filter((f) => f.endsWith(".csv"));
      expect(csvs.length).toBeGreaterThanOrEqual(3);
      for (const f of csvs)
        for (const c of headerOf(join(out, f)))
          expect(rows, `${out}/${f}: ${c}`).toContain(`${f} ${c}`);
    }
    // long-format columns: every value that occurs has its own row
    const dict = readFileSync(join(trial, "dictionary.csv"), "utf8");
    const measures = new Set(
      readFileSync(join(trial, "data.csv"), "utf8")
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((l) => l.split(",")[5]),
    );
    for (const m of measures) expect(dict).toContain(`data.csv,measure,${m},`);
    expect(readFileSync(join(sim, "dictionary.csv"), "utf8")).toContain(
      "daily.csv,variable,warmth,Warmth,",
    );
  });
});
