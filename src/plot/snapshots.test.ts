/**
 * Golden snapshot tests for every plot (in the style of Observable Plot's test suite): each
 * case renders fixed inputs to SVG and compares it byte for byte with
 * `__snapshots__/<name>.svg`. On a mismatch the new output is written beside it as
 * `<name>-changed.svg` (git-ignored) and the test fails; look at both, then accept the new
 * output with `UPDATE_SNAPSHOTS=1 npx vitest run src/plot`. A missing golden file is written
 * and the test fails once, so a new case is always looked at before it is trusted.
 */

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { applyVariant } from "../model/applyVariant.js";
import { defaultModel } from "../model/loadModel.js";
import { barPlot } from "./barPlot.js";
import { forestPlot } from "./forestPlot.js";
import { linePlot } from "./linePlot.js";
import { modelDiagram } from "./modelDiagram.js";
import { powerCurve } from "./powerCurve.js";
import { scorecardPlot, type ScorecardPlotOptions } from "./scorecardPlot.js";
import { xmlProblem } from "./xmlProblem.js";

const DIR = fileURLToPath(new URL("./__snapshots__/", import.meta.url));
const UPDATE = process.env.UPDATE_SNAPSHOTS === "1";

/** Compares `svg` with the golden file `name`.svg (see the module comment). */
function assertSnapshot(name: string, svg: string): void {
  expect(xmlProblem(svg), `${name} is not well-formed`).toBeUndefined();
  const golden = `${DIR}${name}.svg`;
  const changed = `${DIR}${name}-changed.svg`;
  if (UPDATE || !existsSync(golden)) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(golden, svg);
    rmSync(changed, { force: true });
    if (!UPDATE) expect.fail(`${name}.svg did not exist and was written: look at it and rerun`);
    return;
  }
  if (readFileSync(golden, "utf8") === svg) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, svg);
  expect.fail(
    `${name}.svg differs: the new output is in ${changed}; if it is right, run ` +
      "UPDATE_SNAPSHOTS=1 npx vitest run src/plot",
  );
}

/** A deterministic wobble in [-1, 1] (no random numbers in snapshot inputs). */
const wobble = (i: number): number => Math.sin(i * 12.9898) * 0.5 + Math.cos(i * 4.1414) * 0.5;

/** A scorecard like the shipped one, with metrics (as analysis results will carry them). */
const SCORECARD: ScorecardPlotOptions = {
  passed: 7,
  total: 9,
  metricUnits: { raw: "RMET items, of 36" },
  findings: [
    {
      id: "F7a",
      claim: "Empathy training raises negative affect to others' suffering",
      metric: "g",
      estimate: 0.82,
      ci: [0.41, 1.23],
      passed: true,
    },
    {
      id: "F1a",
      claim: "CBCT raises RMET accuracy relative to health discussion",
      metric: "raw",
      estimate: 1.9,
      ci: [0.6, 3.2],
      passed: true,
      window: [0.5, 4],
    },
    {
      id: "F1b",
      claim: "Change in IFG activity tracks change in RMET accuracy",
      metric: "r",
      estimate: 0.38,
      ci: [0.09, 0.61],
      passed: true,
    },
    {
      id: "F7c",
      claim: "Compassion training after empathy training lowers negative affect again",
      metric: "g",
      estimate: -0.64,
      ci: [-1.02, -0.26],
      passed: true,
    },
    {
      id: "F1c",
      claim: "Change in dmPFC activity tracks change in RMET accuracy",
      metric: "r",
      estimate: 0.12,
      ci: [-0.19, 0.41],
      passed: false,
    },
    {
      id: "F2a",
      claim:
        "Compassion training raises altruistic redistribution relative to reappraisal training",
      metric: "g",
      estimate: 0.45,
      ci: [0.02, 0.88],
      passed: true,
    },
    {
      id: "F2b",
      claim: "Redistribution goes with training-related change in dlPFC-NAcc coupling",
      metric: "r",
      estimate: 0.05,
      ci: [-0.26, 0.35],
      passed: false,
      expectedFailure: "coupling is not modelled",
    },
    {
      id: "F21",
      claim: "Kindness practice raises positive emotions day by day",
      metric: "coefficient",
      estimate: 0.021,
      ci: [0.004, 0.038],
      passed: true,
    },
    {
      id: "F9",
      claim: "Not estimable at this seed",
      metric: "g",
      estimate: NaN,
      ci: [NaN, NaN],
      passed: false,
    },
  ],
};

describe("line plot snapshots", () => {
  it("line plot: time courses of three arms with error bars", () => {
    const arms = [
      { label: "CBCT (n = 40)", slope: 0.045 },
      { label: "Health discussion (n = 40)", slope: 0.01 },
      { label: "Wait list (n = 40)", slope: -0.004 },
    ];
    const svg = linePlot({
      title: "RMET accuracy by arm and week",
      xLabel: "Time since baseline",
      xUnit: "weeks",
      yLabel: "RMET accuracy",
      yUnit: "proportion correct",
      series: arms.map((a, k) => ({
        label: a.label,
        points: [0, 4, 8].map((week, j) => {
          const y = 0.62 + a.slope * week + 0.01 * wobble(k * 3 + j);
          return { x: week, y, lo: y - 0.03, hi: y + 0.03 };
        }),
      })),
    });
    assertSnapshot("line-time-courses", svg);
  });

  it("line plot: daily series with a band and a gap", () => {
    const svg = linePlot({
      title: "Daily compassion, one participant",
      xLabel: "Day",
      yLabel: "Compassion",
      yUnit: "model units, 0\u20131",
      intervals: "band",
      series: [
        {
          label: "practising",
          points: Array.from({ length: 15 }, (_, d) => {
            const y = d === 6 ? NaN : 0.3 + 0.02 * d + 0.02 * wobble(d);
            return { x: d, y, lo: y - 0.05, hi: y + 0.05 };
          }),
        },
      ],
      references: [{ y: 0.3, label: "baseline" }],
    });
    assertSnapshot("line-band", svg);
  });
});

describe("forest, bar, power and scorecard snapshots", () => {
  it("forest plot: grouped rows, verdicts, expected ranges and n/a", () => {
    const svg = forestPlot({
      title: "Planned analyses: CBCT vs control",
      xLabel: "Hedges' g (95% CI)",
      rows: [
        {
          group: "Empathic accuracy",
          label: "RMET accuracy",
          estimate: 0.45,
          lo: 0.08,
          hi: 0.82,
          passed: true,
          window: [0.2, 0.9],
        },
        {
          group: "Empathic accuracy",
          label: "dmPFC/IFG activity (BOLD)",
          estimate: 0.31,
          lo: -0.05,
          hi: 0.67,
          passed: false,
          window: [0.3, 1.2],
        },
        { group: "Wellbeing", label: "PANAS positive affect", estimate: 0.12, lo: -0.22, hi: 0.46 },
        {
          group: "Wellbeing",
          label: "Depressive symptoms (BDI-II)",
          estimate: -0.28,
          lo: -0.61,
          hi: 0.05,
          passed: true,
          window: [-0.8, -0.1],
        },
        { label: "Missing measure (not collected)", estimate: NaN, lo: NaN, hi: NaN },
      ],
    });
    assertSnapshot("forest", svg);
  });

  it("bar plot: ranked total-order indices with long, slanted labels", () => {
    const names = [
      "motor simulation weight (m0)",
      "salience gain (a1)",
      "self-other distinction (eta_selfOther)",
      "distress threshold (d2)",
      "compassion decay (c4)",
      "oxytocin tone (o2)",
      "practice dose",
      "noise",
    ];
    const svg = barPlot({
      title: "Sobol' total-order indices: RMET change",
      xLabel: "Parameter",
      yLabel: "Total-order index S_T",
      bars: names.map((label, i) => {
        const value = 0.5 / (i + 1) - 0.02;
        return { label, value, lo: value - 0.06, hi: value + 0.06 };
      }),
    });
    assertSnapshot("bar-sensitivity", svg);
  });

  it("power curve: two effects with Monte Carlo bands and a target", () => {
    const ns = [20, 40, 60, 80, 120, 160];
    const curve = (d: number) =>
      ns.map((n) => {
        const power = 1 - Math.exp(-(d * d * n) / 12);
        const half = 1.96 * Math.sqrt((power * (1 - power)) / 200);
        return { n, power, lo: Math.max(0, power - half), hi: Math.min(1, power + half) };
      });
    const svg = powerCurve({
      title: "Power of the RMET comparison",
      xLabel: "Participants per arm (n)",
      yLabel: "Power (share of 200 simulated trials significant)",
      target: 0.8,
      series: [
        { label: "g = 0.5", points: curve(0.5) },
        { label: "g = 0.3", points: curve(0.3) },
      ],
    });
    assertSnapshot("power-curve", svg);
  });

  it("scorecard plot: one panel per metric, with an expected failure and a window", () => {
    assertSnapshot("scorecard-panels", scorecardPlot(SCORECARD));
  });
});

describe("model diagram snapshots", () => {
  it("model diagram: the shipped model", () => {
    assertSnapshot("model-diagram", modelDiagram(defaultModel()));
  });

  it("model diagram: a variant (no-cycle) with a highlighted node", () => {
    const model = applyVariant(defaultModel(), "no-cycle");
    assertSnapshot("model-diagram-no-cycle", modelDiagram(model, { highlight: ["compassion"] }));
  });
});
