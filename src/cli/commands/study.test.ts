import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliHarness, TINY_STUDY } from "../testHarness.js";

const cli = cliHarness("study-cli");

const studyFile = (name: string, study: Record<string, unknown>): string =>
  cli.studyFile(name, study);
const valid = TINY_STUDY;

describe("kindsim study validate", () => {
  it("accepts a shipped example", async () => {
    expect(await cli.run("study", "validate", "examples/kok2013-upward-spiral.yaml")).toBe(0);
    expect(cli.stdout).toMatch(/^ok: kok2013-upward-spiral \(2 arms, 2 waves, 5 analyses\)\n$/);
  });

  it("reports every problem of the fields in one pass, with paths (exit 2)", async () => {
    const file = studyFile("fields.json", {
      ...valid,
      dropout: { perWeek: 2 },
      arms: [{ id: "a", protocol: "lkm", n: -3 }],
      extra: 1,
    });
    expect(await cli.run("study", "validate", file)).toBe(2);
    expect(cli.stderr).toContain(`study file ${file} is invalid (3 problems)`);
    expect(cli.stderr).toContain("arms[0].n: expected an integer >= 1");
    expect(cli.stderr).toContain("dropout.perWeek:");
    expect(cli.stderr).toContain("extra: unknown field");
  });

  it("reports problems with what the study refers to in the same pass", async () => {
    const file = studyFile("refs.json", {
      ...valid,
      arms: [
        { id: "lkm", protocol: "lkmm", n: 4 },
        { id: "waitlist", protocol: "waitlist", n: 4 },
      ],
      battery: { pre: ["questionnaires"], post: ["questionaires"] },
      set: { a1: -2 },
    });
    expect(await cli.run("study", "validate", file, "--json")).toBe(2);
    const r = JSON.parse(cli.stdout);
    expect(r.ok).toBe(false);
    const paths = r.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain("arms[0].protocol");
    expect(paths).toContain("battery.post[0]");
    expect(paths.some((p: string) => p.startsWith("set"))).toBe(true);
  });

  it("a missing file is bad input", async () => {
    expect(await cli.run("study", "validate", join(cli.dir, "nope.yaml"))).toBe(2);
    expect(cli.stderr).toContain("no such file");
  });
});

describe("kindsim paradigms and measures", () => {
  it("list what ships, as text and JSON", async () => {
    expect(await cli.run("paradigms", "--json")).toBe(0);
    const ps = JSON.parse(cli.stdout);
    expect(ps.map((p: { id: string }) => p.id)).toContain("questionnaires");
    cli.clear();
    expect(await cli.run("measures", "--json")).toBe(0);
    const ms = JSON.parse(cli.stdout);
    const rmet = ms.find((m: { id: string }) => m.id === "rmet_accuracy");
    expect(rmet).toMatchObject({ label: "RMET items correct (of 36)", instrument: "binomial" });
    cli.clear();
    expect(await cli.run("measures")).toBe(0);
    expect(cli.stdout).toMatch(/^rmet_accuracy\s+RMET items correct/m);
    cli.clear();
    expect(await cli.run("paradigms")).toBe(0);
    expect(cli.stdout).toMatch(/measures: .*rmet_accuracy/);
  });
});
