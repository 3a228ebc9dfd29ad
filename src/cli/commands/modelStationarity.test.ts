import { describe, expect, it } from "vitest";
import { defaultModel } from "../../model/loadModel.js";
import { cliHarness } from "../testHarness.js";

const model = defaultModel();
const slowIds = model.nodes.filter((n) => n.level === "slow").map((n) => n.id);
const cli = cliHarness("model-stationarity");
const run = (...args: string[]): Promise<number> => cli.run("model", ...args);

describe("kindsim model stationarity", () => {
  it("--json gives every slow node's course for the chosen population", async () => {
    expect(
      await run(
        "stationarity",
        "--population",
        "healthy-adults",
        "--n",
        "6",
        "--days",
        "2",
        "--threads",
        "1",
        "--json",
      ),
    ).toBe(0);
    const out = JSON.parse(cli.stdout);
    expect(out.model).toBe(model.id);
    expect(out.results).toHaveLength(1);
    expect(out.results[0].population).toBe("healthy-adults");
    expect(out.results[0].nodes.map((x: { id: string }) => x.id)).toEqual(slowIds);
    expect(cli.stderr).toBe("");
  });

  it("prints a table per population with tolerances and a verdict", async () => {
    expect(
      await run(
        "stationarity",
        "--n",
        "4",
        "--days",
        "1",
        "--threads",
        "1",
        "--tol-bound",
        "0.5",
        "--quiet",
      ),
    ).toBe(0);
    expect(cli.stdout).toMatch(/^model stationarity: mascaro2015, 4 people x 1 days/);
    expect(cli.stdout).toContain("<= 50% of people at a bound");
    for (const id of ["healthy-adults", "depressed-outpatients", "lonely-older-adults"])
      expect(cli.stdout).toContain(`\n${id} (`);
    expect(cli.stdout).toMatch(/\nverdict: /);
  });

  it("rejects bad options with exit 2 and explains the check in --help", async () => {
    expect(await run("stationarity", "--n", "1")).toBe(2);
    expect(await run("stationarity", "--days", "0")).toBe(2);
    expect(await run("stationarity", "--tol-sd", "-1")).toBe(2);
    cli.clear();
    expect(await run("stationarity", "--population", "nope")).toBe(2);
    expect(cli.stderr).toContain("--population");
    cli.clear();
    expect(await run("stationarity", "--variant", "nope", "--n", "2", "--days", "1")).toBe(2);
    expect(cli.stderr).toContain("--variant");
    cli.clear();
    await run("stationarity", "--help");
    expect(cli.stdout).toContain("--tol-range");
    expect(cli.stdout).toContain("wait-list");
  });
});

describe("kindsim model norms", () => {
  it("--json sets the simulated baseline beside each norm of a population", async () => {
    expect(
      await run(
        "norms",
        "--population",
        "depressed-outpatients",
        "--n",
        "6",
        "--threads",
        "1",
        "--json",
      ),
    ).toBe(0);
    const out = JSON.parse(cli.stdout);
    expect(out.comparisons.length).toBeGreaterThan(0);
    for (const c of out.comparisons) {
      expect(c.norm.population).toBe("depressed-outpatients");
      expect(c.n).toBe(6);
      expect(["match", "mismatch", "no norm"]).toContain(c.verdict);
    }
  });

  it("prints a table, and rejects an unnormed population or a bad norms file with exit 2", async () => {
    expect(await run("norms", "--population", "depressed-outpatients", "--n", "4", "--quiet")).toBe(
      0,
    );
    expect(cli.stdout).toMatch(/questionnaires\/bdi .* (match|mismatch) \(/);
    expect(cli.stdout).toMatch(/verified norms matched/);
    cli.clear();
    expect(await run("norms", "--population", "experienced-meditators")).toBe(2);
    expect(cli.stderr).toContain("no norm for");
    cli.clear();
    expect(await run("norms", "--norms", cli.studyFile("bad.json", { norms: [{ id: 1 }] }))).toBe(
      2,
    );
    expect(cli.stderr).toContain("norms[0]");
  });
});
