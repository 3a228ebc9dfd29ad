import { describe, expect, it } from "vitest";
import { applyVariant } from "../model/applyVariant.js";
import { defaultModel } from "../model/loadModel.js";
import type { Model } from "../model/types.js";
import { edgeTitle, fastRanks, modelDiagram, wrapLabel } from "./modelDiagram.js";
import { xmlProblem } from "./xmlProblem.js";

const model = defaultModel();
const svg = modelDiagram(model);

/** The ids of the node boxes, in drawing order, read back from their tooltips. */
const boxIds = (s: string): string[] =>
  [...s.matchAll(/<g class="node [a-z]+"[^>]*><title>[^<]*?\(([^()<]+)\): /g)].map((m) => m[1]);

/** Rectangles (x, y, width, height) of the coloured node boxes. */
function boxRects(s: string): [number, number, number, number][] {
  return [
    ...s.matchAll(
      /<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)" rx="8" fill="#ffffff"\/>/g,
    ),
  ].map((m) => [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])]);
}

describe("modelDiagram", () => {
  it("is a well-formed, deterministic SVG document titled with the model", () => {
    expect(xmlProblem(svg)).toBeUndefined();
    expect(svg).toMatch(/^<\?xml[^>]*>\n<svg /);
    expect(modelDiagram(defaultModel())).toBe(svg);
    expect(modelDiagram(structuredClone(model))).toBe(svg);
    expect(svg).toContain(
      "<title>Neural mediators of kindness-based meditation (mascaro2015 1.0.0)</title>",
    );
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it("draws every node once, with its regions in the tooltip, and no two boxes overlap", () => {
    expect([...boxIds(svg)].sort()).toEqual(model.nodes.map((n) => n.id).sort());
    expect(svg).toContain("Regions: amygdala</title>");
    const rects = boxRects(svg);
    expect(rects).toHaveLength(model.nodes.length);
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) {
        const [a, b] = [rects[i], rects[j]];
        const apart =
          a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0] || a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1];
        expect(apart, `boxes ${i} and ${j} overlap`).toBe(true);
      }
  });

  it("draws a node's symbol in its box when it has one, else its id", () => {
    const box = (id: string): string =>
      svg.split(/(?=<g class="node )/).find((g) => g.includes(`(${id}): `))!;
    expect(box("affectiveSharing")).toContain("drawn as F\n");
    expect(box("affectiveSharing")).toMatch(/>F<\/text>/);
    expect(box("affectiveSharing")).not.toMatch(/>affectiveSharing<\/text>/);
    expect(box("warmth")).toMatch(/>warmth<\/text>/);
  });

  it("titles every edge with its id, ends, effect and all its evidence ids", () => {
    const e1 = model.edges.find((e) => e.id === "E1")!;
    expect(edgeTitle(e1)).toBe("E1: suffering \u2192 salience (drive), evidence paper, F23");
    for (const e of model.edges) {
      const title = edgeTitle(e);
      for (const id of e.evidence) expect(title).toContain(id);
      expect(svg.split(`<title>${title}</title>`)).toHaveLength(2);
    }
    // How drive, inhibit and gain edges and evidence widths look is pinned by the snapshots.
  });

  it("draws practice as one arrow per trained skill", () => {
    const skills = new Set(
      Object.values(model.content).flatMap((c) =>
        Object.entries(c.trains)
          .filter(([, v]) => v !== 0)
          .map(([k]) => k),
      ),
    );
    expect(svg.match(/<title>practice \u2192 /g)).toHaveLength(skills.size);
    expect(svg).toContain(
      "<title>practice \u2192 interdependence: trained by equanimity, gratitude, lovingKindness</title>",
    );
  });

  it("puts early fast processes left of later ones by a longest-path rank", () => {
    const rank = fastRanks(model);
    // oxytocinNow reads only a slow node and an input, so it starts a chain; it drives attendOther.
    expect(rank.get("oxytocinNow")).toBe(0);
    expect(rank.get("attendOther")).toBeGreaterThan(rank.get("oxytocinNow")!);
    expect(rank.get("motorSimulation")).toBeGreaterThan(rank.get("attendOther")!);
    expect(rank.get("affectiveSharing")).toBeGreaterThan(rank.get("motorSimulation")!);
    expect(rank.get("compassion")).toBeGreaterThan(rank.get("affectiveSharing")!);
    const x = (id: string): number => {
      const i = boxIds(svg).indexOf(id);
      return boxRects(svg)[i][0];
    };
    expect(x("suffering")).toBeLessThan(x("motorSimulation"));
    expect(x("motorSimulation")).toBeLessThan(x("compassion"));
    expect(x("compassion")).toBeLessThan(x("help"));
  });

  it("escapes odd labels and ids", () => {
    const odd: Model = structuredClone(model);
    odd.title = `Tom & Jerry's <model>`;
    odd.nodes.find((n) => n.id === "salience")!.label = `Salience <"amygdala"> & co`;
    odd.nodes.find((n) => n.id === "salience")!.regions = ["a<b"];
    const out = modelDiagram(odd);
    expect(xmlProblem(out)).toBeUndefined();
    expect(out).toContain("Tom &amp; Jerry&apos;s &lt;model&gt;");
    expect(out).toContain("Salience &lt;&quot;amygdala&quot;&gt;");
    expect(out).toContain("Regions: a&lt;b");
  });

  it("drops the edges a variant removes", () => {
    const v = modelDiagram(applyVariant(model, "no-oxytocin"));
    expect(xmlProblem(v)).toBeUndefined();
    for (const id of ["E14", "E14b", "E14c", "E14d", "E14f", "E14g", "E14h"]) {
      expect(svg).toContain(`<title>${id}: `);
      expect(v).not.toContain(`<title>${id}: `);
    }
    expect(v).toContain("<title>E14e: oxytocin0"); // tagged H11 only: kept
    expect(v).toContain("(mascaro2015+no-oxytocin 1.0.0)");
  });

  it("fades what is not highlighted and follows the width", () => {
    // The look of emphasis is pinned by the model-diagram-no-cycle snapshot.
    const h = modelDiagram(model, { highlight: ["compassion"] });
    expect(xmlProblem(h)).toBeUndefined();
    expect(h).not.toBe(svg);
    expect(modelDiagram(model, { width: 2000 })).toMatch(/<svg [^>]*width="2000"/);
    expect(xmlProblem(modelDiagram(model, { width: 300 }))).toBeUndefined();
  });
});

describe("wrapLabel", () => {
  it("wraps at spaces and hyphens and shortens what does not fit", () => {
    expect(wrapLabel("Compassion (empathic concern)", 21, 2)).toEqual([
      "Compassion (empathic",
      "concern)",
    ]);
    expect(wrapLabel("Self-other distinction", 12, 2)).toEqual(["Self-other", "distinction"]);
    expect(wrapLabel("Perspective-taking skill", 14, 3)).toEqual(["Perspective-", "taking skill"]);
    expect(wrapLabel("one two three four", 5, 2)).toEqual(["one", "two\u2026"]);
    expect(wrapLabel("Supercalifragilistic", 8, 2)).toEqual(["Superca\u2026"]);
  });
});
