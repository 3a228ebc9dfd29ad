/** Validation step: every node, parameter, event and day summary has its own identifier. */

import type { SemanticContext } from "./context.js";
import { ID, RESERVED } from "./scope.js";

/** Reports duplicate identifiers across kinds, and parameter ids that are not identifiers. */
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
