/**
 * Spearman's attenuation: how unreliable measurement shrinks an observed correlation.
 */

/**
 * Factor by which measurement error attenuates the correlation of two measures with
 * reliabilities `rx` and `ry` (Spearman, 1904): observed r = true r·sqrt(rx·ry). Pass 1 for a
 * variable measured perfectly.
 *
 * @throws RangeError if a reliability is outside [0, 1]
 */
export function expectedAttenuation(rx: number, ry: number): number {
  for (const [name, r] of [
    ["rx", rx],
    ["ry", ry],
  ] as const) {
    if (!(r >= 0 && r <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${r}`);
  }
  return Math.sqrt(rx * ry);
}
