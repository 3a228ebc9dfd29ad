import { describe, expect, it } from "vitest";
import { cliHarness } from "../testHarness.js";

const cli = cliHarness("lists-cli");

describe("kindsim populations", () => {
  it("lists each population's age and share of women", async () => {
    expect(await cli.run("populations")).toBe(0);
    expect(cli.stdout).toMatch(
      /healthy-adults[^\n]*\n\s+age 40 ± 13 y \[18, 80\]; 60% female; OXTR GG/,
    );
    expect(cli.stdout).toMatch(/lonely-older-adults[^\n]*\n\s+age 70 ± 7 y \[60, 95\]; 65% female/);
  });

  it("--json gives age and female as fields", async () => {
    expect(await cli.run("populations", "--json")).toBe(0);
    const ps = JSON.parse(cli.stdout) as { id: string; age?: unknown; female?: number }[];
    const med = ps.find((p) => p.id === "experienced-meditators")!;
    expect(med.age).toEqual({ mean: 46, sd: 10, min: 25, max: 80 });
    expect(med.female).toBe(0.45);
  });
});
