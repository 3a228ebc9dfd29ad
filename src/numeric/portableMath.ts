/**
 * Portable elementary functions: `exp`, `expm1`, `log`, `log1p`, `pow`, `sin`, `cos`, `tanh`
 * that give the same bits in every JavaScript engine.
 *
 * Why: ECMAScript leaves the accuracy of `Math.exp`, `Math.log`, `Math.pow`, `Math.sin`, … to
 * the implementation, and V8 versions differ in their last bit on a few percent of arguments
 * (Node 20 and Chromium 156 disagree on ~8% of random `exp` arguments), so a seed gave
 * different bytes in Node and in the browser. These functions use only operations IEEE 754
 * and ECMAScript define exactly (`+ - * /`, `Math.sqrt`, comparisons, integer bit operations,
 * reading/writing the words of a double through a typed-array view, BigInt for the rare huge
 * trigonometric argument), so every engine computes the same result.
 *
 * Algorithms: `exp` is table-driven after musl's `exp.c` (2^(j/128) table computed at load
 * time with BigInt; no division, as fast as V8's Math.exp inside the kernels); the others are
 * ports of Sun's fdlibm 5.3 (as also found in FreeBSD msun and V8's `base/ieee754.cc`),
 * restructured for JavaScript: `e_exp.c` (exp for |x| > 707), `s_expm1.c`, `e_log.c`,
 * `e_pow.c`, `k_sin.c`, `k_cos.c`, `e_rem_pio2.c`, `s_sin.c`, `s_cos.c`, `s_tanh.c`. Changes:
 * scaling by 2^k multiplies by an exact power of two (same result as fdlibm's exponent-word
 * addition, with one rounding when subnormal); `pow` follows ECMAScript (`pow(±1, ±∞)` and
 * `pow(1, NaN)` are NaN, `pow(NaN, ±0)` is 1); arguments of `sin`/`cos` with
 * |x| ≥ 2^20·π/2 are reduced exactly with BigInt (Payne–Hanek with a 1280-bit 2/π computed
 * once by Machin's formula) instead of fdlibm's `__kernel_rem_pio2`; `log1p` is the
 * corrected `log(1+x)` of Goldberg (1991, Theorem 4 with the exact rounding-error term).
 *
 * Accuracy (measured in portableMath.test.ts on 10^5 random arguments per range against
 * Node 20's Math.*, which is fdlibm): `log`, `expm1`, `sin`, `cos`, `tanh` give Node 20's
 * bits exactly for |x| < 2^20·π/2 (sin/cos) and ≤ 1 ulp beyond; `pow` ≤ 1 ulp (fdlibm
 * e_pow.c; differs from V8's in the last bit on ~4% of arguments, each correct about half
 * the time); `exp` ≤ 1 ulp and correctly rounded on 99.9% of arguments against a 200-bit
 * reference (fdlibm: 90%); `log1p` ≤ 1 ulp measured (≤ 2 ulp bound). Results are
 * deterministic, not always correctly rounded.
 */

const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);
/** Index of the high (sign/exponent) word of a double in {@link I32} on this platform. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** High 32 bits of `x` (sign, exponent, top 20 fraction bits) as a signed int. */
function highWord(x: number): number {
  F64[0] = x;
  return I32[HI];
}

/** Low 32 bits of `x` as a signed int. */
function lowWord(x: number): number {
  F64[0] = x;
  return I32[LO];
}

/** The double whose high and low words are `hi` and `lo`. */
function fromWords(hi: number, lo: number): number {
  I32[HI] = hi;
  I32[LO] = lo;
  return F64[0];
}

/** `x` with its low 32 bits cleared (fdlibm's `SET_LOW_WORD(x, 0)`). */
function clearLow(x: number): number {
  F64[0] = x;
  I32[LO] = 0;
  return F64[0];
}

/** 2^k for k in [-1074, 1023], exact. */
const POW2 = new Float64Array(1074 + 1024);
{
  let v = 1;
  for (let k = 0; k <= 1023; k++, v *= 2) POW2[1074 + k] = v;
  v = 1;
  for (let k = 0; k >= -1074; k--, v /= 2) POW2[1074 + k] = v;
}
const TWO_M1000 = POW2[1074 - 1000];

/** y·2^k with one rounding (fdlibm's exponent-word addition or `scalbn`), for y in [0.5, 2). */
function scale2(y: number, k: number): number {
  if (k > 1023) return y * 2 * POW2[1074 + k - 1];
  if (k >= -1021) return y * POW2[1074 + k];
  return y * POW2[1074 + k + 1000] * TWO_M1000;
}

// ---- exp (e_exp.c) ---------------------------------------------------------------------

const LN2_HI = fromWords(0x3fe62e42, 0xfee00000 | 0);
const LN2_LO = fromWords(0x3dea39ef, 0x35793c76);
const INV_LN2 = fromWords(0x3ff71547, 0x652b82fe);
const EXP_P1 = fromWords(0x3fc55555, 0x5555553e);
const EXP_P2 = fromWords(0xbf66c16c | 0, 0x16bebd93);
const EXP_P3 = fromWords(0x3f11566a, 0xaf25de2c | 0);
const EXP_P4 = fromWords(0xbebbbd41 | 0, 0xc5d26bf1 | 0);
const EXP_P5 = fromWords(0x3e663769, 0x72bea4d0);
const O_THRESHOLD = fromWords(0x40862e42, 0xfefa39ef | 0); // 709.78…
const U_THRESHOLD = fromWords(0xc0874910 | 0, 0xd52d3051 | 0); // -745.13…
// Bounds on |x| that fdlibm tests on the high word only (high word ≥ w ⇔ |x| ≥ fromWords(w, 0)).
const EXP_BIG = fromWords(0x40862e42, 0);
const HALF_LN2_UP = fromWords(0x3fd62e43, 0); // |x| > 0.5 ln2 (high word)
const THREE_HALF_LN2 = fromWords(0x3ff0a2b2, 0); // |x| < 1.5 ln2 (high word)
const TWO_M28 = fromWords(0x3e300000, 0);
const E = fromWords(0x4005bf0a, 0x8b145769 | 0); // Math.E

/**
 * e^x by fdlibm `e_exp.c` (x = k·ln2 + r with |r| ≤ ln2/2, a degree-5 Remez polynomial for
 * the rational form of e^r, then ·2^k), error < 1 ulp: {@link exp}'s path for |x| > 707,
 * NaN and ±∞, where over/underflow and subnormal results need its care.
 */
function expFdlibm(x: number): number {
  if (x === 1) return E; // fdlibm gives e + 1 ulp; V8 and this module return Math.E exactly
  const ax = x < 0 ? -x : x;
  if (!(ax < EXP_BIG)) {
    if (x !== x) return x + x;
    if (ax === Infinity) return x > 0 ? x : 0;
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  let hi = 0,
    lo = 0,
    k = 0;
  if (ax >= HALF_LN2_UP) {
    if (ax < THREE_HALF_LN2) {
      if (x > 0) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI; // exact: k·LN2_HI has 32 + 11 bits
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < TWO_M28) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (EXP_P1 + t * (EXP_P2 + t * (EXP_P3 + t * (EXP_P4 + t * EXP_P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  return scale2(y, k);
}

// ---- exp, table-driven (after musl/ARM optimized-routines exp.c) -----------------------

const EXP_TABLE_BITS = 7;
const EXP_N = 1 << EXP_TABLE_BITS;
const EXP_B = 128n; // fixed-point bits of the table computation

/** Integer square root ⌊√n⌋ of a BigInt n ≥ 0 (Newton's method from above). */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * EXP_H[j] = 2^(j/N) rounded to nearest and EXP_T[j] = (2^(j/N) − EXP_H[j]) / EXP_H[j], for
 * j < N = 128, computed once with exact BigInt arithmetic (2^(1/N) by 7 square roots in
 * 128 + 32-bit fixed point), so the tables are the same in every engine.
 */
const { EXP_H, EXP_T } = ((): { EXP_H: Float64Array; EXP_T: Float64Array } => {
  const B = EXP_B + 32n;
  let root = 2n << B; // 2^(1/N) in fixed point: take √2 seven times
  for (let i = 0; i < EXP_TABLE_BITS; i++) root = isqrt(root << B);
  const H = new Float64Array(EXP_N);
  const T = new Float64Array(EXP_N);
  let f = 1n << B;
  const unit = POW2[1074 - Number(B)];
  for (let j = 0; j < EXP_N; j++) {
    const h = Number(f >> 32n) * POW2[1074 - Number(EXP_B)];
    // exact: h·2^B is an integer below 2^(B+1)
    const hFixed = BigInt(h * POW2[1074 + Number(B)]);
    H[j] = h;
    T[j] = (Number(f - hFixed) * unit) / h;
    f = (f * root) >> B;
  }
  return { EXP_H: H, EXP_T: T };
})();

const EXP_SHIFT = 6755399441055744; // 1.5·2^52: (z + SHIFT) − SHIFT rounds z to an integer
const EXP_INV_LN2_N = EXP_N * INV_LN2;
const EXP_LN2_N_HI = LN2_HI / EXP_N; // 32 significant bits: k·EXP_LN2_N_HI is exact
const EXP_LN2_N_LO = LN2_LO / EXP_N;
const EXP_FAST = 707; // |x| ≤ 707 keeps 2^m·(1 + tmp) normal

/**
 * e^x, portable. For |x| ≤ 707: x = (m·N + j)·ln2/N + r with N = 128 and |r| ≤ ln2/(2N),
 * e^x = 2^m·2^(j/N)·e^r with 2^(j/N) from a table (value + relative tail) and e^r − 1 by its
 * degree-5 Taylor polynomial (truncation < 2^-60): the scheme of musl's exp.c (Szabolcs Nagy,
 * ARM optimized-routines), with tables computed at load time by exact integer arithmetic.
 * No division, one table look-up: about as fast as V8's Math.exp. Error ≤ 0.51 ulp (final
 * rounding plus ~2^-60 relative); elsewhere fdlibm's e_exp.c (< 1 ulp).
 * exp(NaN) = NaN, exp(+∞) = +∞, exp(-∞) = +0, overflow above 709.78 gives +∞, underflow
 * below -745.13 gives +0, exp(1) = Math.E.
 */
export function exp(x: number): number {
  if (!(x <= EXP_FAST && x >= -EXP_FAST)) return expFdlibm(x);
  const kd = x * EXP_INV_LN2_N + EXP_SHIFT - EXP_SHIFT;
  const ki = kd | 0;
  const r = x - kd * EXP_LN2_N_HI - kd * EXP_LN2_N_LO;
  const j = ki & (EXP_N - 1);
  const scale = EXP_H[j] * POW2[1074 + (ki >> EXP_TABLE_BITS)];
  const r2 = r * r;
  const tmp =
    EXP_T[j] +
    r +
    r2 * (0.5 + r * 0.16666666666666666) +
    r2 * r2 * (0.041666666666666664 + r * 0.008333333333333333);
  return scale + scale * tmp;
}

// ---- expm1 (s_expm1.c) -----------------------------------------------------------------

const EXPM1_Q1 = fromWords(0xbfa11111 | 0, 0x111110f4);
const EXPM1_Q2 = fromWords(0x3f5a01a0, 0x19fe5585);
const EXPM1_Q3 = fromWords(0xbf14ce19 | 0, 0x9eaadbb7 | 0);
const EXPM1_Q4 = fromWords(0x3ed0cfca, 0x86e65239 | 0);
const EXPM1_Q5 = fromWords(0xbe8afdb7 | 0, 0x6e09c32d);
const FIFTY_SIX_LN2 = fromWords(0x4043687a, 0);
const TWO_M54 = fromWords(0x3c900000, 0);

/**
 * e^x − 1, accurate near 0, portable (fdlibm `s_expm1.c`). Error < 1 ulp.
 * expm1(±0) = ±0, expm1(+∞) = +∞, expm1(-∞) = -1, expm1(NaN) = NaN.
 */
export function expm1(x: number): number {
  const ax = x < 0 ? -x : x;
  if (!(ax < FIFTY_SIX_LN2)) {
    if (x !== x) return x + x;
    if (ax === Infinity) return x > 0 ? x : -1;
    if (x > O_THRESHOLD) return Infinity;
    if (x < 0) return -1;
  }
  let k = 0,
    c = 0;
  if (ax >= HALF_LN2_UP) {
    let hi: number, lo: number;
    if (ax < THREE_HALF_LN2) {
      if (x > 0) {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      } else {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      }
    } else {
      k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (ax < TWO_M54) {
    return x;
  }
  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 =
    1 + hxs * (EXPM1_Q1 + hxs * (EXPM1_Q2 + hxs * (EXPM1_Q3 + hxs * (EXPM1_Q4 + hxs * EXPM1_Q5))));
  const t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) return x < -0.25 ? -2 * (e - (x + 0.5)) : 1 + 2 * (x - e);
  if (k <= -2 || k > 56) return scale2(1 - (e - x), k) - 1;
  if (k < 20) return scale2(1 - POW2[1074 - k] - (e - x), k);
  return scale2(x - (e + POW2[1074 - k]) + 1, k);
}

// ---- log (e_log.c) ---------------------------------------------------------------------

const TWO54 = fromWords(0x43500000, 0);
const LG1 = fromWords(0x3fe55555, 0x55555593);
const LG2 = fromWords(0x3fd99999, 0x9997fa04 | 0);
const LG3 = fromWords(0x3fd24924, 0x94229359 | 0);
const LG4 = fromWords(0x3fcc71c5, 0x1d8e78af);
const LG5 = fromWords(0x3fc74664, 0x96cb03de | 0);
const LG6 = fromWords(0x3fc39a09, 0xd078c69f | 0);
const LG7 = fromWords(0x3fc2f112, 0xdf3e5244 | 0);

/**
 * Natural logarithm, portable (fdlibm `e_log.c`: x = 2^k·(1+f) with √2/2 < 1+f < √2,
 * log(1+f) = 2s + s·R(s²) with s = f/(2+f) and a degree-14 Remez polynomial R). Error < 1 ulp.
 * log(±0) = -∞, log(x < 0) = NaN, log(+∞) = +∞, log(NaN) = NaN; subnormals are handled.
 */
export function log(x: number): number {
  let hx = highWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (x === 0) return -Infinity;
    if (hx < 0 || x !== x) return NaN;
    k -= 54;
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  F64[0] = x;
  I32[HI] = hx | (i ^ 0x3ff00000); // normalise x or x/2
  x = F64[0];
  k += i >> 20;
  const f = x - 1;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - R : dk * LN2_HI - (R - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0
      ? f - (hfsq - s * (hfsq + R))
      : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

/**
 * log(1 + x), accurate near 0, portable: u = 1 + x rounded, then log(u) − ((u − 1) − x)/u
 * (the exact rounding error of 1 + x, first-order corrected; Goldberg 1991). Error ≤ 2 ulp.
 * log1p(±0) = ±0, log1p(-1) = -∞, log1p(x < -1) = NaN, log1p(+∞) = +∞.
 */
export function log1p(x: number): number {
  const u = 1 + x;
  if (u === 1) return x;
  if (u === Infinity) return x === x ? Infinity : x;
  if (!(u > 0)) return u === 0 ? -Infinity : NaN;
  return log(u) - (u - 1 - x) / u;
}

// ---- pow (e_pow.c) ---------------------------------------------------------------------

const BP = [1, 1.5];
const DP_H = [0, fromWords(0x3fe2b803, 0x40000000)];
const DP_L = [0, fromWords(0x3e4cfdeb, 0x43cfd006)];
const TWO53 = fromWords(0x43400000, 0);
const POW_L1 = fromWords(0x3fe33333, 0x33333303);
const POW_L2 = fromWords(0x3fdb6db6, 0xdb6fabff | 0);
const POW_L3 = fromWords(0x3fd55555, 0x518f264d);
const POW_L4 = fromWords(0x3fd17460, 0xa91d4101 | 0);
const POW_L5 = fromWords(0x3fcd864a, 0x93c9db65 | 0);
const POW_L6 = fromWords(0x3fca7e28, 0x4a454eef);
const LG2_F = fromWords(0x3fe62e42, 0xfefa39ef | 0);
const LG2_H = fromWords(0x3fe62e43, 0);
const LG2_L = fromWords(0xbe205c61 | 0, 0x0ca86c39);
const OVT = 8.008566259537294e-17; // -(1024 - log2(overflow + 0.5 ulp))
const CP = fromWords(0x3feec709, 0xdc3a03fd | 0); // 2/(3 ln2)
const CP_H = fromWords(0x3feec709, 0xe0000000 | 0);
const CP_L = fromWords(0xbe3e2fe0 | 0, 0x145b01f5);
const IVLN2_H = fromWords(0x3ff71547, 0x60000000);
const IVLN2_L = fromWords(0x3e54ae0b, 0xf85ddf44 | 0);

/** log2|x| as t1 + t2 (t1 with 21 bits cleared), written by {@link log2Split}. */
let T1 = 0,
  T2 = 0;

/** Sets T1 + T2 = log2(ax) to ~2^-64 relative (fdlibm e_pow.c), for finite ax > 0. */
function log2Split(ax: number, ix: number): void {
  let n = 0;
  if (ix < 0x00100000) {
    ax *= TWO53;
    n -= 53;
    ix = highWord(ax);
  }
  n += (ix >> 20) - 0x3ff;
  const j = ix & 0x000fffff;
  ix = j | 0x3ff00000;
  let k: number;
  if (j <= 0x3988e) k = 0;
  else if (j < 0xbb67a) k = 1;
  else {
    k = 0;
    n += 1;
    ix -= 0x00100000;
  }
  ax = fromWords(ix, lowWord(ax));
  // ss = s_h + s_l = (x − 1)/(x + 1) or (x − 1.5)/(x + 1.5)
  let u = ax - BP[k];
  let v = 1 / (ax + BP[k]);
  const ss = u * v;
  const sH = clearLow(ss);
  let tH = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0);
  let tL = ax - (tH - BP[k]);
  const sL = v * (u - sH * tH - sH * tL);
  let s2 = ss * ss;
  let r =
    s2 *
    s2 *
    (POW_L1 + s2 * (POW_L2 + s2 * (POW_L3 + s2 * (POW_L4 + s2 * (POW_L5 + s2 * POW_L6)))));
  r += sL * (sH + ss);
  s2 = sH * sH;
  tH = clearLow(3 + s2 + r);
  tL = r - (tH - 3 - s2);
  u = sH * tH;
  v = sL * tH + tL * ss;
  const pH = clearLow(u + v);
  const pL = v - (pH - u);
  const zH = CP_H * pH;
  const zL = CP_L * pH + pL * CP + DP_L[k];
  const t = n;
  T1 = clearLow(zH + zL + DP_H[k] + t);
  T2 = zL - (T1 - t - DP_H[k] - zH);
}

/** Sets T1 + T2 = log2(ax) for |1 − ax| ≤ 2^-20 by the series (fdlibm, |y| > 2^31 branch). */
function log2NearOne(ax: number): void {
  const t = ax - 1;
  const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
  const u = IVLN2_H * t;
  const v = t * IVLN2_L - w * INV_LN2;
  T1 = clearLow(u + v);
  T2 = v - (T1 - u);
}

/** s·2^(y·(T1 + T2)) with over/underflow to s·∞ / s·0 (fdlibm e_pow.c, second half). */
function exp2Product(y: number, s: number): number {
  const y1 = clearLow(y);
  const pL = (y - y1) * T1 + y * T2;
  let pH = y1 * T1;
  let z = pL + pH;
  const j = highWord(z);
  const i = lowWord(z);
  if (j >= 0x40900000) {
    if (((j - 0x40900000) | i) !== 0 || pL + OVT > z - pH) return s * Infinity;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    if (j !== (0xc090cc00 | 0) || i !== 0 || pL <= z - pH) return s * 0;
  }
  const ij = j & 0x7fffffff;
  let k = (ij >> 20) - 0x3ff;
  let n = 0;
  if (ij > 0x3fe00000) {
    // |z| > 0.5: n = round(z)
    n = (j + (0x00100000 >> (k + 1))) | 0;
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = clearLow(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2_F + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const tt = z * z;
  const t1 = z - tt * (EXP_P1 + tt * (EXP_P2 + tt * (EXP_P3 + tt * (EXP_P4 + tt * EXP_P5))));
  const r = (z * t1) / (t1 - 2) - (w + z * w);
  z = 1 - (r - z);
  return s * scale2(z, n);
}

/** 0 if y is not an integer, 1 if an odd integer, 2 if an even integer (y finite). */
function integerKind(y: number): number {
  if (Math.trunc(y) !== y) return 0;
  return y % 2 === 0 ? 2 : 1;
}

/** pow for x or y in {NaN, ±0, ±∞} or x = ±1 (ECMAScript Number::exponentiate). */
function powSpecial(x: number, y: number): number {
  if (y !== y || x !== x) return NaN;
  const ay = y < 0 ? -y : y;
  const ax = x < 0 ? -x : x;
  if (ay === Infinity) {
    if (ax === 1) return NaN;
    return ax > 1 === y > 0 ? Infinity : 0;
  }
  const odd = integerKind(y) === 1;
  if (x === 0 || ax === Infinity) {
    // |x|^y is 0 or ∞; the sign is x's for an odd integer y
    const big = (x === 0) === y < 0;
    const neg = odd && (x < 0 || Object.is(x, -0));
    return big ? (neg ? -Infinity : Infinity) : neg ? -0 : 0;
  }
  // x = ±1, y finite
  if (x > 0) return 1;
  return integerKind(y) === 0 ? NaN : odd ? -1 : 1;
}

/**
 * x^y, portable (fdlibm `e_pow.c`: log2|x| in extra precision as t1 + t2, y split in two,
 * then 2^(y·log2|x|) with the exp kernel). Error < 1 ulp (fdlibm: "always returns the correct
 * integer provided it is representable"). Special cases follow ECMAScript, which differs from
 * C99: pow(x, ±0) = 1 even for NaN x, pow(±1, ±∞) = NaN, pow(1, NaN) = NaN.
 */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  const ax = x < 0 ? -x : x;
  const ay = y < 0 ? -y : y;
  if (!(ax > 0 && ax < Infinity && ay < Infinity) || ax === 1) return powSpecial(x, y);
  if (y === 1) return x;
  if (y === -1) return 1 / x;
  if (y === 2) return x * x;
  if (y === 0.5 && x > 0) return Math.sqrt(x);
  let s = 1;
  if (x < 0) {
    const kind = integerKind(y);
    if (kind === 0) return NaN;
    if (kind === 1) s = -1;
  }
  const ix = highWord(ax);
  if (ay > 2147483648) {
    // |y| > 2^31: over/underflows unless x is within 2^-20 of 1
    if (ix < 0x3fefffff) return y < 0 ? s * Infinity : s * 0;
    if (ix > 0x3ff00000) return y > 0 ? s * Infinity : s * 0;
    log2NearOne(ax);
  } else log2Split(ax, ix);
  return exp2Product(y, s);
}

// ---- sin, cos (k_sin.c, k_cos.c, e_rem_pio2.c) ------------------------------------------

const S1 = fromWords(0xbfc55555 | 0, 0x55555549);
const S2 = fromWords(0x3f811111, 0x1110f8a6);
const S3 = fromWords(0xbf2a01a0 | 0, 0x19c161d5);
const S4 = fromWords(0x3ec71de3, 0x57b1fe7d);
const S5 = fromWords(0xbe5ae5e6 | 0, 0x8a2b9ceb | 0);
const S6 = fromWords(0x3de5d93a, 0x5acfd57c);
const C1 = fromWords(0x3fa55555, 0x5555554c);
const C2 = fromWords(0xbf56c16c | 0, 0x16c15177);
const C3 = fromWords(0x3efa01a0, 0x19cb1590);
const C4 = fromWords(0xbe927e4f | 0, 0x809c52ad | 0);
const C5 = fromWords(0x3e21ee9e, 0xbdb4b1c4 | 0);
const C6 = fromWords(0xbda8fae9 | 0, 0xbe8838d4 | 0);
const TWO_M27 = fromWords(0x3e400000, 0);
const COS_SMALL = fromWords(0x3fd33333, 0); // |x| < 0.3 (high word)
const COS_BIG = fromWords(0x3fe90001, 0); // |x| > 0.78125 (high word)

/** sin(x + y) for |x| ≤ π/4, y the tail of x (fdlibm __kernel_sin; iy = 0 when y = 0). */
function kernelSin(x: number, y: number, iy: number): number {
  if ((x < 0 ? -x : x) < TWO_M27) return x;
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** cos(x + y) for |x| ≤ π/4 (fdlibm __kernel_cos). */
function kernelCos(x: number, y: number): number {
  const ax = x < 0 ? -x : x;
  if (ax < TWO_M27) return 1;
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ax < COS_SMALL) return 1 - (0.5 * z - (z * r - x * y));
  const qx = ax >= COS_BIG ? 0.28125 : fromWords(highWord(ax) - 0x00200000, 0);
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

const INV_PIO2 = fromWords(0x3fe45f30, 0x6dc9c883);
const PIO2_1 = fromWords(0x3ff921fb, 0x54400000);
const PIO2_1T = fromWords(0x3dd0b461, 0x1a626331);
const PIO2_2 = fromWords(0x3dd0b461, 0x1a600000);
const PIO2_2T = fromWords(0x3ba3198a, 0x2e037073);
const PIO2_3 = fromWords(0x3ba3198a, 0x2e000000);
const PIO2_3T = fromWords(0x397b839a, 0x252049c1);
const PIO2_H = fromWords(0x3ff921fb, 0x54442d18);
const PIO2_L = fromWords(0x3c91a626, 0x33145c07);
const PIO4_UP = fromWords(0x3fe921fc, 0); // |x| ≤ ~π/4 (high word ≤ 0x3fe921fb)
const THREE_PIO4 = fromWords(0x4002d97c, 0);
const MEDIUM = fromWords(0x413921fc, 0); // |x| ≤ ~2^20·π/2

/** x − n·π/2 = Y0 + Y1 (|Y0| ≤ π/4), written by {@link remPio2}. */
let Y0 = 0,
  Y1 = 0;

/** Reduces finite x modulo π/2 into Y0 + Y1 and returns n (fdlibm e_rem_pio2.c). */
function remPio2(x: number): number {
  const ax = x < 0 ? -x : x;
  if (ax < THREE_PIO4) {
    const sign = x > 0 ? 1 : -1;
    let z = ax - PIO2_1;
    if (highWord(ax) !== 0x3ff921fb) {
      Y0 = z - PIO2_1T;
      Y1 = z - Y0 - PIO2_1T;
    } else {
      // near π/2: 33 + 33 + 53 bits of π
      z -= PIO2_2;
      Y0 = z - PIO2_2T;
      Y1 = z - Y0 - PIO2_2T;
    }
    Y0 *= sign;
    Y1 *= sign;
    return sign;
  }
  const n = ax < MEDIUM ? remPio2Medium(ax) : remPio2Huge(ax);
  if (x < 0) {
    Y0 = -Y0;
    Y1 = -Y1;
    return -n;
  }
  return n;
}

/** Cody–Waite reduction of 3π/4 ≤ t < 2^20·π/2 with up to 3 × 33 bits of π/2. */
function remPio2Medium(t: number): number {
  const n = (t * INV_PIO2 + 0.5) | 0;
  const fn = n;
  let r = t - fn * PIO2_1;
  let w = fn * PIO2_1T; // good to 85 bits
  const j = highWord(t) >> 20;
  Y0 = r - w;
  if (j - ((highWord(Y0) >> 20) & 0x7ff) > 16) {
    // cancellation: second iteration, good to 118 bits
    let u = r;
    w = fn * PIO2_2;
    r = u - w;
    w = fn * PIO2_2T - (u - r - w);
    Y0 = r - w;
    if (j - ((highWord(Y0) >> 20) & 0x7ff) > 49) {
      // third iteration, 151 bits
      u = r;
      w = fn * PIO2_3;
      r = u - w;
      w = fn * PIO2_3T - (u - r - w);
      Y0 = r - w;
    }
  }
  Y1 = r - Y0 - w;
  return n;
}

const TWO_OVER_PI_BITS = 1280n;
let twoOverPiFixed: bigint | undefined;

/** floor(2/π · 2^1280), computed once with Machin's formula π = 16 atan(1/5) − 4 atan(1/239). */
function twoOverPi(): bigint {
  if (twoOverPiFixed === undefined) {
    const P = TWO_OVER_PI_BITS + 64n;
    const one = 1n << P;
    const atanInv = (m: bigint): bigint => {
      let sum = 0n;
      let term = one / m;
      const m2 = m * m;
      for (let k = 1n, sign = 1n; term !== 0n; k += 2n, sign = -sign, term /= m2)
        sum += (sign * term) / k;
      return sum;
    };
    const pi = 16n * atanInv(5n) - 4n * atanInv(239n);
    twoOverPiFixed = ((2n * one) << TWO_OVER_PI_BITS) / pi;
  }
  return twoOverPiFixed;
}

/** a·b − fl(a·b), exact (Dekker's product without FMA; |a|, |b| well inside range). */
function productError(a: number, b: number, p: number): number {
  let c = 134217729 * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = 134217729 * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * Payne–Hanek reduction of t ≥ 2^20·π/2 (finite) with exact BigInt arithmetic: t = m·2^e,
 * m·floor(2/π·2^1280) gives n mod 4 and 128 bits of the fraction, times π/2 in double-double.
 */
function remPio2Huge(t: number): number {
  const e = ((highWord(t) >> 20) & 0x7ff) - 1075;
  const m = BigInt(t * POW2[1074 - e]); // the 53-bit integer significand
  const shift = TWO_OVER_PI_BITS - BigInt(e);
  const prod = m * twoOverPi();
  let n = Number((prod >> shift) & 3n);
  let frac = (prod & ((1n << shift) - 1n)) >> (shift - 128n);
  if (frac >= 1n << 127n) {
    frac -= 1n << 128n;
    n = (n + 1) & 3;
  }
  const hiPart = Number(frac);
  const fh = hiPart * POW2[1074 - 128];
  const fl = Number(frac - BigInt(hiPart)) * POW2[1074 - 128];
  const p = fh * PIO2_H;
  const err = productError(fh, PIO2_H, p) + (fh * PIO2_L + fl * PIO2_H);
  Y0 = p + err;
  Y1 = err - (Y0 - p);
  return n;
}

/** sin x, portable (fdlibm `s_sin.c`: reduction mod π/2, then k_sin/k_cos). Error < 1 ulp. sin(±0) = ±0, sin(±∞) = NaN. */
export function sin(x: number): number {
  if ((x < 0 ? -x : x) < PIO4_UP) return kernelSin(x, 0, 0);
  if (!(x - x === 0)) return NaN;
  const n = remPio2(x);
  switch (n & 3) {
    case 0:
      return kernelSin(Y0, Y1, 1);
    case 1:
      return kernelCos(Y0, Y1);
    case 2:
      return -kernelSin(Y0, Y1, 1);
    default:
      return -kernelCos(Y0, Y1);
  }
}

/** cos x, portable (fdlibm `s_cos.c`). Error < 1 ulp. cos(±0) = 1, cos(±∞) = NaN. */
export function cos(x: number): number {
  if ((x < 0 ? -x : x) < PIO4_UP) return kernelCos(x, 0);
  if (!(x - x === 0)) return NaN;
  const n = remPio2(x);
  switch (n & 3) {
    case 0:
      return kernelCos(Y0, Y1);
    case 1:
      return -kernelSin(Y0, Y1, 1);
    case 2:
      return -kernelCos(Y0, Y1);
    default:
      return kernelSin(Y0, Y1, 1);
  }
}

// ---- tanh (s_tanh.c) -------------------------------------------------------------------

const TWO_M55 = fromWords(0x3c800000, 0);

/**
 * Hyperbolic tangent, portable (fdlibm `s_tanh.c`, through {@link expm1}). Error < 1 ulp (fdlibm: < 2.5 ulp worst case,
 * < 1 ulp in tests). tanh(±0) = ±0, tanh(±∞) = ±1, tanh(NaN) = NaN.
 */
export function tanh(x: number): number {
  if (x !== x) return x;
  const ax = x < 0 ? -x : x;
  let z: number;
  if (ax < 22) {
    if (ax < TWO_M55) return x * (1 + x);
    if (ax >= 1) z = 1 - 2 / (expm1(2 * ax) + 2);
    else {
      const t = expm1(-2 * ax);
      z = -t / (t + 2);
    }
  } else z = 1;
  return x < 0 ? -z : z;
}

/**
 * The portable functions as one object. Generated kernels receive it as their `PM` parameter
 * and call `PM.exp(…)`, `PM.pow(…)`; `evaluateFormula` uses the same functions, so both give
 * the same bits.
 */
export const portableMath = Object.freeze({ exp, expm1, log, log1p, pow, sin, cos, tanh });

/** Type of {@link portableMath}. */
export type PortableMath = typeof portableMath;
