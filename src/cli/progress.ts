/**
 * Progress of long commands on stderr: a bar redrawn in place on a terminal, and a plain line
 * every few seconds otherwise (logs, CI, pipes), so a long run never looks hung.
 */

/** Progress reporter: `update(fraction)`, `note(line)`, then `done()`. */
export interface Progress {
  update(fraction: number): void;
  /** Prints a line (e.g. the plan of a long run) without breaking the bar. */
  note(line: string): void;
  done(): void;
}

/** Options of {@link progressBar}. */
export interface ProgressOptions {
  /** Print nothing (`--quiet`, `--json`). */
  quiet?: boolean;
  /** Whether stderr is a terminal; default `process.stderr.isTTY`. */
  tty?: boolean;
  /** Seconds between plain lines when not a terminal; default 5. */
  every?: number;
  /** Clock in milliseconds; default `Date.now` (tests pass their own). */
  now?: () => number;
  /** Where to write; default stderr. */
  write?: (s: string) => void;
}

const fmtSecs = (s: number): string =>
  s < 90
    ? `${s.toFixed(0)} s`
    : s < 5400
      ? `${(s / 60).toFixed(1)} min`
      : `${(s / 3600).toFixed(1)} h`;

/** Creates a progress reporter labelled `label` (see the module's description). */
export function progressBar(label: string, quietOrOpts: boolean | ProgressOptions = {}): Progress {
  const o = typeof quietOrOpts === "boolean" ? { quiet: quietOrOpts } : quietOrOpts;
  const write = o.write ?? ((s: string) => void process.stderr.write(s));
  const now = o.now ?? Date.now;
  const tty = o.tty ?? process.stderr.isTTY === true;
  const every = (o.every ?? 5) * 1000;
  const start = now();
  let lastPct = -1;
  let lastLine = start;
  let drawn = false;
  const eta = (f: number, secs: number): string =>
    f > 0 ? `, ~${fmtSecs(secs / f - secs)} left` : "";
  return {
    update(f: number) {
      if (o.quiet) return;
      const pct = Math.max(0, Math.min(1, f));
      const secs = (now() - start) / 1000;
      if (tty) {
        const q = Math.floor(pct * 100);
        if (q === lastPct) return;
        lastPct = q;
        const width = 30;
        const filled = Math.round(pct * width);
        write(
          `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(q).padStart(3)}% ${secs.toFixed(1)}s elapsed${eta(pct, secs)} `,
        );
        drawn = true;
        return;
      }
      if (now() - lastLine < every) return;
      lastLine = now();
      write(`${label}: ${(pct * 100).toFixed(0)}% after ${fmtSecs(secs)}${eta(pct, secs)}\n`);
    },
    note(line: string) {
      if (o.quiet) return;
      write(`${tty && drawn ? "\n" : ""}${label}: ${line}\n`);
      drawn = false;
      lastPct = -1;
    },
    done() {
      if (o.quiet) return;
      const secs = (now() - start) / 1000;
      if (tty) write(`\r${label} done in ${secs.toFixed(1)}s${" ".repeat(40)}\n`);
      else if (secs * 1000 >= every) write(`${label}: done in ${fmtSecs(secs)}\n`);
    },
  };
}
