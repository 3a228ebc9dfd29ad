import { cos, log, sin } from "./portableMath.js";

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const M0_LO = M0 & 0xffff;
const M0_HI = M0 >>> 16;
const M1_LO = M1 & 0xffff;
const M1_HI = M1 >>> 16;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;
const TWO32 = 4294967296;
const TWO53 = 9007199254740992;
const TWO_PI = 2 * Math.PI;
const SUBSTREAM_BITS = 20;

/** High 32 bits (as int32 bits) of the 64-bit product of uint32 `a` and a multiplier given as 16-bit halves. */
function mulhi(a: number, mLo: number, mHi: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const lh = Math.imul(aLo, mHi);
  const hl = Math.imul(aHi, mLo);
  const mid = (Math.imul(aLo, mLo) >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (Math.imul(aHi, mHi) + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) | 0;
}

/**
 * Philox4x32-10 (Salmon et al., "Parallel Random Numbers: As Easy as 1, 2, 3", SC'11;
 * Random123): encrypts the 128-bit counter (c0..c3) under the 64-bit key (k0, k1) and
 * writes the four output words to `out[0..3]`. Arguments are taken modulo 2^32.
 */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
): void {
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k0 = (k0 + W0) | 0;
      k1 = (k1 + W1) | 0;
    }
    const hi0 = mulhi(c0, M0_LO, M0_HI);
    const lo0 = Math.imul(c0, M0);
    const hi1 = mulhi(c2, M1_LO, M1_HI);
    const lo1 = Math.imul(c2, M1);
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

const utf8 = new TextEncoder();

/** FNV-1a 32-bit hash of the UTF-8 bytes of `name`; used to derive stable stream ids from names. */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (const byte of utf8.encode(name)) h = Math.imul(h ^ byte, 0x01000193);
  return h >>> 0;
}

function checkUint(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} must be an integer in [0, ${max}], got ${value}`);
  }
}

/**
 * A deterministic random stream identified by `(seed, participant, stream)`, backed by
 * Philox4x32-10. The key is the seed split into 32-bit words (lo, hi); the counter is
 * (block lo, block hi, participant, stream), where the 64-bit block index starts at 0 and
 * advances once per four output words. Every value is a pure function of the triple and
 * the position in the stream, so streams never interfere with one another.
 */
export class RandomStream {
  private readonly k0: number;
  private readonly k1: number;
  private participant: number;
  private stream: number;
  private blockLo = 0;
  private blockHi = 0;
  private readonly buf = new Uint32Array(4);
  private next = 4;
  private spare = 0;
  private hasSpare = false;

  /**
   * @param seed integer in [0, 2^53 − 1]
   * @param participant uint32 participant index
   * @param stream uint32 stream id, e.g. `hashName("traits")` or `RandomStream.substream("adherence", day)`
   */
  constructor(seed: number, participant: number, stream: number) {
    checkUint(seed, Number.MAX_SAFE_INTEGER, "seed");
    checkUint(participant, TWO32 - 1, "participant");
    checkUint(stream, TWO32 - 1, "stream");
    this.k0 = (seed % TWO32) | 0;
    this.k1 = Math.floor(seed / TWO32) | 0;
    this.participant = participant | 0;
    this.stream = stream | 0;
  }

  /**
   * Stream id for the `index`-th member of a named family (e.g. one stream per day):
   * the top 12 bits are a Fibonacci hash of `hashName(name)` and the low 20 bits are
   * `index`, so ids of one family never collide for 0 ≤ index < 2^20. Two different
   * names share a family prefix with probability 2^-12, and a substream id may coincide
   * with a plain `hashName` id, so use one scheme per simulation and check your names.
   */
  static substream(name: string, index: number): number {
    checkUint(index, (1 << SUBSTREAM_BITS) - 1, "substream index");
    const tag = Math.imul(hashName(name), 0x9e3779b1) >>> (32 - 12);
    return ((tag << SUBSTREAM_BITS) | index) >>> 0;
  }

  /**
   * Turns this object into the stream (seed, participant, stream) at block 0, as if newly
   * constructed with the same seed; lets hot loops reuse one object per seed.
   */
  reset(participant: number, stream: number): this {
    this.participant = participant | 0;
    this.stream = stream | 0;
    this.blockLo = 0;
    this.blockHi = 0;
    this.next = 4;
    this.hasSpare = false;
    return this;
  }

  /** Repositions the stream at the start of Philox block `block` (integer in [0, 2^53 − 1]). */
  seek(block: number): void {
    checkUint(block, Number.MAX_SAFE_INTEGER, "block");
    this.blockLo = (block % TWO32) | 0;
    this.blockHi = Math.floor(block / TWO32) | 0;
    this.next = 4;
    this.hasSpare = false;
  }

  /** Next raw uint32 word of the stream. */
  private word(): number {
    if (this.next === 4) {
      philox4x32(
        this.blockLo,
        this.blockHi,
        this.participant,
        this.stream,
        this.k0,
        this.k1,
        this.buf,
      );
      this.blockLo = (this.blockLo + 1) | 0;
      if (this.blockLo === 0) this.blockHi = (this.blockHi + 1) | 0;
      this.next = 0;
    }
    return this.buf[this.next++];
  }

  /** Uniform double in the open interval (0, 1): a multiple of 2^-53 built from two words, never 0 or 1. */
  uniform(): number {
    for (;;) {
      const k = (this.word() >>> 5) * 67108864 + (this.word() >>> 6);
      if (k !== 0) return k / TWO53;
    }
  }

  /** Standard normal variate (Box–Muller with portableMath log/sin/cos, so every engine gives the same bits; the second variate of each pair is cached). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    const r = Math.sqrt(-2 * log(this.uniform()));
    const theta = TWO_PI * this.uniform();
    this.spare = r * sin(theta);
    this.hasSpare = true;
    return r * cos(theta);
  }

  /** Unbiased uniform integer in [0, n) for an integer 1 ≤ n ≤ 2^53 (rejection sampling). */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO53) {
      throw new RangeError(`n must be an integer in [1, 2^53], got ${n}`);
    }
    if (n <= TWO32) {
      const limit = TWO32 - (TWO32 % n);
      for (;;) {
        const w = this.word();
        if (w < limit) return w % n;
      }
    }
    const limit = TWO53 - (TWO53 % n);
    for (;;) {
      const k = (this.word() >>> 5) * 67108864 + (this.word() >>> 6);
      if (k < limit) return k % n;
    }
  }

  /** True with probability `p` (p ≤ 0 never, p ≥ 1 always). */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }
}

/** Fills `out` with standard normals from the stream `(seed, participant, stream)` and returns it. */
export function fillNormal(
  seed: number,
  participant: number,
  stream: number,
  out: Float64Array,
): Float64Array {
  const rng = new RandomStream(seed, participant, stream);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal();
  return out;
}
