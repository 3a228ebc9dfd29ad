/**
 * Where kindsim finds its data. The core never touches a file system: every model,
 * paradigm, protocol, population, findings or study file it reads goes through the current
 * {@link DataResolver}. Hosts implement it: `kindsim/node` installs one that reads files
 * (and the package's own `models/`, `data/`, `examples/` folders); the default, also used in
 * browsers, serves the shipped files embedded in the package ({@link SHIPPED_FILES}) and any
 * texts the caller hands it ({@link memoryDataResolver}).
 */

import { InputError } from "./issues.js";
import { SHIPPED_FILES } from "./shippedFiles.js";

/** Reads data texts for the core; see the module comment. */
export interface DataResolver {
  /**
   * Folder holding the shipped `models/`, `data/` and `examples/` folders: the package's
   * folder on Node, the virtual folder `/kindsim` in memory.
   */
  readonly root: string;
  /**
   * Text of the file at `path` (as returned by {@link DataResolver.resolve}).
   * @throws InputError naming `what` and the path when it cannot be read.
   */
  readText(path: string, what: string): string;
  /** `ref` resolved against the folder `base`; an absolute `ref` is returned as is. */
  resolve(base: string, ref: string): string;
  /** The folder of `path`. */
  dirname(path: string): string;
}

/** Root of the shipped files in a {@link memoryDataResolver}. */
export const MEMORY_ROOT = "/kindsim";

/** POSIX-style resolution through the URL standard (no Node built-in needed). */
function urlResolve(base: string, ref: string): string {
  if (ref.startsWith("/")) return new URL(`file://${ref}`).pathname;
  const dir = base.endsWith("/") ? base : `${base}/`;
  return decodeURIComponent(
    new URL(ref, `file://${dir.startsWith("/") ? dir : `/${dir}`}`).pathname,
  );
}

/**
 * A resolver over texts held in memory: the shipped files under {@link MEMORY_ROOT}
 * (`/kindsim/data/protocols.yaml`, …) and `files`, keyed by absolute POSIX path
 * (e.g. `{ "/my/study.yaml": text, "/my/paradigms/x.yaml": text }`). Works in any JS host.
 */
export function memoryDataResolver(files: Readonly<Record<string, string>> = {}): DataResolver {
  return {
    root: MEMORY_ROOT,
    readText(path, what) {
      const p = urlResolve("/", path);
      const text = Object.hasOwn(files, p)
        ? files[p]
        : p.startsWith(`${MEMORY_ROOT}/`) &&
            Object.hasOwn(SHIPPED_FILES, p.slice(MEMORY_ROOT.length + 1))
          ? SHIPPED_FILES[p.slice(MEMORY_ROOT.length + 1)]
          : undefined;
      if (text === undefined)
        throw new InputError(
          `cannot read ${what} ${path}: no such file (the in-memory resolver holds only the shipped files and the texts given to memoryDataResolver; on Node, import kindsim/node to read files)`,
        );
      return text;
    },
    resolve: urlResolve,
    dirname: (path) => {
      const dir = urlResolve(path, "..");
      return dir.length > 1 && dir.endsWith("/") ? dir.slice(0, -1) : dir;
    },
  };
}

let current: DataResolver = memoryDataResolver();

/** The resolver the core reads through (default: {@link memoryDataResolver}()). */
export function dataResolver(): DataResolver {
  return current;
}

/**
 * Makes `resolver` the one the core reads through, and returns the previous one.
 * Importing `kindsim/node` installs the Node resolver.
 */
export function setDataResolver(resolver: DataResolver): DataResolver {
  const previous = current;
  current = resolver;
  return previous;
}

/** Path of a shipped file, by package-relative name (e.g. `data/protocols.yaml`). */
export function shippedPath(name: string): string {
  return current.resolve(current.root, name);
}
