/**
 * Comparing variants of the theory on the findings scorecard: which findings each variant
 * passes or fails (the variant × finding matrix of `kindsim compare`).
 */

import type { Model } from "../model/types.js";
import { variantModel } from "./discriminate.js";
import { runScorecard, type FindingCheck, type Scorecard } from "./scorecard.js";

/** Options of {@link compareVariants}. */
export interface CompareVariantsOptions {
  seed?: number;
  threads?: number;
  params?: Record<string, number>;
  onProgress?: (fraction: number) => void;
}

/** One finding across the variants. */
export interface VariantFindingRow {
  id: string;
  claim: string;
  /** Variant id → verdict and estimate. */
  results: Record<string, { passed: boolean; estimate: number }>;
  /** True when the variants disagree on this finding. */
  differs: boolean;
}

/** The variant × finding matrix. */
export interface VariantComparison {
  variants: string[];
  findings: VariantFindingRow[];
  /** Variant id → findings passed. */
  passed: Record<string, number>;
  total: number;
  /** The scorecard of each variant, in the order of `variants`. */
  cards: Scorecard[];
}

/**
 * Runs the scorecard `checks` under each variant of `base` (`default` is `base` itself) and
 * tabulates which findings each passes.
 */
export async function compareVariants(
  base: Model,
  variants: string[],
  checks: FindingCheck[],
  all: FindingCheck[],
  opts: CompareVariantsOptions = {},
): Promise<VariantComparison> {
  const models = variants.map((v) => variantModel(base, v)); // fails fast on an unknown variant
  const cards: Scorecard[] = [];
  for (const [i, model] of models.entries())
    cards.push(
      await runScorecard(checks, all, {
        model,
        seed: opts.seed,
        threads: opts.threads,
        params: opts.params,
        onProgress: (f) => opts.onProgress?.((i + f) / variants.length),
      }),
    );
  const findings = checks.map((c, k) => ({
    id: c.id,
    claim: c.claim,
    results: Object.fromEntries(
      variants.map((v, i) => [
        v,
        { passed: cards[i].findings[k].passed, estimate: cards[i].findings[k].estimate },
      ]),
    ),
    differs: new Set(cards.map((cd) => cd.findings[k].passed)).size > 1,
  }));
  return {
    variants,
    findings,
    passed: Object.fromEntries(variants.map((v, i) => [v, cards[i].passed])),
    total: checks.length,
    cards,
  };
}
