import { describe, expect, it } from "vitest";
import type { FindingResult } from "../study/scorecard.js";
import { scorecardPlot, type ScorecardPlotFinding } from "./scorecardPlot.js";
import { xmlProblem } from "./xmlProblem.js";

const finding = (f: Partial<ScorecardPlotFinding> & { id: string }): ScorecardPlotFinding => ({
  claim: `Claim of ${f.id} & more`,
  estimate: 0.4,
  ci: [0.1, 0.7],
  passed: true,
  ...f,
});

describe("scorecardPlot", () => {
  it("titles the plot with the counts and labels rows with id, expected failure and claim", () => {
    const svg = scorecardPlot({
      passed: 1,
      total: 3,
      findings: [
        finding({ id: "F1" }),
        finding({ id: "F2", passed: false, expectedFailure: "not modelled" }),
        finding({ id: "F3", estimate: NaN }),
      ],
    });
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toContain("<title>Findings scorecard: 1/3 reproduced</title>");
    expect(svg).toContain(">F1 Claim of F1 &amp; more</text>");
    expect(svg).toContain(">F2 (expected failure) Claim of F2 &amp; more</text>");
    expect(svg).not.toContain("F3"); // no finite estimate: left out
    expect(svg).toContain(">expected failure, not reproduced</text>");
    expect(svg.match(/class="x-axis"/g)).toHaveLength(1);
  });

  it("puts each metric in its own panel", () => {
    const svg = scorecardPlot({
      passed: 3,
      total: 3,
      findings: [
        finding({ id: "F1", metric: "g" }),
        finding({ id: "F2", metric: "r" }),
        finding({ id: "F3", metric: "g" }),
      ],
    });
    expect(svg.match(/class="x-axis"/g)).toHaveLength(2);
    expect(svg).toContain(">Hedges&apos; g</text>");
    expect(svg).toContain(">correlation r</text>");
  });

  it("accepts the scorecard's own finding results", () => {
    const result: FindingResult = {
      id: "F1a",
      claim: "CBCT raises RMET accuracy",
      citation: "Mascaro 2013",
      covers: [],
      design: "d",
      analysis: "a",
      passed: true,
      verdict: "pass",
      reason: "",
      estimate: 0.5,
      metric: "raw_difference",
      unit: "rmet_accuracy units",
      ci: [0.1, 0.9],
      p: 0.01,
      n: 40,
    };
    const svg = scorecardPlot({ findings: [result], passed: 1, total: 1 });
    expect(svg).toContain(">F1a CBCT raises RMET accuracy</text>");
    expect(svg).toContain(">raw difference (rmet_accuracy units)</text>");
  });
});
