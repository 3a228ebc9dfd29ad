#!/usr/bin/env node
// Entry point of the `kindsim` command: runs the compiled CLI (build with `npm run build`).
import { main } from "../dist/cli/main.js";

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`kindsim: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
