/**
 * Reading model files (YAML or JSON) from text or through the data resolver, and the shipped
 * default model. No file system here: paths are read by the current {@link DataResolver}.
 */

import { LineCounter, parseDocument } from "yaml";
import { dataResolver, shippedPath, type DataResolver } from "./dataResolver.js";
import { ValidationError } from "./issues.js";
import type { Model } from "./types.js";
import { validateModel } from "./validateModel.js";

/** Id of the model that ships with kindsim. */
export const DEFAULT_MODEL_ID = "mascaro2015";

/** Path (for the current {@link DataResolver}) of a model shipped in the package's `models/` folder. */
export function shippedModelPath(id: string = DEFAULT_MODEL_ID): string {
  return shippedPath(`models/${id}.yaml`);
}

/**
 * Parses YAML or JSON text (JSON is YAML) into a plain value.
 * @throws ValidationError naming the line and column of a syntax error.
 */
export function parseDataText(text: string, what: string): unknown {
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new ValidationError(
      what,
      doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { path: `line ${line}, column ${col}`, message: yamlMessage(e.message) };
      }),
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    // An unresolved alias or an alias bomb is found only when the document is built.
    throw new ValidationError(what, [{ path: "(document)", message: yamlMessage(String(e)) }]);
  }
}

/** The first line of a YAML error, with the parser's stack overflow said in the user's terms. */
function yamlMessage(message: string): string {
  if (message.includes("Maximum call stack size exceeded"))
    return "the document is nested too deeply to read";
  return message.replace(/^\w*Error: /, "").split("\n")[0];
}

/**
 * Reads and parses the data file at `path` through `resolver` (default: the current
 * {@link DataResolver}); a file that cannot be read is an InputError naming `what` and the path.
 */
export function readData(
  path: string,
  what: string,
  resolver: DataResolver = dataResolver(),
): unknown {
  return parseDataText(resolver.readText(path, what), `${what} ${path}`);
}

/** Parses and validates model text (YAML or JSON). */
export function parseModel(text: string, what = "model"): Model {
  return validateModel(parseDataText(text, what), what);
}

/** Loads and validates a model file (read through the current {@link DataResolver}). */
export function loadModel(path: string): Model {
  return validateModel(readData(path, "model file"), `model file ${path}`);
}

let cachedDefault: Model | undefined;

/** The embedded default model (Mascaro et al. 2015), loaded once. */
export function defaultModel(): Model {
  cachedDefault ??= loadModel(shippedModelPath());
  return cachedDefault;
}

/** Loads a model from a path, or the shipped model of that id, or the default. */
export function resolveModel(pathOrId?: string): Model {
  if (!pathOrId || pathOrId === DEFAULT_MODEL_ID) return defaultModel();
  return loadModel(pathOrId);
}
