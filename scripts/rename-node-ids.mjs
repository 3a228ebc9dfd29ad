#!/usr/bin/env node
// Renames node ids in kindsim's YAML data files (issue 8, "Words for ids"), mapping-driven and
// idempotent: run it as often as you like, on new content that still uses the old ids.
//
//   node scripts/rename-node-ids.mjs [--check] [FILE|FOLDER ...]
//
// Default folders: models/, data/, examples/, test-fixtures/ (every .yaml/.yml under them).
// `--check` changes nothing: it lists every remaining old id in a node position
// (file:line:col, context) and exits 1 when there is any.
//
// What is renamed (the source text is edited in place, so comments and layout stay):
// - formula strings (node equation/init, slow dynamics, day-summary `otherwise`, coupling
//   `engagement`, variant `equations` values, and any value under a formula key), renamed by
//   identifier token with the rules of src/model/formula.ts ([A-Za-z_][A-Za-z0-9_]*; numbers
//   such as 1e-3 are skipped): only whole identifiers equal to an old id, never inside words;
// - values that are node ids: node `id`, edge `from`/`to`, day-summary `node`, coupling
//   measure `nodes: [ … ]` items;
// - keys that are node ids: `inputs`, `terms`, `signAt`, `equations`, `initial`, `baseline`;
// - in test-fixtures/bad-inputs/cases.yaml, the YAML fragments of `replace` pairs and `text`
//   files (keys inside `inputs: { … }`, `terms: { … }`, `signAt: { … }`, a leading
//   `ID: { median` of a population's initial values, `nodes: [ … ]` items, `id: ID`,
//   `from:`/`to:`/`node: ID`, and bare formulas such as `sigmoid(m1*mirroring*s*A - m0)`),
//   and the old names of `rename` pairs.
// Prose (labels, meanings, descriptions, notes, comments) is never touched: edit it by hand.
// Strings in other positions that look like a formula or an id holding an old id are listed
// as "not renamed (unknown position)": extend the position sets below if they are node ids.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from "yaml";

/** Old node id → new node id. */
export const MAPPING = {
  // inputs (bystanders, reciprocity keep their ids)
  s: "suffering",
  esc: "escapeEase",
  cost: "helpCost",
  kind: "kindnessCue",
  threat: "socialThreat",
  nonsocial: "aversiveCue",
  excl: "exclusionCue",
  selfcue: "selfFocus",
  // fast nodes
  A: "attendOther",
  Y: "salience",
  M: "motorSimulation",
  F: "affectiveSharing",
  Z: "perspectiveTaking",
  R: "regulation",
  X: "feltExclusion",
  D: "selfReference",
  P: "personalDistress",
  C: "compassion",
  W: "reward",
  // readouts
  perspective: "perspectiveOnly",
};

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEFAULT_FOLDERS = ["models", "data", "examples", "test-fixtures"];

/** Keys whose string value is a formula. */
const FORMULA_KEYS = new Set([
  "equation",
  "init",
  "target",
  "drive",
  "rate",
  "decay",
  "baseline",
  "tau",
  "otherwise",
  "engagement",
  "formula",
]);
/** Keys whose scalar value (or list items) are node ids. */
const ID_VALUE_KEYS = new Set(["from", "to", "node", "nodes"]);
/** Keys of maps whose keys are node ids. */
const ID_KEY_PARENTS = new Set(["inputs", "terms", "signAt", "equations", "initial", "baseline"]);
/** Maps whose keys are not node ids even when named like one above (e.g. parameters). */
const SKIP_KEYS = new Set(["parameters", "evidence", "hypotheses", "everyday", "set"]);

const has = (id) => Object.prototype.hasOwnProperty.call(MAPPING, id);
const isIdStart = (c) => /[A-Za-z_]/.test(c);
const isIdPart = (c) => /[A-Za-z0-9_]/.test(c);
const isDigit = (c) => /[0-9]/.test(c);

/**
 * Renames whole identifiers of a formula's source text (the tokenizer of formula.ts: numbers
 * with an optional exponent are skipped, so `2e3` holds no identifier `e3`).
 */
export function renameFormula(src) {
  let out = "";
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (isDigit(c) || (c === "." && isDigit(src[i + 1] ?? ""))) {
      const m = /^[0-9]*(\.[0-9]*)?([eE][+-]?[0-9]+)?/.exec(src.slice(i));
      const len = Math.max(1, m[0].length);
      out += src.slice(i, i + len);
      i += len;
    } else if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdPart(src[j])) j++;
      const id = src.slice(i, j);
      out += has(id) ? MAPPING[id] : id;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Renames node-id keys inside the YAML fragments of cases.yaml (replace pairs, text files). */
export function renameFragment(src) {
  const keysIn = (body) =>
    body.replace(/(^|[{,\s])([A-Za-z_][A-Za-z0-9_]*)(\s*:)/g, (all, pre, id, colon) =>
      has(id) ? pre + MAPPING[id] + colon : all,
    );
  let out = src.replace(
    /\b(inputs|terms|signAt|initial|equations)(\s*:\s*\{)([^}]*)/g,
    (all, key, open, body) => key + open + keysIn(body),
  );
  out = out.replace(
    /(\bnodes\s*:\s*\[)([^\]]*)/g,
    (all, open, body) =>
      open + body.replace(/[A-Za-z_][A-Za-z0-9_]*/g, (id) => (has(id) ? MAPPING[id] : id)),
  );
  out = out.replace(
    /(^['"]?|\\n|\n)(\s*)([A-Za-z_][A-Za-z0-9_]*)(: \{ median)/g,
    (all, nl, sp, id, rest) => (has(id) ? nl + sp + MAPPING[id] + rest : all),
  );
  out = out.replace(/\b(id)(: )([A-Za-z_][A-Za-z0-9_]*)(?=[,\s}']|$)/g, (all, k, sep, id) =>
    has(id) ? k + sep + MAPPING[id] : all,
  );
  // A bare formula (a replace pair that edits an equation): rename it by token.
  const bare = src.replace(/^'(.*)'$/s, "$1");
  const formulaLike =
    /^[A-Za-z0-9_\s+\-*/^().,]*$/.test(bare) &&
    /[*+^/]/.test(bare) &&
    !/[A-Za-z0-9_]\s+[A-Za-z_(]/.test(bare); // two words in a row: prose, not a formula
  if (formulaLike) out = renameFormula(src);
  out = out.replace(
    /\b(from|to|node)(: )([A-Za-z_][A-Za-z0-9_]*)(?=[,\s}]|$)/g,
    (all, k, sep, id) =>
      has(id) && !/^(episode|slow|diary|coupling)$/.test(id) ? k + sep + MAPPING[id] : all,
  );
  return out;
}

/** Keys whose values are prose or known not to be node ids (never renamed, never reported). */
const PROSE_KEYS = new Set([
  "label",
  "meaning",
  "description",
  "note",
  "reason",
  "citation",
  "summary",
  "claim",
  "title",
  "lintJustification",
  "expectedFailure",
  "unit",
  // known positions that are not node ids though they may look like one
  "symbol",
  "condition",
  "contrast",
  "variable",
]);

/**
 * Strings in no known node position that still hold an old id as a whole identifier and look
 * like a formula or an id (e.g. a formula under a key added after this script was written).
 * They are not renamed; the script lists them so that MAPPING's positions can be extended.
 */
const suspects = [];
function suspect(scalar, key, ctx) {
  const v = scalar.value;
  const ids = v.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  const formulaLike = /^[A-Za-z0-9_\s+\-*/^().,]*$/.test(v) && /[*+^/(]/.test(v);
  if ((formulaLike && ids.some(has)) || (has(v) && key !== "id"))
    suspects.push({ at: scalar.range?.[0] ?? 0, what: `${ctx.parent || "?"}.${key}: ${v}` });
}

/** Key of a pair as a string (or undefined). */
const keyOf = (pair) => (isScalar(pair.key) ? String(pair.key.value) : undefined);

/**
 * Collects the edits of one YAML document: [start, end, replacement, what] on the source text.
 * `ctx` tells where we are: the parent key, whether this file is the bad-inputs corpus.
 */
function collectEdits(node, text, ctx, edits) {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = keyOf(pair);
      if (key !== undefined && SKIP_KEYS.has(key) && !ctx.corpus) continue;
      if (ctx.idKeys && isScalar(pair.key) && has(key) && pair.key.range) {
        const [a, b] = pair.key.range;
        const srcKey = text.slice(a, b);
        if (srcKey === key) edits.push([a, b, MAPPING[key], `key ${key} under ${ctx.parent}`]);
      }
      if (ctx.parent === "equations" && isScalar(pair.value)) {
        scalarEdit(pair.value, text, "formula", `equation of ${key}`, edits);
        continue;
      }
      visitValue(pair.value, text, key, ctx, edits);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (ctx.corpus && isScalar(item))
        scalarEdit(item, text, ctx.parent === "rename" ? "id" : "fragment", "fragment", edits);
      else if (ctx.idItems && isScalar(item))
        scalarEdit(item, text, "id", `item of ${ctx.parent}`, edits);
      else collectEdits(item, text, { ...ctx, idKeys: false, idItems: false }, edits);
    }
  }
}

function visitValue(value, text, key, ctx, edits) {
  if (value == null) return;
  if (isScalar(value)) {
    if (ctx.corpus && typeof value.value === "string" && key !== "about" && key !== "id") {
      scalarEdit(value, text, "fragment", `fragment under ${key}`, edits);
    } else if (key === "id" && ctx.nodeList) {
      scalarEdit(value, text, "id", "node id", edits);
    } else if (ID_VALUE_KEYS.has(key) && ctx.idValues) {
      scalarEdit(value, text, "id", key, edits);
    } else if (FORMULA_KEYS.has(key) && typeof value.value === "string") {
      scalarEdit(value, text, "formula", key, edits);
    } else if (!ctx.corpus && typeof value.value === "string" && !PROSE_KEYS.has(key)) {
      suspect(value, key, ctx);
    }
    return;
  }
  const child = {
    ...ctx,
    parent: key,
    idKeys: ID_KEY_PARENTS.has(key),
    idItems: key === "nodes" && ctx.idValues,
    nodeList: key === "nodes" && ctx.model,
    idValues: ctx.idValues || key === "edges" || key === "summaries" || key === "source",
  };
  // In a model, `nodes` is the node list (items are maps with `id`), not a list of ids.
  if (key === "nodes" && ctx.model) child.idItems = false;
  collectEdits(value, text, child, edits);
}

/** Adds the edit of one scalar (its source text, quotes included, stays in the same style). */
function scalarEdit(scalar, text, mode, what, edits) {
  if (!scalar.range || typeof scalar.value !== "string") return;
  const [a, b] = scalar.range;
  const src = text.slice(a, b);
  let out;
  if (mode === "id") out = src === scalar.value && has(src) ? MAPPING[src] : src;
  else if (mode === "formula") out = renameFormula(src);
  else out = renameFragment(src);
  if (out !== src)
    edits.push([a, b, out, `${what}: ${src.length > 60 ? src.slice(0, 57) + "..." : src}`]);
}

/** The renamed text of one file and the list of edits made. */
export function renameYamlText(text, { corpus = false } = {}) {
  const docs = parseAllDocuments(text);
  const edits = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors?.length) throw new Error(doc.errors[0].message);
    const root = doc.contents;
    const model = isMap(root) && root.has("nodes") && root.has("edges");
    collectEdits(root, text, { corpus, model, idValues: false, parent: "" }, edits);
  }
  edits.sort((x, y) => y[0] - x[0]);
  let out = text;
  for (const [a, b, rep] of edits) out = out.slice(0, a) + rep + out.slice(b);
  return { text: out, edits: edits.reverse() };
}

function yamlFiles(paths) {
  const out = [];
  const walk = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) if (e !== "node_modules") walk(join(p, e));
    } else if (/\.ya?ml$/i.test(p)) out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

function main(argv) {
  const check = argv.includes("--check");
  const args = argv.filter((a) => a !== "--check");
  const paths = args.length ? args : DEFAULT_FOLDERS.map((f) => join(ROOT, f));
  let remaining = 0;
  let toCheck = 0;
  let changed = 0;
  for (const file of yamlFiles(paths)) {
    const text = readFileSync(file, "utf8");
    const corpus = /bad-inputs[\\/]cases\.ya?ml$/.test(file);
    suspects.length = 0;
    const { text: out, edits } = renameYamlText(text, { corpus });
    const name = relative(process.cwd(), file);
    if (suspects.length) {
      const lc = new LineCounter();
      parseAllDocuments(text, { lineCounter: lc });
      for (const { at, what } of suspects) {
        const { line, col } = lc.linePos(at);
        console.log(
          `${name}:${line}:${col}: not renamed (unknown position), check by hand: ${what}`,
        );
        toCheck++;
      }
    }
    if (!edits.length) continue;
    if (check) {
      const lc = new LineCounter();
      parseAllDocuments(text, { lineCounter: lc });
      for (const [a, , , what] of edits) {
        const { line, col } = lc.linePos(a);
        console.log(`${name}:${line}:${col}: ${what}`);
        remaining++;
      }
    } else {
      writeFileSync(file, out);
      changed++;
      console.log(`${name}: ${edits.length} renamed`);
    }
  }
  if (toCheck)
    console.log(`${toCheck} string(s) in unknown positions hold an old id: check by hand`);
  if (check) {
    console.log(remaining ? `${remaining} old node ids remain` : "no old node ids remain");
    process.exit(remaining ? 1 : 0);
  }
  console.log(`${changed} file(s) changed`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  main(process.argv.slice(2));
