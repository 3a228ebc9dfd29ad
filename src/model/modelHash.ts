/** A content hash of a model, written into every output's manifest. */

// @noble/hashes: audited, dependency-free SHA-256 that runs in browsers and Node alike
// (node:crypto is Node-only); gives the same digest as node:crypto.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { Model } from "./types.js";

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort())
      if ((v as Record<string, unknown>)[k] !== undefined)
        o[k] = canonical((v as Record<string, unknown>)[k]);
    return o;
  }
  return v;
}

/** SHA-256 (hex, first 16 characters) of the model's canonical JSON; key order does not matter. */
export function modelHash(model: Model): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(canonical(model))))).slice(0, 16);
}
