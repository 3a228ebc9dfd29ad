/**
 * `--out` for every command: the folder is checked and its temporary sibling created before
 * the command does any work, the files are written and the folder swapped in at the end,
 * and the temporary folder is removed whatever fails in between.
 */

import type { Manifest } from "../io/manifest.js";
import { manifestFile } from "../io/manifest.js";
import {
  FolderNotEmptyError,
  openOutputFolder,
  type OutputFile,
  type OutputFolder,
} from "../io/outputFolder.js";
import { InputError } from "../model/issues.js";

/** Files to write after the work: the command's own files and the manifest (unless included). */
export interface Outputs {
  files: OutputFile[];
  manifest?: Manifest;
}

/**
 * Opens the `--out` folder first (when given), runs `work`, then writes what it returns and
 * renames the folder into place. Returns `work`'s value and the paths written.
 */
export async function withOutputs<T>(
  o: { out?: string; force?: boolean },
  work: () => Promise<{ value: T; outputs: () => Outputs }>,
): Promise<{ value: T; written: string[] }> {
  const folder = o.out === undefined ? undefined : openOut(o.out, o.force);
  try {
    const { value, outputs } = await work();
    if (!folder) return { value, written: [] };
    const { files, manifest } = outputs();
    await folder.writeAll(files);
    if (manifest && !files.some((f) => f.name === "manifest.json"))
      await folder.write(manifestFile(manifest));
    return { value, written: folder.commit() };
  } finally {
    folder?.abort();
  }
}

/** Opens `--out`, adding the flag and the `--force` hint to the library's message. */
function openOut(path: string, force: boolean | undefined): OutputFolder {
  try {
    return openOutputFolder(path, { force });
  } catch (e) {
    if (e instanceof FolderNotEmptyError)
      throw new InputError(
        `--out: ${e.message}; choose a new folder or add --force to replace it`,
        {
          cause: e,
        },
      );
    if (e instanceof InputError) throw new InputError(`--out: ${e.message}`, { cause: e });
    throw e;
  }
}
