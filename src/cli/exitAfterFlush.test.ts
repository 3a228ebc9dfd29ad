import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const exitModule = fileURLToPath(new URL("../../bin/exit.js", import.meta.url));

describe("bin/exit.js", () => {
  it("exits only after a long output has reached the pipe whole", () => {
    const script = `import(${JSON.stringify(exitModule)}).then(({ exitAfterFlush }) => {
      process.stdout.write("x".repeat(300000));
      exitAfterFlush(3);
    });`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    expect(r.status).toBe(3);
    expect(r.stdout.length).toBe(300000);
  });
});
