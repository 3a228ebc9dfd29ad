import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ValidationError, type ValidationIssue } from "../issues.js";
import { parseDataText, shippedModelPath } from "../loadModel.js";
import { validateModel } from "../validateModel.js";

/* eslint-disable @typescript-eslint/no-explicit-any -- bad models are built by poking raw data */
const shipped = parseDataText(readFileSync(shippedModelPath(), "utf8"), "default model") as any;

function issuesOf(change: (m: any) => void): ValidationIssue[] {
  const m = structuredClone(shipped);
  change(m);
  try {
    validateModel(m);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
}

/**
 * A trained skill of the shipped model and its index (the tests use interdependence, an open-loop
 * belief, so that closing its loop is the change).
 */
function skill(m: any, id: string): [any, number] {
  const i = m.nodes.findIndex((n: any) => n.id === id);
  return [m.nodes[i], i];
}

/** A fast node's id and an edge from it to `to` (the closed-loop read must be declared). */
function useOf(m: any, fast: string, to: string): void {
  const [n] = skill(m, to);
  n.dynamics.use = fast;
  for (const c of Object.values<any>(m.content)) if (c.trains) delete c.trains[to];
  if (!m.edges.some((e: any) => e.from === fast && e.to === to))
    m.edges.push({ id: `U_${to}`, from: fast, to, effect: "drive", evidence: ["paper"] });
}

describe("closed-loop skills (dynamics.use)", () => {
  const firstFast = (m: any): string => m.nodes.find((n: any) => n.level === "fast").id;

  it("accepts a skill that learns from a fast node, with its edge declared", () => {
    const issues = issuesOf((m) => useOf(m, firstFast(m), "interdependence"));
    expect(issues).toEqual([]);
  });

  it("refuses a use that is not a fast node or readout, at the field", () => {
    const issues = issuesOf((m) => {
      const [n] = skill(m, "interdependence");
      n.dynamics.use = "inflammation";
    });
    const [, i] = skill(shipped, "interdependence");
    expect(issues).toContainEqual({
      path: `nodes[${i}].dynamics.use`,
      message: expect.stringMatching(/expected a fast node or readout id/),
    });
  });

  it("refuses a content load on a closed-loop skill", () => {
    const issues = issuesOf((m) => {
      useOf(m, firstFast(m), "interdependence");
      const [k, c] = Object.entries<any>(m.content)[0];
      c.trains = { ...(c.trains ?? {}), interdependence: 1 };
      expect(k).toBeTruthy();
    });
    expect(issues.some((x) => /learns from use/.test(x.message))).toBe(true);
  });

  it("asks for the edge use -> skill like any other read", () => {
    const fast = firstFast(shipped);
    const issues = issuesOf((m) => {
      useOf(m, fast, "interdependence");
      m.edges = m.edges.filter((e: any) => !(e.from === fast && e.to === "interdependence"));
    });
    expect(issues.some((x) => x.message.includes(`reads ${fast}, but no edge`))).toBe(true);
  });
});
