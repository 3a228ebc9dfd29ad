import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../", import.meta.url).pathname;

/** Files `npm pack` would ship (scripts ignored, so no build runs). */
function packed(): Set<string> {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
  return new Set(pack.files.map((f) => f.path));
}

describe("the npm package", () => {
  it("ships every examples/ file the README and the scorecard refer to", () => {
    const files = packed();
    const readme = readFileSync(root + "README.md", "utf8");
    const findings = readFileSync(root + "data/findings.yaml", "utf8");
    const refs = new Set(
      [...`${readme}\n${findings}`.matchAll(/\bexamples\/[\w./-]+\.ya?ml\b/g)].map((m) => m[0]),
    );
    expect(refs.size).toBeGreaterThan(5);
    for (const ref of refs) expect(files, ref).toContain(ref);
    // The studies' own paradigm and protocol files too.
    expect(files).toContain("examples/paradigms/oxytocin-assay.yaml");
    expect(files).toContain("examples/protocols/empathy-then-compassion.yaml");
    for (const f of ["models/mascaro2015.yaml", "data/findings.yaml", "bin/kindsim.js"])
      expect(files).toContain(f);
  }, 60_000);
});
