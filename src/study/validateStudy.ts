/**
 * Checking a study file without running it (`kindsim study validate`): every problem the
 * file's fields, its model, protocols, populations, paradigms and analyses have, each with
 * its path, in one pass.
 */

import { compileModel } from "../engine/compileModel.js";
import { InputError, Issues, ValidationError, type ValidationIssue } from "../model/issues.js";
import { checkParameterValues } from "../model/parameterValues.js";
import type { Model } from "../model/types.js";
import { resolvePopulation } from "../sim/population.js";
import { resolveProtocol } from "../sim/protocol.js";
import { checkStudyDesign, studyModel, studyParadigms } from "./runTrial.js";
import { loadStudy, type StudySpec } from "./studySpec.js";

/** The outcome of {@link validateStudyFile}. */
export interface StudyValidation {
  /** The study, when its fields could be read. */
  spec?: StudySpec;
  /** Every problem found, with the path of its field. */
  issues: ValidationIssue[];
}

/** Records an InputError thrown by `fn` as an issue at `path` (other errors propagate). */
function attempt<T>(issues: Issues, path: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ValidationError) for (const i of e.issues) issues.add(i.path, i.message);
    else if (e instanceof InputError) issues.add(path, e.message);
    else throw e;
    return undefined;
  }
}

/** Checks what a valid spec refers to: model, `set`, protocols, populations, the design. */
function checkReferences(spec: StudySpec, issues: Issues): void {
  const model = attempt<Model>(issues, spec.variant ? "variant" : "model", () => studyModel(spec));
  if (!model) return;
  if (spec.set) attempt(issues, "set", () => checkParameterValues(model, spec.set!, "set"));
  attempt(issues, "population", () => resolvePopulation(spec.population, model));
  spec.arms.forEach((a, i) => {
    attempt(issues, `arms[${i}].protocol`, () => resolveProtocol(a.protocol, model));
    if (a.population)
      attempt(issues, `arms[${i}].population`, () => resolvePopulation(a.population!, model));
  });
  const cm = attempt(issues, "set", () => compileModel(model, { params: spec.set ?? {} }));
  if (!cm) return;
  const paradigms = attempt(issues, "paradigms", () => studyParadigms(cm, spec));
  if (paradigms) checkStudyDesign(spec, cm, paradigms, issues);
  for (const [i, t] of spec.randomisation.strata.entries())
    if (!cm.index.trait.has(t))
      issues.add(`randomisation.strata[${i}]`, `${t} is not a trait of the model`);
}

/** Reads and checks a study file; returns every problem instead of throwing. */
export function validateStudyFile(path: string): StudyValidation {
  const issues = new Issues();
  const spec = attempt(issues, "(file)", () => loadStudy(path));
  if (spec) checkReferences(spec, issues);
  return { spec, issues: issues.list };
}
