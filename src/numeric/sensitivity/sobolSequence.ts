/**
 * Unscrambled Sobol' low-discrepancy sequence (base 2, Gray-code order) with
 * Joe–Kuo direction numbers.
 */
import { SOBOL_DIRECTION_NUMBERS } from "./sobolDirectionNumbers.js";

/** Highest dimension supported by the embedded Joe–Kuo direction numbers. */
export const SOBOL_MAX_DIMENSION = SOBOL_DIRECTION_NUMBERS.length + 1;

/** Number of bits per coordinate; the sequence has at most 2^32 points. */
const BITS = 32;
const SCALE = 1 / 4294967296;

/** Direction numbers V (row-major `dimension`×32, V_k = m_k·2^(31−k)). */
function directionNumbers(dimension: number): Uint32Array {
  const V = new Uint32Array(dimension * BITS);
  for (let k = 0; k < BITS; k++) V[k] = 2 ** (BITS - 1 - k);
  for (let d = 1; d < dimension; d++) {
    const fields = SOBOL_DIRECTION_NUMBERS[d - 1].split(" ").map(Number);
    const s = fields[0];
    const a = fields[1];
    const row = d * BITS;
    for (let k = 0; k < s; k++) V[row + k] = fields[2 + k] * 2 ** (BITS - 1 - k);
    for (let k = s; k < BITS; k++) {
      let v = V[row + k - s] ^ (V[row + k - s] >>> s);
      for (let l = 1; l < s; l++) {
        if ((a >>> (s - 1 - l)) & 1) v ^= V[row + k - l];
      }
      V[row + k] = v >>> 0;
    }
  }
  return V;
}

/**
 * Generator of the unscrambled Sobol' sequence in [0, 1)^dimension, point 0
 * being the origin. Points follow the Gray-code order, so they coincide with
 * `scipy.stats.qmc.Sobol(d, scramble=False)` (and with Joe & Kuo's reference
 * implementation) for the first 2^30 points.
 *
 * Balance properties hold for blocks of 2^m consecutive points starting at a
 * multiple of 2^m; prefer such sample sizes and offsets.
 */
export class SobolSequence {
  /** Number of coordinates per point (1 … {@link SOBOL_MAX_DIMENSION}). */
  readonly dimension: number;
  private readonly V: Uint32Array;
  private readonly state: Uint32Array;
  private position = 0;

  /**
   * @param dimension number of coordinates per point
   * @param start index of the first point returned by {@link next} (default 0)
   */
  constructor(dimension: number, start = 0) {
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > SOBOL_MAX_DIMENSION) {
      throw new RangeError(
        `SobolSequence: expected a dimension in 1..${SOBOL_MAX_DIMENSION}, got ${dimension}`,
      );
    }
    this.dimension = dimension;
    this.V = directionNumbers(dimension);
    this.state = new Uint32Array(dimension);
    this.seek(start);
  }

  /** Index of the point the next call to {@link next} returns. */
  get index(): number {
    return this.position;
  }

  /** Jumps to point `index` (0 ≤ index < 2^32) in O(dimension · 32). */
  seek(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= 2 ** BITS) {
      throw new RangeError(`SobolSequence: expected a point index in [0, 2^32), got ${index}`);
    }
    const gray = (index ^ Math.floor(index / 2)) >>> 0;
    const { V, state, dimension } = this;
    for (let d = 0; d < dimension; d++) {
      let x = 0;
      for (let k = 0; k < BITS; k++) if ((gray >>> k) & 1) x ^= V[d * BITS + k];
      state[d] = x >>> 0;
    }
    this.position = index;
  }

  /**
   * Writes the current point into `out[offset … offset + dimension)` and
   * advances to the next one.
   */
  next(out: Float64Array, offset = 0): void {
    const { V, state, dimension } = this;
    for (let d = 0; d < dimension; d++) out[offset + d] = state[d] * SCALE;
    const i = this.position;
    if (i >= 2 ** BITS - 1) throw new RangeError("SobolSequence: exhausted (2^32 points)");
    // Gray-code update: flip direction number c, c = number of trailing one bits of i.
    const inverted = ~i;
    const c = 31 - Math.clz32(inverted & -inverted);
    for (let d = 0; d < dimension; d++) state[d] = (state[d] ^ V[d * BITS + c]) >>> 0;
    this.position = i + 1;
  }
}

/**
 * Returns `n` consecutive Sobol' points starting at index `start`, row-major
 * (`n`×`dimension`).
 */
export function sobolPoints(n: number, dimension: number, start = 0): Float64Array {
  const seq = new SobolSequence(dimension, start);
  const out = new Float64Array(n * dimension);
  for (let i = 0; i < n; i++) seq.next(out, i * dimension);
  return out;
}
