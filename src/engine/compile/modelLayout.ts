/**
 * Compile step 1: the layout of a model in the kernels' arrays — which nodes are fast,
 * inputs, slow, traits, readouts, skills, and the index of each in its array.
 */

import { identifiers, parseFormula } from "../../model/formula.js";
import type { DaySummary, Model, ModelNode } from "../../model/types.js";

/** Where each node, event and summary of a model lives in the kernels' arrays. */
export interface ModelLayout {
  fast: ModelNode[];
  inputs: ModelNode[];
  slow: ModelNode[];
  traits: ModelNode[];
  /** Readouts, each after the readouts it reads. */
  readouts: ModelNode[];
  /** Slow nodes trained by practice, in the order of the `loads` array. */
  skills: ModelNode[];
  events: string[];
  summaries: DaySummary[];
  index: {
    fast: Map<string, number>;
    input: Map<string, number>;
    slow: Map<string, number>;
    trait: Map<string, number>;
    readout: Map<string, number>;
    /** Fast nodes followed by readouts: the outputs of an episode. */
    output: Map<string, number>;
    skill: Map<string, number>;
    event: Map<string, number>;
    summary: Map<string, number>;
  };
}

const indexOf = <T extends { id: string }>(xs: T[]): Map<string, number> =>
  new Map(xs.map((x, i) => [x.id, i]));

/** Lays out a validated model's nodes, events and summaries. */
export function modelLayout(model: Model): ModelLayout {
  const by = (level: string): ModelNode[] => model.nodes.filter((n) => n.level === level);
  const fast = by("fast");
  const inputs = by("input");
  const slow = by("slow");
  const traits = by("trait");
  const readouts = orderReadouts(by("readout"));
  const skills = slow.filter((n) => n.dynamics?.form === "train");
  const events = model.coupling.events.map((e) => e.id);
  const summaries = model.coupling.summaries;
  return {
    fast,
    inputs,
    slow,
    traits,
    readouts,
    skills,
    events,
    summaries,
    index: {
      fast: indexOf(fast),
      input: indexOf(inputs),
      slow: indexOf(slow),
      trait: indexOf(traits),
      readout: indexOf(readouts),
      output: indexOf([...fast, ...readouts]),
      skill: indexOf(skills),
      event: new Map(events.map((e, i) => [e, i])),
      summary: indexOf(summaries),
    },
  };
}

/** Orders readouts so that each comes after the readouts it reads (validated acyclic). */
function orderReadouts(readouts: ModelNode[]): ModelNode[] {
  const ids = new Set(readouts.map((r) => r.id));
  const deps = new Map(
    readouts.map((r) => [
      r.id,
      [...identifiers(parseFormula(r.equation!))].filter((d) => ids.has(d)),
    ]),
  );
  const out: ModelNode[] = [];
  const done = new Set<string>();
  const visit = (r: ModelNode): void => {
    if (done.has(r.id)) return;
    done.add(r.id);
    for (const d of deps.get(r.id) ?? []) visit(readouts.find((x) => x.id === d)!);
    out.push(r);
  };
  readouts.forEach(visit);
  return out;
}
