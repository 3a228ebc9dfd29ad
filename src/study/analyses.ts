/**
 * The planned analyses (kept as an entry point for existing imports): the kinds live in
 * `./analyses/<kind>.ts`, listed in `./analyses/registry.ts`.
 */
export * from "./analyses/index.js";
