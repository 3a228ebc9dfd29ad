/**
 * Compiles a validated model into specialised kernels over batches of participants.
 *
 * JavaScript is generated only from the validated structure (see `compile/`): formulas are
 * parsed into whitelisted ASTs, identifiers become local variable names chosen there, and
 * parameter values are re-serialised numbers. Each fast-level kernel integrates one
 * participant at a time with every state in a local variable (a fully unrolled RK4), which is
 * what a hand-written loop would do. The steps, in order: `modelLayout` (arrays), `localNames`
 * (naming), `fastExpressions` (fast right-hand sides), `emitEpisodeKernel` (RK4 episodes),
 * `emitDayKernel` (slow level), `emitPersonKernel` (engagement), `emitFastRhs` (the
 * Dormand–Prince reference), then {@link compileModel} turns the source into functions.
 */

import { InputError } from "../model/issues.js";
import { portableMath } from "../numeric/portableMath.js";
import { PORTABLE_MATH_PARAM } from "./formulaToJs.js";
import { modelHash } from "../model/modelHash.js";
import type { Model } from "../model/types.js";
import { isValidatedModel, type ValidatedModel } from "../model/validatedModel.js";
import { validateModel } from "../model/validateModel.js";
import { emitKernels } from "./compile/emitKernels.js";
import type {
  CompiledModel,
  CompileOptions,
  DayKernel,
  EpisodeKernel,
  FastRhs,
  PersonKernel,
} from "./kernelTypes.js";

export { NSTAT, SUMMARY_STATS } from "./kernelTypes.js";
export type {
  CompiledModel,
  CompileOptions,
  DayBatch,
  DayKernel,
  EpisodeBatch,
  EpisodeKernel,
  EpisodeSchedule,
  FastRhs,
  KernelSources,
  OneParticipant,
  ParticipantBatch,
  PersonBatch,
  PersonKernel,
  TrajectoryBuffer,
} from "./kernelTypes.js";

/** The model's parameter values with `overrides` applied (each must be known and finite). */
export function resolveParams(
  model: Model,
  overrides: Readonly<Record<string, number>> = {},
): Record<string, number> {
  // No prototype: a parameter may be called `__proto__` or `constructor`.
  const params: Record<string, number> = Object.create(null);
  for (const [k, p] of Object.entries(model.parameters)) params[k] = p.value;
  for (const [k, v] of Object.entries(overrides)) {
    if (!Object.hasOwn(params, k))
      throw new InputError(`parameters.${k}: unknown parameter (not in model ${model.id})`);
    if (!Number.isFinite(v))
      throw new InputError(`parameters.${k}: expected a finite number, got ${v}`);
    params[k] = v;
  }
  return params;
}

/**
 * The model itself when `validateModel` produced it, else the model validated afresh (a
 * structured clone sent to a worker, or an object a library caller built by hand).
 * @throws ValidationError when the model is not valid: nothing unchecked is compiled.
 */
export function ensureValidated(model: Model): ValidatedModel {
  if (isValidatedModel(model)) return model;
  // Workers receive clones of the same model job after job: validate each text once.
  const text = JSON.stringify(model);
  let checked = revalidated.get(text);
  if (!checked) {
    checked = validateModel(JSON.parse(text), "model given to compileModel");
    if (revalidated.size >= 8) revalidated.clear();
    revalidated.set(text, checked);
  }
  return checked;
}

/** Models validated by {@link ensureValidated}, by their JSON text (the copy, never the input). */
const revalidated = new Map<string, ValidatedModel>();

/**
 * Compiles a model into simulation kernels. Only a validated model is compiled: one that
 * `validateModel` or `applyVariant` did not produce is validated first (see
 * {@link ensureValidated}), and every number written into the source is checked to be a
 * finite number, so no path reaches `new Function` with unchecked text.
 * @throws ValidationError for an invalid model; Error for an unknown or non-finite parameter.
 */
export function compileModel(raw: Model, opts: CompileOptions = {}): CompiledModel {
  const model = ensureValidated(raw);
  const params = resolveParams(model, opts.params);
  const { layout, source } = emitKernels(model, params);
  return {
    model,
    hash: modelHash(model),
    params,
    fast: layout.fast,
    readouts: layout.readouts,
    inputs: layout.inputs,
    slow: layout.slow,
    traits: layout.traits,
    skills: layout.skills,
    events: layout.events,
    summaries: layout.summaries,
    outputs: [...layout.fast, ...layout.readouts].map((n) => n.id),
    index: layout.index,
    episode: compileKernel(["batch", "schedule"], source.episode) as EpisodeKernel,
    day: compileKernel(["batch", "dtDays"], source.day) as DayKernel,
    person: compileKernel(["batch"], source.person) as PersonKernel,
    fastRhs: compileKernel(["y", "dydt", "inputs", "person"], source.rhs) as FastRhs,
    fastInit: compileKernel(["person", "y"], source.init) as CompiledModel["fastInit"],
    source,
  };
}

/**
 * Builds a generated kernel: `body` becomes a function of `params` that closes over
 * `PM` = numeric/portableMath (the portable exp/log/pow/tanh the emitted code calls), so
 * kernels give the same bits in every JavaScript engine.
 */
function compileKernel(params: string[], body: string): unknown {
  const factory = new Function(
    PORTABLE_MATH_PARAM,
    `"use strict";\nreturn function kernel(${params.join(", ")}) {\n${body}\n};`,
  ) as (pm: typeof portableMath) => unknown;
  return factory(portableMath);
}
