import { describe, expect, it } from "vitest";
import { linePlot, type LinePlotOptions } from "./linePlot.js";
import { OKABE_ITO } from "./palette.js";
import { xmlProblem } from "./xmlProblem.js";

const opts: LinePlotOptions = {
  title: "Empathy <by> arm & wave",
  xLabel: "Week",
  yLabel: "Score (z)",
  series: [
    {
      label: "CBCT <active>",
      points: [0, 4, 8].map((x) => ({ x, y: x / 10, lo: x / 10 - 0.1, hi: x / 10 + 0.1 })),
    },
    { label: "Control & co", points: [0, 4, 8].map((x) => ({ x, y: -x / 20 })) },
  ],
};

describe("linePlot", () => {
  it("is well-formed, escaped and deterministic", () => {
    const svg = linePlot(opts);
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toContain("Empathy &lt;by&gt; arm &amp; wave");
    expect(svg).toContain("CBCT &lt;active&gt;");
    expect(svg).toContain("Control &amp; co");
    expect(svg).not.toContain("<active>");
    expect(svg).toContain(">Week</text>");
    expect(svg).toContain(">Score (z)</text>");
    expect(linePlot(structuredClone(opts))).toBe(svg);
  });

  it("uses Okabe–Ito colours, default size, a legend and nice ticks", () => {
    const svg = linePlot(opts);
    expect(svg).toContain('width="720" height="420"');
    expect(svg).toContain(OKABE_ITO[0]);
    expect(svg).toContain(OKABE_ITO[1]);
    expect(svg).toContain('class="legend"');
    for (const t of ["0", "2", "4", "6", "8"]) expect(svg).toContain(`>${t}</text>`);
  });

  it("puts no ticks between whole-number x values", () => {
    const xTicks = (svg: string) =>
      [.../<g class="x-axis".*?<\/g>/.exec(svg)![0].matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1]);
    const svg = linePlot({
      ...opts,
      series: [{ label: "a", points: [0, 1, 2, 3].map((x) => ({ x, y: x })) }],
    });
    expect(xTicks(svg)).toEqual(["0", "1", "2", "3"]);
    const one = linePlot({ ...opts, series: [{ label: "a", points: [{ x: 2, y: 1 }] }] });
    expect(xmlProblem(one)).toBeUndefined();
    expect(xTicks(one)).toEqual(["1", "2", "3"]);
  });

  it("draws error bars by default and bands on request", () => {
    expect(linePlot(opts)).not.toContain("<polygon");
    expect(linePlot({ ...opts, intervals: "band" })).toContain("<polygon");
  });

  it("honours width and height", () => {
    expect(linePlot({ ...opts, width: 400, height: 300 })).toContain('viewBox="0 0 400 300"');
  });

  it("leaves gaps at NaN and says no data when nothing is finite", () => {
    const gappy = linePlot({
      ...opts,
      series: [
        {
          label: "a",
          points: [
            { x: 0, y: 1 },
            { x: 1, y: NaN },
            { x: 2, y: 3 },
          ],
        },
      ],
    });
    expect(xmlProblem(gappy)).toBeUndefined();
    expect(gappy).not.toContain("NaN");
    expect(gappy.match(/<polyline/g)).toHaveLength(2);
    for (const series of [
      [],
      [{ label: "a", points: [] }],
      [
        {
          label: "a",
          points: [
            { x: NaN, y: 1 },
            { x: 1, y: NaN },
          ],
        },
      ],
    ]) {
      const svg = linePlot({ ...opts, series });
      expect(xmlProblem(svg)).toBeUndefined();
      expect(svg).toContain("no data");
    }
  });
});

describe("linePlot units", () => {
  it("appends the units given to the axis labels", () => {
    const svg = linePlot({
      ...opts,
      xLabel: "Time",
      xUnit: "weeks",
      yLabel: "RMET",
      yUnit: "items",
    });
    expect(svg).toContain(">Time (weeks)</text>");
    expect(svg).toContain(">RMET (items)</text>");
  });
});
