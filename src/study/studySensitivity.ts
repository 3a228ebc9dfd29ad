/**
 * Global sensitivity of a study's planned outcomes to the model's parameters, over their
 * priors: Morris screening or Sobol' indices. Each design point is one virtual trial with the
 * parameters set to that point and the same seed (common random numbers), so differences
 * between points come from the parameters, not from sampling noise.
 */

import { InputError } from "../model/issues.js";
import { hashName, RandomStream } from "../numeric/random.js";
import type { Model } from "../model/types.js";
import { runTrial, studyModel } from "./runTrial.js";
import { morrisAnalyze, morrisDesign } from "../numeric/sensitivity/morris.js";
import { saltelliDesign, sobolAnalyze } from "../numeric/sensitivity/sobol.js";
import type { SensitivityInput } from "../numeric/sensitivity/sensitivityInput.js";
import type { EvaluableDesign } from "../numeric/sensitivity/evaluateDesign.js";
import type { StudySpec } from "./studySpec.js";

/** One parameter's importance for one outcome. */
export interface SensitivityRow {
  outcome: string;
  parameter: string;
  /** Morris: μ*, μ, σ. Sobol: S1, ST. */
  index: number;
  lo: number;
  hi: number;
  extra: Record<string, number>;
}

/** Result: rows ranked within each outcome by the main index (μ* or ST). */
export interface SensitivityResult {
  method: "morris" | "sobol";
  parameters: string[];
  outcomes: string[];
  evaluations: number;
  rows: SensitivityRow[];
  /** Outcomes whose evaluation failed at some design points (rows then omitted). */
  failed: string[];
  /**
   * Warnings to print with the indices, each starting with its outcome id: for Sobol', signs
   * that the sample is too small (indices outside [0, 1], wide bootstrap intervals; see
   * `sobolWarnings`). Empty when there are none.
   */
  warnings: string[];
}

/** Options of {@link studySensitivity}. */
export interface StudySensitivityOptions {
  method: "morris" | "sobol";
  /** Parameters to vary (default: every parameter of the model). */
  parameters?: string[];
  /** Morris trajectories (default 8). */
  trajectories?: number;
  /** Sobol' base sample size N (default 64). */
  samples?: number;
  bootstrap?: number;
  seed?: number;
  threads?: number;
  /** Participants per arm in each design point's trial (default: the study's). */
  n?: number;
  model?: Model;
  onProgress?: (fraction: number) => void;
}

/** The parameters varied and the design of model runs (one virtual trial per row). */
function sensitivityDesign(
  model: Model,
  opts: Pick<StudySensitivityOptions, "method" | "parameters" | "trajectories" | "samples">,
  seed: number,
): { names: string[]; design: EvaluableDesign } {
  const names = opts.parameters ?? Object.keys(model.parameters);
  for (const p of names)
    if (!Object.hasOwn(model.parameters, p))
      throw new InputError(
        `unknown parameter ${JSON.stringify(p)} (model ${model.id} has: ${Object.keys(model.parameters).join(", ")})`,
      );
  const inputs: SensitivityInput[] = names.map((name) => ({
    name,
    prior: model.parameters[name].prior,
  }));
  if (inputs.every((i) => i.prior.dist === "fixed"))
    throw new InputError(
      `parameters ${names.join(", ")}: every one has a fixed prior, so nothing varies (choose parameters with uncertain priors)`,
    );
  const rng = new RandomStream(seed, 0, hashName("sensitivity/design"));
  const random = (): number => rng.uniform();
  const design: EvaluableDesign =
    opts.method === "morris"
      ? morrisDesign({ inputs, trajectories: opts.trajectories ?? 8, random })
      : saltelliDesign({ inputs, samples: opts.samples ?? 64, random, sampling: "sobol" });
  return { names, design };
}

/**
 * The number of virtual trials (model runs) {@link studySensitivity} will run with these
 * options, to tell the user before a long run. Throws an InputError for an unknown parameter.
 */
export function plannedEvaluations(
  model: Model,
  opts: Pick<StudySensitivityOptions, "method" | "parameters" | "trajectories" | "samples">,
): number {
  return sensitivityDesign(model, opts, 0).design.rows;
}

/** The sensitivity of every planned analysis's estimate to the chosen parameters. */
export async function studySensitivity(
  spec: StudySpec,
  opts: StudySensitivityOptions,
): Promise<SensitivityResult> {
  const model = opts.model ?? studyModel(spec);
  const seed = opts.seed ?? spec.seed;
  const { names, design } = sensitivityDesign(model, opts, seed);
  const analyses = spec.analyses;
  const outputs = analyses.map(() => new Float64Array(design.rows));
  const point = new Float64Array(design.width);
  for (let row = 0; row < design.rows; row++) {
    design.fillRow(row, point);
    const params: Record<string, number> = {};
    names.forEach((n, i) => (params[n] = point[i]));
    const run = await runTrial(spec, { seed, n: opts.n, threads: opts.threads, params, model });
    analyses.forEach(
      (a, k) => (outputs[k][row] = run.results.find((r) => r.id === a.id)?.estimate ?? NaN),
    );
    opts.onProgress?.((row + 1) / design.rows);
  }
  const rows: SensitivityRow[] = [];
  const failed: string[] = [];
  const warnings: string[] = [];
  analyses.forEach((a, k) => {
    if (outputs[k].some((v) => !Number.isFinite(v))) {
      failed.push(a.id);
      return;
    }
    const boot = new RandomStream(seed, 1, hashName(`sensitivity/bootstrap/${a.id}`));
    const random2 = (): number => boot.uniform();
    if (opts.method === "morris") {
      const res = morrisAnalyze(design as ReturnType<typeof morrisDesign>, outputs[k], {
        random: random2,
        bootstrap: opts.bootstrap ?? 500,
      });
      const ranked = res.map((r) => ({
        outcome: a.id,
        parameter: r.name,
        index: r.muStar,
        lo: r.muStarCI[0],
        hi: r.muStarCI[1],
        extra: { mu: r.mu, sigma: r.sigma },
      }));
      rows.push(...ranked.sort((x, y) => y.index - x.index));
    } else {
      const res = sobolAnalyze(design as ReturnType<typeof saltelliDesign>, outputs[k], {
        random: random2,
        bootstrap: opts.bootstrap ?? 500,
      });
      warnings.push(...res.warnings.map((w) => `${a.id}: ${w}`));
      const ranked = res.inputs.map((r) => ({
        outcome: a.id,
        parameter: r.name,
        index: r.ST,
        lo: r.STCI[0],
        hi: r.STCI[1],
        extra: { S1: r.S1, S1lo: r.S1CI[0], S1hi: r.S1CI[1] },
      }));
      rows.push(...ranked.sort((x, y) => y.index - x.index));
    }
  });
  return {
    method: opts.method,
    parameters: names,
    outcomes: analyses.map((a) => a.id),
    evaluations: design.rows,
    rows,
    failed,
    warnings,
  };
}
