/**
 * The code generator as one pure step: a validated model and its parameter values in, the
 * kernels' JavaScript source out (tested as text by golden files in `__golden__/`).
 */

import type { Model } from "../../model/types.js";
import type { KernelSources } from "../kernelTypes.js";
import { emitDayKernel } from "./emitDayKernel.js";
import { emitEpisodeKernel } from "./emitEpisodeKernel.js";
import { emitFastInit, emitFastRhs } from "./emitFastRhs.js";
import { emitPersonKernel } from "./emitPersonKernel.js";
import { fastExpressions } from "./fastExpressions.js";
import { localNames } from "./localNames.js";
import { modelLayout, type ModelLayout } from "./modelLayout.js";

/** Generated kernel source and the layout it was generated for. */
export interface EmittedKernels {
  layout: ModelLayout;
  source: KernelSources;
}

/** Generates the kernels' source for a validated model with the given parameter values. */
export function emitKernels(
  model: Model,
  params: Readonly<Record<string, number>>,
): EmittedKernels {
  const layout = modelLayout(model);
  const names = localNames(layout, params);
  const fx = fastExpressions(layout, names);
  const noFast = names(() => "NaN");
  return {
    layout,
    source: {
      episode: emitEpisodeKernel(layout, fx),
      day: emitDayKernel(layout, noFast),
      person: emitPersonKernel(model, layout, noFast),
      rhs: emitFastRhs(layout, fx),
      init: emitFastInit(layout, fx),
    },
  };
}
