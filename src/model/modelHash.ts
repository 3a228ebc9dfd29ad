/** A content hash of a model, written into every output's manifest. */

import { createHash } from "node:crypto";
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
  return createHash("sha256")
    .update(JSON.stringify(canonical(model)))
    .digest("hex")
    .slice(0, 16);
}
