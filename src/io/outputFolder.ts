/**
 * Output folders that are written whole or not at all.
 *
 * Guarantees of {@link openOutputFolder} (used by every command that writes files):
 * - the path is checked before any work: empty paths, paths that are files, folders that
 *   cannot be created or written, and non-empty folders (unless `force`) are refused at once,
 *   with the path in the message;
 * - files go into a fresh temporary sibling folder (`.NAME.tmp-…` beside the target) and are
 *   streamed there (no output is built as one string);
 * - every file and the folder are fsynced, then the folder is renamed into place whole; with
 *   `force` an existing folder is replaced whole (moved aside, then removed), never mixed;
 * - on any failure (including a full disk, ENOSPC) or an exit before commit, the temporary
 *   folder is removed, and an existing target is left as it was.
 */

import {
  closeSync,
  createWriteStream,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { once } from "node:events";
import { open } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../model/issues.js";
import { writeChunks } from "./csvStream.js";

/** One output file: its name inside the folder and its content (text given lazily streams). */
export interface OutputFile {
  name: string;
  content: string | Uint8Array | Iterable<string> | AsyncIterable<string>;
}

/** Options of {@link openOutputFolder}. */
export interface OutputFolderOptions {
  /** Replace an existing non-empty folder (whole); default false: refuse it. */
  force?: boolean;
}

/** The target folder exists and holds files, and replacing it was not asked for. */
export class FolderNotEmptyError extends InputError {
  constructor(readonly path: string) {
    super(`output folder ${path} is not empty (it would mix the files of two runs)`);
    this.name = "FolderNotEmptyError";
  }
}

/** Temporary folders not yet committed or aborted; removed if the process exits first. */
const pending = new Set<string>();
let exitHookInstalled = false;
function trackTemp(path: string): void {
  pending.add(path);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const p of pending) rmSync(p, { recursive: true, force: true });
  });
}

/** Checks an output folder path; returns its absolute form. Throws an InputError naming it. */
export function checkOutputPath(path: string, opts: OutputFolderOptions = {}): string {
  if (typeof path !== "string" || path.trim() === "")
    throw new InputError(`output folder: expected a path, got ${JSON.stringify(path)}`);
  const abs = resolve(path);
  let st;
  try {
    st = statSync(abs, { throwIfNoEntry: false });
  } catch (e) {
    throw new InputError(`output folder ${path}: ${(e as Error).message}`, { cause: e });
  }
  if (st && !st.isDirectory())
    throw new InputError(`output folder ${path} exists and is not a folder`);
  if (st && !opts.force && readdirSync(abs).length > 0) throw new FolderNotEmptyError(path);
  return abs;
}

/** A folder being written: files go to a temporary sibling until {@link OutputFolder.commit}. */
export class OutputFolder {
  private readonly names = new Set<string>();
  private state: "open" | "committed" | "aborted" = "open";

  private constructor(
    /** The folder as given. */
    readonly path: string,
    /** Its absolute path. */
    readonly target: string,
    /** The temporary sibling being written. */
    readonly temp: string,
    private readonly force: boolean,
  ) {}

  /** Checks `path` and creates the temporary sibling (see the module's guarantees). */
  static open(path: string, opts: OutputFolderOptions = {}): OutputFolder {
    const target = checkOutputPath(path, opts);
    const parent = dirname(target);
    let temp: string;
    try {
      mkdirSync(parent, { recursive: true });
      temp = mkdtempSync(join(parent, `.${basename(target)}.tmp-${process.pid}-`));
    } catch (e) {
      throw new InputError(`output folder ${path}: cannot create it (${(e as Error).message})`, {
        cause: e,
      });
    }
    trackTemp(temp);
    return new OutputFolder(path, target, temp, opts.force ?? false);
  }

  /** Writes one file into the temporary folder (streamed, fsynced); aborts on failure. */
  async write(file: OutputFile): Promise<void> {
    if (this.state !== "open") throw new Error(`output folder ${this.path} is already closed`);
    if (!/^[^/\\]+$/.test(file.name) || file.name === "." || file.name === "..")
      throw new Error(`output file name ${JSON.stringify(file.name)} is not a plain file name`);
    if (this.names.has(file.name)) throw new Error(`output file ${file.name} written twice`);
    this.names.add(file.name);
    try {
      await writeFile(join(this.temp, file.name), file.content);
    } catch (e) {
      this.abort();
      throw new Error(`cannot write ${join(this.path, file.name)}: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }

  /** Writes several files in order. */
  async writeAll(files: Iterable<OutputFile>): Promise<void> {
    for (const f of files) await this.write(f);
  }

  /** Names of the files written so far, in order. */
  get files(): string[] {
    return [...this.names];
  }

  /** Fsyncs the folder and renames it into place (replacing an old one whole with `force`). */
  commit(): string[] {
    if (this.state !== "open") throw new Error(`output folder ${this.path} is already closed`);
    try {
      fsyncPath(this.temp);
      this.swapIn();
      fsyncPath(dirname(this.target));
    } catch (e) {
      this.abort();
      if (e instanceof InputError) throw e;
      throw new Error(`cannot write ${this.path}: ${(e as Error).message}`, { cause: e });
    }
    this.state = "committed";
    pending.delete(this.temp);
    return this.files.map((n) => join(this.path, n));
  }

  /** Removes the temporary folder; the target is left as it was. Safe to call twice. */
  abort(): void {
    if (this.state !== "open") return;
    this.state = "aborted";
    rmSync(this.temp, { recursive: true, force: true });
    pending.delete(this.temp);
  }

  private swapIn(): void {
    const st = statSync(this.target, { throwIfNoEntry: false });
    if (!st) return renameSync(this.temp, this.target);
    if (!st.isDirectory())
      throw new InputError(`output folder ${this.path} exists and is not a folder`);
    // Checked again: another process may have written into it while we ran.
    if (!this.force && readdirSync(this.target).length > 0)
      throw new FolderNotEmptyError(this.path);
    const old = `${this.temp}.old`;
    renameSync(this.target, old);
    try {
      renameSync(this.temp, this.target);
    } catch (e) {
      renameSync(old, this.target);
      throw e;
    }
    rmSync(old, { recursive: true, force: true });
  }
}

/** Opens an output folder: shorthand for {@link OutputFolder.open}. */
export function openOutputFolder(path: string, opts: OutputFolderOptions = {}): OutputFolder {
  return OutputFolder.open(path, opts);
}

/**
 * Writes `files` into the folder `path` whole (see the module's guarantees) and returns the
 * paths written. For work between the check and the writing, use {@link openOutputFolder}.
 */
export async function writeOutputFolder(
  path: string,
  files: Iterable<OutputFile>,
  opts: OutputFolderOptions = {},
): Promise<string[]> {
  const folder = openOutputFolder(path, opts);
  try {
    await folder.writeAll(files);
    return folder.commit();
  } finally {
    folder.abort();
  }
}

/** Writes one file (created new), streaming iterable content, then fsyncs it. */
async function writeFile(path: string, content: OutputFile["content"]): Promise<void> {
  if (typeof content === "string" || content instanceof Uint8Array) {
    const fh = await open(path, "wx");
    try {
      await fh.writeFile(content);
      await fh.sync();
    } finally {
      await fh.close();
    }
    return;
  }
  const ws = createWriteStream(path, { flags: "wx", highWaterMark: 64 * 1024 });
  try {
    await once(ws, "ready"); // the file exists before anything can fail
    await writeChunks(ws, content);
    ws.end();
    await finished(ws);
  } catch (e) {
    ws.on("error", () => {}); // the error is rethrown; later ones (after destroy) are moot
    ws.destroy();
    await finished(ws).catch(() => {});
    throw e;
  }
  fsyncPath(path); // fsync is per file, not per descriptor: this flushes what the stream wrote
}

/** Fsyncs a file or folder by path (folders: so a rename into them survives a crash). */
function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Checks an output file path (not empty, not a folder, in an existing folder); returns it absolute. */
export function checkOutputFilePath(path: string): string {
  if (typeof path !== "string" || path.trim() === "")
    throw new InputError(`output file: expected a path, got ${JSON.stringify(path)}`);
  const abs = resolve(path);
  const st = statSync(abs, { throwIfNoEntry: false });
  if (st?.isDirectory()) throw new InputError(`output file ${path} is a folder`);
  const parent = statSync(dirname(abs), { throwIfNoEntry: false });
  if (!parent?.isDirectory())
    throw new InputError(`output file ${path}: its folder ${dirname(path)} does not exist`);
  return abs;
}

/**
 * Writes one file whole: checks the path first (not empty, not a folder, its folder
 * existing), writes a temporary sibling, fsyncs it and renames it into place; the temporary
 * file is removed on any failure. An existing file is replaced.
 */
export async function writeFileAtomically(
  path: string,
  content: OutputFile["content"],
): Promise<string> {
  const abs = checkOutputFilePath(path);
  const tmp = join(dirname(abs), `.${basename(abs)}.tmp-${process.pid}-${Date.now()}`);
  trackTemp(tmp);
  try {
    await writeFile(tmp, content);
    renameSync(tmp, abs);
    fsyncPath(dirname(abs));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new Error(`cannot write ${path}: ${(e as Error).message}`, { cause: e });
  } finally {
    pending.delete(tmp);
  }
  return abs;
}
