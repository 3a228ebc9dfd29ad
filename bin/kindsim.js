#!/usr/bin/env node
// Entry point of the `kindsim` command: runs the compiled CLI (build with `npm run build`).
import { main } from "../dist/cli/main.js";
import { exitAfterFlush } from "./exit.js";

// Interrupted runs exit through process.exit, so the "exit" hooks remove temporary output
// folders (see src/io/outputFolder.ts).
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
])
  process.once(signal, () => process.exit(code));

main(process.argv.slice(2)).then(exitAfterFlush, (err) => {
  console.error(`kindsim: ${err instanceof Error ? err.message : String(err)}`);
  exitAfterFlush(1);
});
