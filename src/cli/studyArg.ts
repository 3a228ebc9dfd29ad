/** The study-file argument of `trial`, `power`, `discriminate` and `sensitivity`. */

import { applyVariant } from "../model/applyVariant.js";
import { resolveModel } from "../model/loadModel.js";
import { studyModel } from "../study/runTrial.js";
import { loadStudy, type StudySpec } from "../study/studySpec.js";
import { withFlag } from "./errors.js";
import { parseSets } from "./modelOptions.js";
import type { ModelChoice } from "./sharedOptions.js";

/** Loads a study file (every problem is reported at once, with its path). */
export function loadStudyArg(file: string): StudySpec {
  return loadStudy(file);
}

/**
 * Applies `--variant` (replacing the study's own) and `--set` (added to the study's `set`,
 * checked against the parameters' prior support) to a study, checking both before any run.
 */
export function studyModelChoice(spec: StudySpec, o: ModelChoice): StudySpec {
  if (o.variant === undefined && (o.set ?? []).length === 0) return spec;
  const withVariant = o.variant === undefined ? spec : { ...spec, variant: o.variant };
  // applyVariant directly: its error already says "unknown variant", and the flag names the
  // field (studyModel would add the study's "variant:" as well)
  const model =
    o.variant === undefined
      ? studyModel(spec)
      : withFlag("--variant", () => applyVariant(resolveModel(spec.model), o.variant!));
  const set = { ...(spec.set ?? {}), ...parseSets(model, o.set) };
  return { ...withVariant, set };
}
