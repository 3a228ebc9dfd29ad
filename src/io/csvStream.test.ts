import { existsSync } from "node:fs";
import { open } from "node:fs/promises";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { csvLines } from "./csvFormat.js";
import { writeChunks } from "./csvStream.js";

/** A slow sink that counts bytes, records the largest write and the most bytes ever buffered. */
function slowSink(highWaterMark = 16 * 1024) {
  const stats = { bytes: 0, writes: 0, largestWrite: 0, maxBuffered: 0 };
  const sink = new Writable({
    highWaterMark,
    write(chunk: Buffer, _enc, cb) {
      stats.bytes += chunk.length;
      stats.writes++;
      stats.largestWrite = Math.max(stats.largestWrite, chunk.length);
      setImmediate(cb); // a slow consumer: the producer must wait
    },
  });
  const write = sink.write.bind(sink);
  sink.write = ((chunk: string, ...rest: never[]) => {
    const ok = write(chunk, ...rest);
    stats.maxBuffered = Math.max(stats.maxBuffered, sink.writableLength);
    return ok;
  }) as typeof sink.write;
  return { sink, stats };
}

describe("writeChunks", () => {
  it("streams 1,000,000 rows with bounded buffering, never building the whole text", async () => {
    const { sink, stats } = slowSink();
    let produced = 0;
    let maxAhead = 0;
    function* rows() {
      for (let i = 0; i < 1_000_000; i++) {
        produced++;
        // The producer never runs far ahead of what the sink has consumed.
        maxAhead = Math.max(maxAhead, produced * 24 - stats.bytes);
        yield [i, "lkm", i % 56, "warmth", 0.123456];
      }
    }
    const chunk = 64 * 1024;
    await writeChunks(
      sink,
      csvLines({ header: ["participant", "arm", "day", "variable", "value"], rows: rows() }),
      {
        chunkBytes: chunk,
      },
    );
    sink.end();
    expect(produced).toBe(1_000_000);
    expect(stats.bytes).toBeGreaterThan(25_000_000);
    // Each write is one chunk (one line past chunkBytes at most), not the whole file…
    expect(stats.largestWrite).toBeLessThan(chunk + 100);
    expect(stats.writes).toBeGreaterThan(300);
    // …and the stream's buffer never holds more than one chunk past its high-water mark.
    expect(stats.maxBuffered).toBeLessThan(16 * 1024 + chunk + 100);
    // Lines are produced only as fast as they are written (a few chunks ahead at most).
    expect(maxAhead).toBeLessThan(4 * chunk);
  }, 60_000);

  it("keeps heap growth small while writing ~50 MB", async () => {
    const { sink } = slowSink();
    function* lines() {
      for (let i = 0; i < 2_000_000; i++) yield `${i},waitlist,${i % 56},depression,0.98765432\n`;
    }
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    await writeChunks(sink, lines());
    clearInterval(timer);
    // The text is ~80 MB as UTF-16; the heap grows by far less (garbage included).
    expect(peak - before).toBeLessThan(60 * 1024 * 1024);
  }, 60_000);

  it(
    "rejects (does not hang or crash) when the device is full (ENOSPC)",
    { timeout: 10_000 },
    async () => {
      if (!existsSync("/dev/full")) return;
      const fh = await open("/dev/full", "w");
      try {
        const ws = fh.createWriteStream({ autoClose: false });
        function* lines() {
          for (let i = 0; i < 100_000; i++) yield `${i},x\n`;
        }
        await expect(writeChunks(ws, lines())).rejects.toMatchObject({ code: "ENOSPC" });
        ws.destroy();
      } finally {
        await fh.close();
      }
    },
  );
});
