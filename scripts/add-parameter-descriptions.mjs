#!/usr/bin/env node
// Writes one-line parameter descriptions into a model YAML file, from a JSON file mapping
// parameter id → description (default: scripts/parameter-descriptions.json).
//
//   node scripts/add-parameter-descriptions.mjs <model.yaml> [descriptions.json] [--check] [--strict]
//
// Each parameter entry of the model's `parameters:` section is a one-line flow mapping,
// `y1: { value: 1.0, unit: logit, prior: {...}, provenance: {...} }`; the script inserts
// `description: "…"` after `value: …, unit: …,` (or first, when the entry does not start
// with them). It is idempotent: an existing description is replaced. Every other byte of
// the file stays as it was, and every edited line is parsed back to check that only its
// description changed.
//
// It reports the model's parameters that the JSON does not describe (left untouched),
// the JSON ids that are not parameters of the model, and entries it could not edit (not a
// one-line flow mapping). `--check` writes nothing and exits 1 if the file would change;
// `--strict` exits 1 when any id is missing on either side. Bad input exits 2.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const DEFAULT_JSON = fileURLToPath(new URL("parameter-descriptions.json", import.meta.url));
/** As the model validator's limit (MAX_PARAMETER_DESCRIPTION in src/model/validateModel.ts). */
const MAX_LENGTH = 160;

/** A bad input: printed without a stack, exit code 2. */
class InputError extends Error {}

/** Reads and checks the descriptions JSON: an object of non-empty one-line strings. */
function readDescriptions(path) {
  let json;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new InputError(`cannot read descriptions ${path}: ${e.message}`);
  }
  if (json === null || typeof json !== "object" || Array.isArray(json))
    throw new InputError(`${path}: expected an object of parameter id → description`);
  for (const [id, d] of Object.entries(json)) {
    if (typeof d !== "string" || d.trim() === "" || /[\r\n]/.test(d) || d.length > MAX_LENGTH)
      throw new InputError(
        `${path}: ${id}: expected a one-line, non-empty string of at most ${MAX_LENGTH} characters`,
      );
  }
  return json;
}

// A YAML flow scalar: double-quoted, single-quoted or plain (up to the next , or }).
const SCALAR = String.raw`(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,{}\[\]]+?)`;
const ENTRY = /^(\s+)([A-Za-z_][\w]*)(\s*:\s*)\{(.*)\}(\s*(?:#.*)?)$/;
const VALUE_UNIT = new RegExp(
  String.raw`^(\s*value\s*:\s*${SCALAR}\s*,\s*unit\s*:\s*${SCALAR}\s*,)`,
);
const DESCRIPTION = new RegExp(String.raw`\s*\bdescription\s*:\s*${SCALAR}\s*(?:,|(?=\s*$))`);

/** The entry's flow mapping with `description` set to `text` (an existing one replaced). */
function withDescription(body, text) {
  const item = `description: ${JSON.stringify(text)}`;
  const rest = body.replace(DESCRIPTION, "").replace(/,\s*$/, " ");
  if (rest.trim() === "") return ` ${item} `;
  const m = VALUE_UNIT.exec(rest);
  if (m) return `${m[1]} ${item},${rest.slice(m[1].length)}`;
  return ` ${item},${rest.startsWith(" ") ? "" : " "}${rest}`;
}

/** Parses one flow mapping `{ … }`, or undefined when it is not valid YAML. */
function parseFlow(body) {
  try {
    const v = parse(`{${body}}`);
    return v !== null && typeof v === "object" && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The line range [start, end) of the top-level `parameters:` section. */
function parameterSection(lines) {
  const start = lines.findIndex((l) => /^parameters\s*:\s*(#.*)?$/.test(l));
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && !/^[^\s#]/.test(lines[end])) end++;
  return [start + 1, end];
}

/**
 * Inserts the descriptions into the text of a model YAML file. Returns the new text and
 * what happened: ids described (and how many replaced an existing description), the
 * model's parameters the JSON leaves out, the JSON ids not in the model, and entries that
 * could not be edited.
 */
export function addParameterDescriptions(text, descriptions) {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(/\r?\n/);
  const section = parameterSection(lines);
  if (!section) throw new InputError("the model has no top-level `parameters:` section");
  const seen = [];
  const described = [];
  const replaced = [];
  const skipped = [];
  const indent = /^(\s+)\S/.exec(lines[section[0]] ?? "")?.[1];
  for (let i = section[0]; i < section[1]; i++) {
    const lead = /^(\s+)([A-Za-z_][\w]*)\s*:/.exec(lines[i]);
    if (!lead || lead[1] !== indent) continue; // comments, blank lines, nested block lines
    const id = lead[2];
    seen.push(id);
    if (!Object.hasOwn(descriptions, id)) continue;
    const m = ENTRY.exec(lines[i]);
    const before = m && parseFlow(m[4]);
    if (!m || !before) {
      skipped.push(id);
      continue;
    }
    const body = withDescription(m[4], descriptions[id]);
    const after = parseFlow(body);
    const { description: old, ...rest } = before;
    const { description: now, ...restAfter } = after ?? {};
    if (!after || now !== descriptions[id] || JSON.stringify(rest) !== JSON.stringify(restAfter)) {
      skipped.push(id);
      continue;
    }
    if (old !== undefined) replaced.push(id);
    described.push(id);
    lines[i] = `${m[1]}${id}${m[3]}{${body}}${m[5]}`;
  }
  return {
    text: lines.join(eol),
    described,
    replaced,
    missing: seen.filter((id) => !Object.hasOwn(descriptions, id)),
    unknown: Object.keys(descriptions).filter((id) => !seen.includes(id)),
    skipped,
  };
}

function main(argv) {
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  for (const f of flags)
    if (f !== "--check" && f !== "--strict") throw new InputError(`unknown option ${f}`);
  const [model, json = DEFAULT_JSON, extra] = argv.filter((a) => !a.startsWith("--"));
  if (!model || extra)
    throw new InputError(
      "usage: node scripts/add-parameter-descriptions.mjs <model.yaml> [descriptions.json] [--check] [--strict]",
    );
  let text;
  try {
    text = readFileSync(model, "utf8");
  } catch (e) {
    throw new InputError(`cannot read model ${model}: ${e.message}`);
  }
  const r = addParameterDescriptions(text, readDescriptions(json));
  const list = (ids) => (ids.length ? `: ${ids.join(", ")}` : "");
  const changed = r.text !== text;
  console.log(
    `${model}: ${r.described.length} parameters described (${r.replaced.length} replaced an existing description)${changed ? "" : "; file unchanged"}`,
  );
  console.log(
    `model parameters not in the JSON, left untouched (${r.missing.length})${list(r.missing)}`,
  );
  console.log(`JSON ids not in the model (${r.unknown.length})${list(r.unknown)}`);
  if (r.skipped.length)
    console.log(
      `entries not edited (not a one-line flow mapping) (${r.skipped.length})${list(r.skipped)}`,
    );
  if (flags.has("--check")) {
    if (changed) console.log("--check: the file would change (nothing written)");
    return changed ? 1 : 0;
  }
  if (changed) writeFileSync(model, r.text);
  const incomplete = r.missing.length + r.unknown.length + r.skipped.length > 0;
  return flags.has("--strict") && incomplete ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    console.error(`add-parameter-descriptions: ${e.message}`);
    process.exitCode = 2;
  }
}
