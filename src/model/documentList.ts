/**
 * The top level of a data file that holds one record or a list of them under a key
 * (`protocols: [...]`, `populations: [...]`, `paradigms: [...]`): what the readers accept,
 * and a clear answer for an empty file, a bare value or a list where an object was expected.
 */

import { show, type Issues } from "./issues.js";

/** One record of a data file with the path its problems are reported under. */
export interface DocumentItem {
  path: string;
  value: unknown;
}

/**
 * The records of a document: `{ [key]: [...] }` gives one item per entry (`key[i]`); any other
 * object is a single record (path `(single)`, e.g. `(protocol)`). An empty file, a scalar or a
 * top-level list is reported at `(document)` and gives no items.
 * @param key the list key, e.g. `protocols`
 * @param single what one record is called, e.g. `protocol`
 * @param expects what a record must hold, for the message, e.g. `id, label and weeks`
 */
export function documentItems(
  issues: Issues,
  raw: unknown,
  key: string,
  single: string,
  expects: string,
): DocumentItem[] {
  const expected = `expected a ${single} (an object with ${expects}) or a list of them under "${key}:"`;
  if (raw === null || raw === undefined) {
    issues.add("(document)", `${expected}, got an empty file`);
    return [];
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    issues.add("(document)", `${expected}, got ${show(raw)}`);
    return [];
  }
  if (!Object.hasOwn(raw, key)) return [{ path: `(${single})`, value: raw }];
  for (const k of Object.keys(raw))
    if (k !== key) issues.add(k, `unknown field (a file with "${key}:" holds nothing else)`);
  const list = issues.array(key, (raw as Record<string, unknown>)[key]);
  if (list && list.length === 0)
    issues.add(key, `expected at least one ${single}, got an empty list`);
  return (list ?? []).map((value, i) => ({ path: `${key}[${i}]`, value }));
}
