import { describe, expect, it } from "vitest";
import { barPlot, type BarPlotOptions } from "./barPlot.js";
import { xmlProblem } from "./xmlProblem.js";

const opts: BarPlotOptions = {
  title: "Sobol <total> indices",
  yLabel: "S_T & CI",
  bars: [
    { label: "dose <mins>", value: 0.5, lo: 0.4, hi: 0.6 },
    { label: "gain", value: 0.2 },
    { label: "noise", value: -0.05, lo: -0.1, hi: 0 },
  ],
};

describe("barPlot", () => {
  it("is well-formed, escaped and deterministic", () => {
    const svg = barPlot(opts);
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toContain("Sobol &lt;total&gt; indices");
    expect(svg).toContain("S_T &amp; CI");
    expect(svg).toContain("dose &lt;mins&gt;");
    expect(barPlot(structuredClone(opts))).toBe(svg);
  });

  it("draws one bar per finite value, error bars, and an axis that includes zero", () => {
    const svg = barPlot(opts);
    expect(svg.match(/<rect [^>]*fill="#0072B2"/g)).toHaveLength(3);
    expect(svg.match(/<path d="M[^"]*h10/g)).toHaveLength(2);
    expect(svg).toContain(">\u22120.1</text>");
    expect(svg).toContain(">0.6</text>");
  });

  it("slants long labels and truncates very long ones", () => {
    const long = barPlot({
      ...opts,
      bars: opts.bars.map((b) => ({ ...b, label: `${b.label} ${"x".repeat(80)}` })),
    });
    expect(xmlProblem(long)).toBeUndefined();
    expect(long).toContain("rotate(-35");
    expect(long).toContain("\u2026");
    expect(barPlot(opts)).not.toContain("rotate(-35");
  });

  it("leaves NaN slots empty and says no data when nothing is finite", () => {
    const svg = barPlot({ ...opts, bars: [...opts.bars, { label: "nan", value: NaN }] });
    expect(svg).not.toContain("NaN");
    expect(svg.match(/<rect [^>]*fill="#0072B2"/g)).toHaveLength(3);
    for (const bars of [[], [{ label: "x", value: NaN }]]) {
      const empty = barPlot({ ...opts, bars });
      expect(xmlProblem(empty)).toBeUndefined();
      expect(empty).toContain("no data");
    }
  });
});
