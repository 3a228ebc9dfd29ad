/** A terminal progress bar on stderr (silent when stderr is not a terminal). */

/** Progress reporter: `update(fraction)`, then `done()`. */
export interface Progress {
  update(fraction: number): void;
  done(): void;
}

/** Creates a progress bar labelled `label`; a no-op when stderr is not a TTY or `quiet`. */
export function progressBar(label: string, quiet = false): Progress {
  const tty = process.stderr.isTTY && !quiet;
  const start = Date.now();
  let last = -1;
  return {
    update(f: number) {
      if (!tty) return;
      const pct = Math.max(0, Math.min(1, f));
      const q = Math.floor(pct * 100);
      if (q === last) return;
      last = q;
      const width = 30;
      const filled = Math.round(pct * width);
      const secs = (Date.now() - start) / 1000;
      const eta = pct > 0 ? secs / pct - secs : 0;
      process.stderr.write(
        `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(q).padStart(3)}% ${secs.toFixed(1)}s elapsed, ~${eta.toFixed(0)}s left `,
      );
    },
    done() {
      if (tty)
        process.stderr.write(
          `\r${label} done in ${((Date.now() - start) / 1000).toFixed(1)}s${" ".repeat(40)}\n`,
        );
    },
  };
}
