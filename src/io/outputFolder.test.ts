import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../model/issues.js";
import {
  checkOutputPath,
  FolderNotEmptyError,
  openOutputFolder,
  writeOutputFolder,
} from "./outputFolder.js";

const dir = mkdtempSync(join(tmpdir(), "kindsim-outfolder-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Entries of `dir` that are temporary folders left behind. */
const leftovers = (): string[] => readdirSync(dir).filter((f) => f.includes(".tmp-"));

describe("checkOutputPath", () => {
  it("refuses an empty path, a file and a non-empty folder, naming the path", () => {
    expect(() => checkOutputPath("")).toThrow(InputError);
    expect(() => checkOutputPath("  ")).toThrow(/expected a path/);
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    expect(() => checkOutputPath(file)).toThrow(`output folder ${file} exists and is not a folder`);
    const used = join(dir, "used");
    mkdirSync(used);
    writeFileSync(join(used, "old.csv"), "x");
    expect(() => checkOutputPath(used)).toThrow(FolderNotEmptyError);
    expect(() => checkOutputPath(used)).toThrow(`output folder ${used} is not empty`);
    expect(checkOutputPath(used, { force: true })).toBe(used);
    expect(checkOutputPath(join(dir, "new"))).toBe(join(dir, "new"));
  });

  it("refuses a folder under a file at open time, before any work", () => {
    const file = join(dir, "blocker");
    writeFileSync(file, "x");
    expect(() => openOutputFolder(join(file, "out"))).toThrow(`output folder ${file}/out: `);
  });
});

describe("OutputFolder", () => {
  it("writes into a temporary sibling and renames it into place whole", async () => {
    const out = join(dir, "run1");
    const folder = openOutputFolder(out);
    expect(folder.temp.startsWith(join(dir, ".run1.tmp-"))).toBe(true);
    await folder.write({ name: "a.txt", content: "hello\n" });
    function* lines() {
      for (let i = 0; i < 3; i++) yield `${i}\n`;
    }
    await folder.write({ name: "b.csv", content: lines() });
    expect(existsSync(out)).toBe(false); // nothing visible before commit
    expect(folder.commit()).toEqual([join(out, "a.txt"), join(out, "b.csv")]);
    expect(readFileSync(join(out, "b.csv"), "utf8")).toBe("0\n1\n2\n");
    expect(leftovers()).toEqual([]);
  });

  it("writes into an existing empty folder", async () => {
    const out = join(dir, "empty");
    mkdirSync(out);
    await writeOutputFolder(out, [{ name: "x", content: "1" }]);
    expect(readdirSync(out)).toEqual(["x"]);
  });

  it("with force, replaces a used folder whole (no file of the old run survives)", async () => {
    const out = join(dir, "forced");
    mkdirSync(out);
    writeFileSync(join(out, "stale.csv"), "old");
    await expect(writeOutputFolder(out, [{ name: "new.csv", content: "n" }])).rejects.toThrow(
      FolderNotEmptyError,
    );
    expect(readdirSync(out)).toEqual(["stale.csv"]);
    await writeOutputFolder(out, [{ name: "new.csv", content: "n" }], { force: true });
    expect(readdirSync(out)).toEqual(["new.csv"]);
    expect(readdirSync(dir).filter((f) => f.includes("forced") && f !== "forced")).toEqual([]);
  });

  it("removes the temporary folder when writing fails (a full disk: ENOSPC) and names the path", async () => {
    const out = join(dir, "full");
    function* failing() {
      yield "row 1\n";
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    }
    await expect(
      writeOutputFolder(out, [
        { name: "ok.txt", content: "fine" },
        { name: "daily.csv", content: failing() },
      ]),
    ).rejects.toThrow(`cannot write ${join(out, "daily.csv")}: ENOSPC: no space left on device`);
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it("keeps an existing folder as it was when a forced rewrite fails", async () => {
    const out = join(dir, "keep");
    mkdirSync(out);
    writeFileSync(join(out, "old.csv"), "old");
    function* failing(): Generator<string> {
      if (out) throw new Error("simulated failure");
      yield "never";
    }
    await expect(
      writeOutputFolder(out, [{ name: "new.csv", content: failing() }], { force: true }),
    ).rejects.toThrow(/simulated failure/);
    expect(readdirSync(out)).toEqual(["old.csv"]);
    expect(leftovers()).toEqual([]);
  });

  it("abort() (e.g. the simulation failed) removes the temporary folder", () => {
    const folder = openOutputFolder(join(dir, "aborted"));
    expect(existsSync(folder.temp)).toBe(true);
    folder.abort();
    folder.abort();
    expect(existsSync(folder.temp)).toBe(false);
    expect(existsSync(join(dir, "aborted"))).toBe(false);
  });

  it("refuses file names that leave the folder", async () => {
    const folder = openOutputFolder(join(dir, "names"));
    await expect(folder.write({ name: "../escape", content: "x" })).rejects.toThrow(
      /not a plain file name/,
    );
    folder.abort();
  });
});
