/** Validation steps on the coupling of levels (day summaries, engagement) and content primitives. */

import { checkFormula, type SemanticContext } from "./context.js";

/** Day summaries read a fast or readout node; `otherwise` and engagement are person formulas. */
export function checkCoupling(ctx: SemanticContext): void {
  const { issues, model, nodeById } = ctx;
  model.coupling.summaries.forEach((s, i) => {
    const p = `coupling.summaries[${i}]`;
    const n = nodeById.get(s.node);
    if (!n) issues.add(`${p}.node`, `unknown node ${JSON.stringify(s.node)}`);
    else if (n.level !== "fast" && n.level !== "readout")
      issues.add(`${p}.node`, `expected a fast or readout node, got ${n.id} (${n.level})`);
    checkFormula(ctx, `${p}.otherwise`, s.otherwise, "person");
  });
  checkFormula(ctx, "coupling.engagement", model.coupling.engagement, "person");
}

/** A closed-loop skill's `use` names a fast node or readout (what an episode records). */
export function checkUse({ issues, model, nodeById }: SemanticContext): void {
  model.nodes.forEach((n, i) => {
    const d = n.dynamics;
    if (d?.form !== "train" || d.use === undefined) return;
    const u = nodeById.get(d.use);
    if (!u || (u.level !== "fast" && u.level !== "readout"))
      issues.add(
        `nodes[${i}].dynamics.use`,
        `expected a fast node or readout id (what a practice episode records), got ${JSON.stringify(d.use)}`,
      );
  });
}

/** Content primitives train existing skills (loads >= 0) and present input levels in range. */
export function checkContent({ issues, model, nodeById }: SemanticContext): void {
  for (const [k, c] of Object.entries(model.content)) {
    for (const [skill, w] of Object.entries(c.trains)) {
      const n = nodeById.get(skill);
      if (!n) issues.add(`content.${k}.trains.${skill}`, `unknown node ${JSON.stringify(skill)}`);
      else if (n.dynamics?.form !== "train")
        issues.add(
          `content.${k}.trains.${skill}`,
          `expected a trained skill (slow node with form: train), got ${skill}`,
        );
      else if (n.dynamics.use !== undefined)
        issues.add(
          `content.${k}.trains.${skill}`,
          `${skill} learns from use (dynamics.use: ${n.dynamics.use}); content cannot also assign it a load`,
        );
      if (w < 0) issues.add(`content.${k}.trains.${skill}`, `expected a load >= 0, got ${w}`);
    }
    for (const [inp, lvl] of Object.entries(c.inputs)) {
      const n = nodeById.get(inp);
      if (!n || n.level !== "input")
        issues.add(
          `content.${k}.inputs.${inp}`,
          `expected an input node, got ${JSON.stringify(inp)}`,
        );
      else if (lvl < n.range[0] || lvl > n.range[1])
        issues.add(
          `content.${k}.inputs.${inp}`,
          `expected a level within [${n.range[0]}, ${n.range[1]}], got ${lvl}`,
        );
    }
  }
}
