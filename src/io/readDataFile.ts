/**
 * Reading data files from disk (Node only): the text of a file, or its parsed YAML/JSON
 * value, with a missing or unreadable file turned into an InputError naming the path.
 */

import { readFileSync } from "node:fs";
import { parseDataText } from "../model/loadModel.js";
import { InputError } from "../model/issues.js";

/**
 * Text (UTF-8) of the file at `path`.
 * @throws InputError `cannot read <what> <path>: no such file` (or the system's reason).
 */
export function readTextFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read ${what} ${path}: ${code === "ENOENT" ? "no such file" : String(e)}`,
      { cause: e },
    );
  }
}

/** Reads and parses a YAML or JSON file (see {@link parseDataText} for syntax errors). */
export function readDataFile(path: string, what: string): unknown {
  return parseDataText(readTextFile(path, what), `${what} ${path}`);
}
