/**
 * Classical test theory: the error SD that gives a reading a declared reliability.
 */

/**
 * Noise SD that gives reliability `reliability` to a reading whose true score has SD `refSd`
 * in the reference population: refSd·sqrt((1 − r)/r), so that
 * refSd² / (refSd² + noiseSd²) = r. Returns 0 for r = 1.
 *
 * @throws RangeError if `refSd` is negative or not finite, or r is outside (0, 1]
 */
export function reliabilityNoiseSd(refSd: number, reliability: number): number {
  if (!(Number.isFinite(refSd) && refSd >= 0)) {
    throw new RangeError(`refSd must be a finite number >= 0, got ${refSd}`);
  }
  if (!(reliability > 0 && reliability <= 1)) {
    throw new RangeError(`reliability must be in (0, 1], got ${reliability}`);
  }
  return refSd * Math.sqrt((1 - reliability) / reliability);
}
