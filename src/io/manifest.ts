/**
 * The one manifest writer: every command that writes files writes a `manifest.json` saying
 * what produced them (kindsim version, command line, model and its hash, variant,
 * parameters changed, seed) and which input files were read, each with its SHA-256, so a
 * run can be checked and repeated.
 */

import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { modelHash } from "../model/modelHash.js";
import type { Model } from "../model/types.js";
import { VERSION } from "../model/version.js";
import type { StudySpec } from "../study/studySpec.js";
import type { OutputFile } from "./outputFolder.js";

/** One input file read by the run. */
export interface ManifestInput {
  path: string;
  sha256: string;
  bytes: number;
}

/** The model a run used. */
export interface ManifestModel {
  id: string;
  /** Hash of the model's content after the variant (see `modelHash`). */
  hash: string;
  variant: string | null;
  parametersChanged: Record<string, number>;
}

/** The fields every manifest has, in this order, followed by the command's own. */
export interface Manifest {
  kindsim: string;
  created: string;
  command: string;
  model: ManifestModel | ManifestModel[];
  seed: number | null;
  inputs: ManifestInput[];
  [extra: string]: unknown;
}

/** What {@link buildManifest} needs. */
export interface ManifestSpec {
  /** The command line, e.g. `kindsim trial study.yaml --n 40`. */
  command: string;
  /** The model used (one, or one per variant compared). */
  model:
    | { model: Model; variant?: string | null; parametersChanged?: Record<string, number> }
    | { model: Model; variant?: string | null; parametersChanged?: Record<string, number> }[];
  /** The seed (null when each part uses its own, e.g. the scorecard's studies). */
  seed?: number | null;
  /** Input files read (duplicates and missing paths are dropped). */
  inputs?: Iterable<string | undefined>;
  /** The command's own fields (arms, study, timing …), after the common ones. */
  extra?: Record<string, unknown>;
  /** Time stamp; default now. */
  created?: Date;
}

/** SHA-256 (hex) and size of a file. */
export function hashFile(path: string): ManifestInput {
  const bytes = readFileSync(path);
  return { path, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length };
}

/** Hashes the existing regular files among `paths` (each once, in order). */
export function hashInputs(paths: Iterable<string | undefined>): ManifestInput[] {
  const seen = new Set<string>();
  const out: ManifestInput[] = [];
  for (const p of paths) {
    if (!p) continue;
    const abs = resolve(p);
    if (seen.has(abs) || !existsSync(abs) || !statSync(abs).isFile()) continue;
    seen.add(abs);
    out.push(hashFile(p));
  }
  return out;
}

function manifestModel(m: Exclude<ManifestSpec["model"], unknown[]>): ManifestModel {
  return {
    id: m.model.id,
    hash: modelHash(m.model),
    variant: m.variant ?? null,
    parametersChanged: m.parametersChanged ?? {},
  };
}

/** Builds a manifest (see the module's description). */
export function buildManifest(spec: ManifestSpec): Manifest {
  return {
    kindsim: VERSION,
    created: (spec.created ?? new Date()).toISOString(),
    command: spec.command,
    model: Array.isArray(spec.model) ? spec.model.map(manifestModel) : manifestModel(spec.model),
    seed: spec.seed ?? null,
    inputs: hashInputs(spec.inputs ?? []),
    ...spec.extra,
  };
}

/** The `manifest.json` output file of a manifest. */
export function manifestFile(manifest: Manifest): OutputFile {
  return { name: "manifest.json", content: JSON.stringify(manifest, null, 2) + "\n" };
}

/**
 * The files a study reads: the study file itself, its model file, its paradigm files, and
 * protocol and population files named by path (shipped ids are not files and are skipped).
 */
export function studyInputFiles(file: string, spec: StudySpec): string[] {
  return [
    file,
    spec.model,
    spec.population,
    ...spec.arms.flatMap((a) => [a.protocol, a.population]),
    ...spec.paradigms,
  ].filter((p): p is string => typeof p === "string" && /\.(ya?ml|json)$/i.test(p));
}
