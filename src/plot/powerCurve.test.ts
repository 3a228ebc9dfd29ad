import { describe, expect, it } from "vitest";
import { powerCurve, type PowerCurveOptions } from "./powerCurve.js";
import { xmlProblem } from "./xmlProblem.js";

const opts: PowerCurveOptions = {
  title: "Power <d = 0.3>",
  target: 0.8,
  series: [
    {
      label: "two-arm & ANCOVA",
      points: [20, 60, 100].map((n, i) => ({
        n,
        power: 0.3 + 0.3 * i,
        lo: 0.25 + 0.3 * i,
        hi: 0.35 + 0.3 * i,
      })),
    },
  ],
};

describe("powerCurve", () => {
  it("is well-formed, escaped and deterministic", () => {
    const svg = powerCurve(opts);
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toContain("Power &lt;d = 0.3&gt;");
    expect(svg).toContain("two-arm &amp; ANCOVA");
    expect(powerCurve(structuredClone(opts))).toBe(svg);
  });

  it("spans power 0–1 with bands and a labelled target line", () => {
    const svg = powerCurve(opts);
    expect(svg).toContain(">0.0</text>");
    expect(svg).toContain(">1.0</text>");
    expect(svg).toContain("<polygon");
    expect(svg).toContain("target 0.80");
    expect(svg).toContain(">Participants per arm (n)</text>");
  });

  it("says no data for empty or NaN input", () => {
    for (const series of [
      [],
      [{ label: "x", points: [{ n: 10, power: NaN, lo: NaN, hi: NaN }] }],
    ]) {
      const svg = powerCurve({ ...opts, series });
      expect(xmlProblem(svg)).toBeUndefined();
      expect(svg).toContain("no data");
    }
  });
});
