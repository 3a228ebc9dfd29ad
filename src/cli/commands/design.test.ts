import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../main.js";
import { cliHarness } from "../testHarness.js";

const cli = cliHarness("design-cli");
const dir = cli.dir;

const study = "examples/kok2013-upward-spiral.yaml";

describe("kindsim power", () => {
  it("kindsim power STUDY --n 4,6 --reps 10 --out DIR writes power.csv, power.json and one curve per analysis", async () => {
    const out = join(dir, "power");
    expect(
      await main([
        "power",
        study,
        "--n",
        "4,6",
        "--reps",
        "10",
        "--threads",
        "1",
        "--quiet",
        "--out",
        out,
      ]),
    ).toBe(0);
    expect(cli.stdout).toContain("smallest n per arm with power >= 0.8");
    const csv = readFileSync(join(out, "power.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe(
      "analysis,label,metric,units,kind,n,power,ci_low,ci_high,reps,errors,mean_estimate",
    );
    expect(csv.length).toBe(1 + 5 * 2); // 5 analyses x 2 sample sizes
    expect(csv[1]).toMatch(/^positive_g,[^\n]*,hedges_g,NA,defaults,4,/);
    expect(cli.stdout).toContain("estimate: hedges_g");
    expect(existsSync(join(out, "power-positive_g.svg"))).toBe(true);
  });

  it("kindsim power rejects a malformed --n with exit code 2", async () => {
    expect(await main(["power", study, "--n", "20:10:5", "--quiet"])).toBe(2);
    expect(cli.stderr).toContain('kindsim: --n: sample sizes "20:10:5": expected from:to:step');
  });
});

describe("kindsim discriminate / compare / sensitivity", () => {
  it("kindsim discriminate needs --variants", async () => {
    expect(await main(["discriminate", study])).toBe(2);
    expect(cli.stderr).toMatch(/--variants/);
  });

  it("kindsim discriminate --json reports a rate per design and a recommendation field", async () => {
    expect(
      await main([
        "discriminate",
        study,
        "--variants",
        "default,no-oxytocin",
        "--n",
        "6",
        "--reps",
        "10",
        "--threads",
        "1",
        "--json",
      ]),
    ).toBe(0);
    const r = JSON.parse(cli.stdout);
    expect(r.variants).toEqual(["default", "no-oxytocin"]);
    expect(r.designs).toHaveLength(5);
    for (const d of r.designs) expect(d.rate).toBeGreaterThanOrEqual(0);
    expect("recommended" in r).toBe(true);
  });

  it("kindsim discriminate with an unknown variant exits non-zero naming the known ones", async () => {
    expect(
      await main([
        "discriminate",
        study,
        "--variants",
        "default,nope",
        "--n",
        "6",
        "--reps",
        "10",
        "--quiet",
      ]),
    ).not.toBe(0);
    expect(cli.stderr).toMatch(/unknown variant "nope"/);
  });

  it("kindsim sensitivity --method bogus exits 2", async () => {
    expect(await main(["sensitivity", study, "--method", "bogus"])).toBe(2);
    expect(cli.stderr).toMatch(/morris or sobol/);
  });

  it("kindsim sensitivity --params with an unknown parameter fails clearly", async () => {
    expect(await main(["sensitivity", study, "--params", "nope", "--quiet"])).not.toBe(0);
    expect(cli.stderr).toMatch(/unknown parameter "nope"/);
  });
});

describe("every design command writes a manifest", () => {
  it("kindsim sensitivity prints the planned number of runs and a time estimate first, and writes a manifest", async () => {
    const out = join(dir, "sens");
    const args = ["sensitivity", study, "--params", "a1,a2", "--trajectories", "2", "--n", "3"];
    expect(await main([...args, "--out", out])).toBe(0);
    expect(cli.stderr).toMatch(/^sensitivity \(morris\): planned 6 virtual trials \(model runs\)/);
    expect(cli.stderr).toMatch(/about [\d.]+ s per trial: estimated [\d.]+ (s|min) in all/);
    const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(m).toMatchObject({ method: "morris", parameters: ["a1", "a2"], evaluations: 6 });
    expect(m.inputs[0].path).toBe(study);
  });

  it("kindsim sensitivity prints Sobol' warnings to stderr and writes them to sensitivity.json", async () => {
    const file = cli.studyFile("sobol.json", {
      analyses: [
        {
          id: "ec_g",
          type: "compare",
          outcome: { measure: "iri_ec", wave: "post" },
          arms: ["lkm", "waitlist"],
        },
      ],
    });
    const out = join(dir, "sobol");
    const args = [
      "sensitivity",
      file,
      "--method",
      "sobol",
      "--params",
      "eta_warmth,lambda_skill",
      "--samples",
      "8",
    ];
    expect(await main([...args, "--quiet", "--out", out])).toBe(0);
    const res = JSON.parse(readFileSync(join(out, "sensitivity.json"), "utf8"));
    expect(res.warnings.length).toBeGreaterThan(0);
    expect(res.warnings[0]).toMatch(/^ec_g: /);
    for (const w of res.warnings) expect(cli.stderr).toContain(`kindsim: warning: ${w}\n`);
    expect(readFileSync(join(out, "sensitivity.csv"), "utf8").split("\n")[0]).toBe(
      "outcome,parameter,st,ci_low,ci_high,s1,s1_ci_low,s1_ci_high",
    );
  });

  it("kindsim discriminate --out writes a manifest with one model per variant", async () => {
    const out = join(dir, "disc");
    expect(
      await main([
        "discriminate",
        study,
        "--variants",
        "default,no-oxytocin",
        "--n",
        "4",
        "--reps",
        "10",
        "--threads",
        "1",
        "--quiet",
        "--out",
        out,
      ]),
    ).toBe(0);
    const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(m.model.map((x: { variant: string }) => x.variant)).toEqual(["default", "no-oxytocin"]);
    const disc = readFileSync(join(out, "discrimination.csv"), "utf8").split("\n");
    expect(disc[0]).toMatch(/^analysis,metric,units,n,waves,/);
    expect(disc[1]).toMatch(/^positive_g,hedges_g,NA,4,/);
  });

  it("kindsim compare --out writes compare.csv, compare.json and a manifest", async () => {
    const out = join(dir, "compare");
    expect(
      await main([
        "compare",
        "--variants",
        "default,no-oxytocin",
        "--only",
        "F19",
        "--threads",
        "1",
        "--json",
        "--out",
        out,
      ]),
    ).toBe(0);
    const r = JSON.parse(cli.stdout);
    expect(r.variants).toEqual(["default", "no-oxytocin"]);
    expect(r.findings[0].id).toBe("F19");
    const csv = readFileSync(join(out, "compare.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("finding,variant,passed,estimate,variants_differ,claim");
    expect(csv).toHaveLength(3);
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).findings).toEqual(["F19"]);
  });
});
