/**
 * The Node data resolver: user files are read from disk, relative paths resolve against
 * the working folder (or the study file's folder), and the shipped `models/`, `data/` and
 * `examples/` are read from the package's own folder. Importing this module (or
 * `kindsim/node`) makes it the resolver the core reads through.
 */

import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { setDataResolver, type DataResolver } from "../model/dataResolver.js";
import { PARADIGMS_DATA } from "../measure/paradigm.js";
import { POPULATIONS_DATA } from "../sim/population.js";
import { PROTOCOLS_DATA } from "../sim/protocol.js";
import { FINDINGS_DATA } from "../study/scorecard.js";
import { readTextFile } from "./readDataFile.js";

/** Root folder of the package (where `models/`, `data/` and `examples/` live). */
export const PACKAGE_ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Path of the shipped protocols file. */
export const PROTOCOLS_FILE = join(PACKAGE_ROOT, PROTOCOLS_DATA);
/** Path of the shipped populations file. */
export const POPULATIONS_FILE = join(PACKAGE_ROOT, POPULATIONS_DATA);
/** Path of the shipped paradigms file. */
export const PARADIGMS_FILE = join(PACKAGE_ROOT, PARADIGMS_DATA);
/** Path of the shipped findings file. */
export const FINDINGS_FILE = join(PACKAGE_ROOT, FINDINGS_DATA);

/** Reads files from disk; shipped files from {@link PACKAGE_ROOT}. */
export const nodeDataResolver: DataResolver = {
  root: PACKAGE_ROOT,
  readText: readTextFile,
  resolve: (base, ref) => resolve(base, ref),
  dirname: (path) => dirname(path),
};

/** Makes {@link nodeDataResolver} the core's resolver (done when this module loads). */
export function useNodeDataResolver(): void {
  setDataResolver(nodeDataResolver);
}

useNodeDataResolver();
