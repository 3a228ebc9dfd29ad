import { describe, expect, it } from "vitest";
import { applyVariant } from "./applyVariant.js";
import { describeModel, modelSummaryJson } from "./describeModel.js";
import { defaultModel } from "./loadModel.js";
import { modelHash } from "./modelHash.js";

const model = defaultModel();

describe("describeModel", () => {
  const text = describeModel(model);

  it("starts with the title, id, hash, citation and counts", () => {
    const lines = text.split("\n");
    expect(lines[0]).toBe("Neural mediators of kindness-based meditation");
    expect(lines[1]).toBe(`mascaro2015 version 1.0.0 (hash ${modelHash(model)})`);
    expect(lines[2]).toMatch(/^Citation: Mascaro JS, Darcher A, Negi LT, Raison CL \(2015\)/);
    expect(text).toContain(
      `${model.nodes.length} nodes, ${model.edges.length} edges, ${Object.keys(model.parameters).length} parameters`,
    );
  });

  it("groups nodes by level with regions and their equations or dynamics", () => {
    const at = (s: string): number => text.indexOf(s);
    expect(at(`  input (${model.nodes.filter((n) => n.level === "input").length})`)).toBeLessThan(
      at(`  fast (${model.nodes.filter((n) => n.level === "fast").length})`),
    );
    expect(at("  fast (11)")).toBeLessThan(at("  readout ("));
    expect(at("  readout (")).toBeLessThan(at("  slow ("));
    expect(at("  slow (")).toBeLessThan(at("  trait ("));
    expect(text).toMatch(
      / {4}affectiveSharing \(F\) {2}Affective simulation \[anterior insula, anterior mid-cingulate cortex\]\n {8}tau 0\.6 s, drive sigmoid\(resonance\*/,
    );
    expect(text).toContain("        empathy = affectiveSharing*perspectiveTaking");
    expect(text).toMatch(
      / {4}inflammation {2}Inflammation \[innate immune system, IL-6, CRP\]\n {8}relax: target = sigmoid\(n1\*isolation.*; tau = tau_inflammation/,
    );
    expect(text).toMatch(
      / {8}train: rate = eta_attention; decay = lambda_skill; baseline = attention0/,
    );
    expect(text).toContain("    suffering  Another's suffering (default 0)");
  });

  it("lists edges with effect, weight, evidence and hypotheses", () => {
    expect(text).toMatch(
      /\n {2}E6 +regulation -> affectiveSharing +inhibit +f5 +paper, F2 +H4, H5\n/,
    );
    expect(text).toMatch(/\n {2}E5 +affectiveSharing -> empathy +drive +- +paper\n/);
  });

  it("tabulates parameters with value, prior, unit and provenance kind", () => {
    expect(text).toMatch(/\n {2}id +value +prior +unit +provenance\n/);
    expect(text).toMatch(/\n {2}a1 +3 +normal\(3, 1\.667\) on \[0, inf\] +logit +assumption\n/);
    expect(text).toMatch(/\n {2}y4 +0\.7 +beta\(7, 3\) +1 +literature\n/);
    expect(text).toMatch(/\n {2}o2 +0 +uniform\(0, 4\) +logit +assumption\n/);
    expect(text).toMatch(
      /\n {2}eta_malleability +0\.4 +lognormal\(-0\.92, 0\.5\) +1\/\(day\*load\) +calibrated\n/,
    );
  });

  it("tabulates everyday life's assumptions with value, unit and provenance kind", () => {
    expect(text).toContain(`Everyday life (${Object.keys(model.everyday!).length})`);
    expect(text).toMatch(/\n {2}stressorRate +0\.15 +probability per day +assumption\n/);
    const json = modelSummaryJson(model);
    expect(json.everyday?.minutesPerLoad).toEqual({ value: 30, unit: "minutes" });
  });

  it("lists content primitives and variants with what they change", () => {
    expect(text).toMatch(
      /\n {2}selfCompassion +Self-compassion +trains malleability 1 +inputs selfFocus 0\.6, kindnessCue 0\.4, instructCompassion 0\.3\n/,
    );
    expect(text).toMatch(/education +Health education +trains nothing +inputs nothing/);
    expect(text).toMatch(
      / {2}no-oxytocin {2}Negation of H10.*\n {6}negates H10 \(cuts every edge tagged with it\); removes E14, E14b, E14c, E14d, E14f, E14g, E14h, E14i, E14k, E14l, E14m, E14n, E14o\n/,
    );
    expect(text).toMatch(/ {2}oxytocin-mediates {2}H10.*\n {6}sets o2 = 0\.6, f3 = 0\.8, c4 = 2\n/);
  });

  it("describes an overlaid model, which has no variants", () => {
    const t = describeModel(applyVariant(model, "no-oxytocin"));
    expect(t).toContain("mascaro2015+no-oxytocin version");
    expect(t).toContain("Variants (0)");
    expect(text).toMatch(/E14b +oxytocinNow -> compassion/);
    expect(t).not.toMatch(/E14b +oxytocinNow -> compassion/);
  });
});

describe("modelSummaryJson", () => {
  it("gives counts, hash, and nodes and edges with their evidence counts", () => {
    const s = modelSummaryJson(model);
    expect(s).toMatchObject({ id: "mascaro2015", version: "1.0.0", hash: modelHash(model) });
    expect(s.counts).toMatchObject({
      nodes: model.nodes.length,
      edges: model.edges.length,
      parameters: Object.keys(model.parameters).length,
      variants: model.variants.length,
    });
    expect(s.nodes.find((n) => n.id === "compassion")).toEqual({
      id: "compassion",
      label: "Compassion (empathic concern)",
      kind: "affect",
      level: "fast",
      regions: ["septal area", "ventral striatum", "medial orbitofrontal cortex"],
      evidence: 7,
      symbol: "C",
    });
    expect(s.nodes.find((n) => n.id === "suffering")!.evidence).toBe(0);
    expect(s.edges.find((e) => e.id === "E10")).toEqual({
      id: "E10",
      from: "compassion",
      to: "help",
      effect: "drive",
      weight: "h1",
      evidence: 4,
      hypotheses: ["H8"],
    });
    expect(s.edges.find((e) => e.id === "E5")!.weight).toBeNull();
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
