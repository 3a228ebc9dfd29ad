import { describe, expect, it } from "vitest";
import { progressBar } from "./progress.js";

function fake(tty: boolean) {
  let t = 0;
  let out = "";
  const bar = progressBar("power", {
    tty,
    every: 5,
    now: () => t,
    write: (s) => void (out += s),
  });
  return { bar, tick: (ms: number) => void (t += ms), out: () => out };
}

describe("progressBar", () => {
  it("prints a plain line every few seconds when stderr is not a terminal", () => {
    const p = fake(false);
    for (let i = 1; i <= 20; i++) {
      p.tick(1000);
      p.bar.update(i / 20);
    }
    p.bar.done();
    const lines = p.out().trimEnd().split("\n");
    expect(lines).toEqual([
      "power: 25% after 5 s, ~15 s left",
      "power: 50% after 10 s, ~10 s left",
      "power: 75% after 15 s, ~5 s left",
      "power: 100% after 20 s, ~0 s left",
      "power: done in 20 s",
    ]);
    expect(p.out()).not.toContain("\r");
  });

  it("redraws a bar in place on a terminal and prints notes on their own line", () => {
    const p = fake(true);
    p.bar.note("planned 10 runs");
    p.tick(500);
    p.bar.update(0.5);
    p.bar.note("estimated 1 s");
    p.bar.done();
    expect(p.out()).toMatch(/^power: planned 10 runs\n\rpower \[#+-+\]\s+50%/);
    expect(p.out()).toContain("\npower: estimated 1 s\n");
  });

  it("is silent when quiet", () => {
    let out = "";
    const bar = progressBar("x", { quiet: true, tty: false, write: (s) => void (out += s) });
    bar.note("n");
    bar.update(1);
    bar.done();
    expect(out).toBe("");
  });
});
