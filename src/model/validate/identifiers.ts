/** Validation step: every node, parameter, event and day summary has its own identifier. */

import type { SemanticContext } from "./context.js";
import { ID, RESERVED } from "./scope.js";

/**
 * Reports duplicate identifiers across kinds, duplicate node symbols, and parameter ids that
 * are not identifiers.
 */
export function checkIdentifiers({ issues, model }: SemanticContext): void {
  const seen = new Map<string, string>();
  const claim = (id: string, path: string): void => {
    if (seen.has(id))
      issues.add(
        path,
        `duplicate identifier ${JSON.stringify(id)} (already used at ${seen.get(id)})`,
      );
    else seen.set(id, path);
  };
  model.nodes.forEach((n, i) => claim(n.id, `nodes[${i}].id`));
  const symbols = new Map<string, string>();
  model.nodes.forEach((n, i) => {
    if (n.symbol === undefined) return;
    const at = symbols.get(n.symbol);
    if (at)
      issues.add(
        `nodes[${i}].symbol`,
        `duplicate symbol ${JSON.stringify(n.symbol)} (already used at ${at}): the diagram could not tell the boxes apart`,
      );
    else symbols.set(n.symbol, `nodes[${i}].symbol`);
  });
  for (const k of Object.keys(model.parameters)) {
    if (!ID.test(k) || RESERVED.has(k))
      issues.add(
        `parameters.${k}`,
        "expected an identifier (letters, digits, _; not a function name)",
      );
    claim(k, `parameters.${k}`);
  }
  model.coupling.events.forEach((e, i) => claim(e.id, `coupling.events[${i}].id`));
  model.coupling.summaries.forEach((s, i) => claim(s.id, `coupling.summaries[${i}].id`));
}
