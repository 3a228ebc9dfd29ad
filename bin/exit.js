// Exiting the `kindsim` process once what it wrote has been flushed. On a pipe, stdout and
// stderr are asynchronous, and process.exit right after a large write cuts it short (a JSON
// summary over 64 KiB arrived truncated); a write's callback runs once everything queued
// before it has been handed to the operating system.

/** Exits with `code` after stdout and stderr have been flushed. */
export function exitAfterFlush(code) {
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
