import { describe, expect, it } from "vitest";
import { forestPlot, type ForestPlotOptions } from "./forestPlot.js";
import { xmlProblem } from "./xmlProblem.js";

const opts: ForestPlotOptions = {
  title: "Findings <replication>",
  xLabel: "Effect (d)",
  rows: [
    {
      group: "Study A & B",
      label: "RMET <accuracy>",
      estimate: 0.4,
      lo: 0.1,
      hi: 0.7,
      passed: true,
      window: [0.2, 0.6],
    },
    { group: "Study A & B", label: "dmPFC", estimate: -0.1, lo: -0.4, hi: 0.2, passed: false },
    { label: "ungrouped", estimate: 0.2, lo: 0, hi: 0.4 },
  ],
};

describe("forestPlot", () => {
  it("is well-formed, escaped and deterministic", () => {
    const svg = forestPlot(opts);
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toContain("Findings &lt;replication&gt;");
    expect(svg).toContain("RMET &lt;accuracy&gt;");
    expect(svg).toContain("Study A &amp; B");
    expect(svg).toContain(">Effect (d)</text>");
    expect(forestPlot(structuredClone(opts))).toBe(svg);
  });

  it("shows group headings once, values as text, verdict colours and a legend", () => {
    const svg = forestPlot(opts);
    expect(svg.match(/Study A &amp; B/g)).toHaveLength(1);
    expect(svg).toContain("0.40 [0.10, 0.70]");
    expect(svg).toContain("\u22120.10 [\u22120.40, 0.20]");
    expect(svg).toContain("#009E73");
    expect(svg).toContain("#D55E00");
    for (const l of ["passed", "failed", "expected range", "reference 0"])
      expect(svg).toContain(`>${l}</text>`);
  });

  it("shades a plot-wide window and moves the reference line", () => {
    const a = forestPlot({ ...opts, rows: opts.rows.map((r) => ({ ...r, window: undefined })) });
    expect(a).not.toContain("expected range");
    const b = forestPlot({ ...opts, window: [0, 0.5], reference: 0.3 });
    expect(b.match(/fill="#56B4E9"/g)!.length).toBeGreaterThanOrEqual(3);
    expect(b).toContain("reference 0.30");
  });

  it("grows with the number of rows unless a height is given", () => {
    const many = {
      ...opts,
      rows: Array.from({ length: 30 }, (_, i) => ({
        label: `r${i}`,
        estimate: i / 30,
        lo: 0,
        hi: 1,
      })),
    };
    expect(forestPlot(many)).toMatch(/height="(\d{4}|[5-9]\d\d)"/);
    expect(forestPlot({ ...many, height: 420 })).toContain('viewBox="0 0 720 420"');
  });

  it("marks NaN rows n/a and says no data when nothing is finite", () => {
    const svg = forestPlot({
      ...opts,
      rows: [...opts.rows, { label: "missing", estimate: NaN, lo: NaN, hi: NaN }],
    });
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toContain(">n/a</text>");
    expect(svg).not.toContain("NaN");
    for (const rows of [[], [{ label: "x", estimate: NaN, lo: 0, hi: 1 }]]) {
      const empty = forestPlot({ ...opts, rows });
      expect(xmlProblem(empty)).toBeUndefined();
      expect(empty).toContain("no data");
    }
  });
});

describe("forestPlot panels", () => {
  const rows = [
    { label: "a", estimate: 0.5, lo: 0.2, hi: 0.8, metric: "g" },
    { label: "b", estimate: 0.3, lo: 0.1, hi: 0.5, metric: "r" },
    { label: "c", estimate: 12, lo: 4, hi: 20, metric: "raw" },
    { label: "d", estimate: -0.2, lo: -0.5, hi: 0.1, metric: "g" },
  ];
  const axisLabels = (svg: string): string[] =>
    [...svg.matchAll(/<text [^>]*font-size="13"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

  it("draws one axis per metric, in order of first appearance, labelled by the metric", () => {
    const svg = forestPlot({
      title: "t",
      xLabel: "unused",
      rows,
      metricLabels: { raw: "raw difference (points)" },
    });
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg.match(/class="x-axis"/g)).toHaveLength(3);
    expect(axisLabels(svg)).toEqual(["Hedges&apos; g", "correlation r", "raw difference (points)"]);
    // Rows a and d share the g panel: a's label comes before d's, both before b's.
    const order = ["a", "d", "b", "c"].map((l) => svg.indexOf(`>${l}</text>`));
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it("keeps one panel labelled by xLabel when no row has a metric, and shows unknown metrics as given", () => {
    const plain = forestPlot({ title: "t", xLabel: "d (95% CI)", rows: opts.rows });
    expect(plain.match(/class="x-axis"/g)).toHaveLength(1);
    expect(axisLabels(plain)).toEqual(["d (95% CI)"]);
    const mixed = forestPlot({
      title: "t",
      xLabel: "estimate",
      rows: [...opts.rows, { label: "z", estimate: 1, lo: 0, hi: 2, metric: "log odds" }],
    });
    expect(axisLabels(mixed)).toEqual(["estimate", "log odds"]);
  });

  it("thins the ticks of a narrow axis so that their labels do not touch", () => {
    const svg = forestPlot({
      title: "t",
      xLabel: "x",
      width: 420,
      rows: [{ label: "small", estimate: 0.021, lo: 0.004, hi: 0.038, metric: "coefficient" }],
    });
    const xs = [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">/g)].map((m) =>
      Number(m[1]),
    );
    expect(xs.length).toBeGreaterThan(1);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThan(5 * 6.6);
    expect(svg).toContain("0.021 [0.004, 0.038]");
  });
});
