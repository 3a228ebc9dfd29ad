/**
 * Writing large text outputs (daily.csv of a big cohort) through a stream with
 * backpressure: lines are produced lazily, batched into chunks of about `chunkBytes`, and
 * the writer waits for `drain` whenever the stream's buffer is full. Memory stays bounded
 * by the chunk and the stream's high-water mark, whatever the number of rows; the whole
 * text is never built as one string (it fails past ~512 MiB in V8).
 */

import { once } from "node:events";
import type { Writable } from "node:stream";

/** Options of {@link writeChunks}. */
export interface WriteChunksOptions {
  /** Bytes (UTF-16 code units) gathered before one write; default 64 KiB. */
  chunkBytes?: number;
}

/**
 * Writes `lines` to `out` in order, honouring backpressure; resolves when all were handed to
 * the stream (not ended: the caller ends or closes it). Rejects with the stream's error
 * (e.g. ENOSPC) as soon as one is emitted; the caller then destroys the stream.
 */
export async function writeChunks(
  out: Writable,
  lines: Iterable<string> | AsyncIterable<string>,
  opts: WriteChunksOptions = {},
): Promise<void> {
  const limit = opts.chunkBytes ?? 64 * 1024;
  let failure: unknown;
  const onError = (e: unknown): void => void (failure ??= e);
  out.on("error", onError);
  try {
    let chunk = "";
    const flush = async (): Promise<void> => {
      const s = chunk;
      chunk = "";
      if (failure !== undefined) throw failure;
      if (!out.write(s)) await drained(out);
      if (failure !== undefined) throw failure;
    };
    for await (const line of lines) {
      chunk += line;
      if (chunk.length >= limit) await flush();
    }
    if (chunk.length > 0) await flush();
  } finally {
    out.off("error", onError);
  }
}

/** Resolves on `drain`, rejects on `error` or `close` before drain. */
async function drained(out: Writable): Promise<void> {
  const ac = new AbortController();
  try {
    await Promise.race([
      once(out, "drain", { signal: ac.signal }),
      once(out, "close", { signal: ac.signal }).then(() => {
        throw out.errored ?? new Error("stream closed before it drained");
      }),
    ]);
  } finally {
    ac.abort();
  }
}
