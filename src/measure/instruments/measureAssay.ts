/**
 * Biological assays with log-normal error and a limit of detection.
 */

import type { RandomStream } from "../../numeric/random.js";
import { reliabilityNoiseSd } from "./reliabilityNoiseSd.js";
import type { AssayInstrument } from "./types.js";
import * as pm from "../../numeric/portableMath.js";

/** SD of ln(error) for a log-normal error with coefficient of variation `cv`: sqrt(ln(1 + cv²)). */
export function assayLogSd(cv: number): number {
  return Math.sqrt(pm.log1p(cv * cv));
}

/**
 * base·exp(gain·(latent + b))·m with person-level noise b ~ N(0, refSd²·(1 − r)/r) in latent units
 * and assay error ln m ~ N(−s²/2, s²), s = {@link assayLogSd}(cv), so E[m] = 1 and the
 * replicate CV is `cv`. Values below `lod` are reported as lod/2. Draws two normals.
 */
export function measureAssay(
  instrument: AssayInstrument,
  latent: number,
  rng: RandomStream,
): number {
  const bio =
    instrument.gain * reliabilityNoiseSd(instrument.refSd, instrument.reliability) * rng.normal();
  const s = assayLogSd(instrument.cv);
  const err = s * rng.normal() - 0.5 * s * s;
  const value = instrument.base * pm.exp(instrument.gain * latent + bio + err);
  const lod = instrument.lod ?? 0;
  return value < lod ? lod / 2 : value;
}
