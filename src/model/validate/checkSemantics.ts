/**
 * Semantic validation of a structurally valid model, as named steps run in order (later steps
 * use what earlier ones found). Every step adds issues with the path of their field.
 */

import type { Issues } from "../issues.js";
import type { Model } from "../types.js";
import { semanticContext } from "./context.js";
import { checkContent, checkCoupling, checkUse } from "./coupling.js";
import { checkEdges, checkUndeclaredReads } from "./edges.js";
import { checkReadoutCycles, collectEquations } from "./equations.js";
import { checkIdentifiers } from "./identifiers.js";
import { checkParameters } from "./parameters.js";
import { checkVariants } from "./variants.js";

/** Checks identifiers and scopes, formulas, readout cycles, edges and signs, coupling, content, parameters and variants. */
export function checkSemantics(issues: Issues, model: Model): void {
  const ctx = semanticContext(issues, model);
  checkIdentifiers(ctx);
  collectEquations(ctx);
  checkReadoutCycles(ctx);
  checkEdges(ctx);
  checkUndeclaredReads(ctx);
  checkCoupling(ctx);
  checkContent(ctx);
  checkUse(ctx);
  checkParameters(ctx);
  checkVariants(ctx);
}
