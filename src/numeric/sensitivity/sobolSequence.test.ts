import { describe, expect, it } from "vitest";
import { SOBOL_MAX_DIMENSION, SobolSequence, sobolPoints } from "./sobolSequence.js";

/**
 * Known answers computed offline with SciPy 1.17.1 (Joe–Kuo new-joe-kuo-6.21201):
 *   P = scipy.stats.qmc.Sobol(d=21, scramble=False).random(1003)
 *   FIRST8 = (P[:8] * 8).astype(int)            # the first 8 points, in units of 1/8
 *   AT1000 = (P[1000:1003] * 2**30).astype(int)  # points 1000..1002, in units of 2^-30
 */
const FIRST8 = [
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4],
  [6, 2, 2, 2, 6, 6, 2, 6, 6, 6, 6, 6, 2, 2, 6, 2, 6, 2, 6, 2, 2],
  [2, 6, 6, 6, 2, 2, 6, 2, 2, 2, 2, 2, 6, 6, 2, 6, 2, 6, 2, 6, 6],
  [3, 3, 5, 7, 3, 1, 3, 7, 7, 5, 7, 3, 3, 5, 3, 7, 3, 7, 7, 1, 1],
  [7, 7, 1, 3, 7, 5, 7, 3, 3, 1, 3, 7, 7, 1, 7, 3, 7, 3, 3, 5, 5],
  [5, 1, 7, 5, 5, 7, 1, 1, 1, 3, 1, 5, 1, 7, 5, 5, 5, 5, 1, 3, 3],
  [1, 5, 3, 1, 1, 3, 5, 5, 5, 7, 5, 1, 5, 3, 1, 1, 1, 1, 5, 7, 7],
];
const AT1000 = [
  [
    235929600, 103809024, 556793856, 726663168, 300941312, 974127104, 49283072, 965738496,
    537919488, 74448896, 91226112, 273678336, 173015040, 412090368, 154140672, 397410304, 772800512,
    370147328, 1064304640, 779091968, 560988160,
  ],
  [
    772800512, 640679936, 19922944, 189792256, 837812224, 437256192, 586153984, 428867584, 1048576,
    611319808, 628097024, 810549248, 709885952, 948961280, 691011584, 934281216, 235929600,
    907018240, 527433728, 242221056, 24117248,
  ],
  [
    1041235968, 372244480, 825229312, 995098624, 569376768, 168820736, 317718528, 160432128,
    269484032, 879755264, 896532480, 542113792, 441450496, 143654912, 959447040, 128974848,
    504365056, 101711872, 258998272, 1047527424, 829423616,
  ],
];
/**
 * Checksum over all 1111 dimensions, computed offline with SciPy 1.17.1:
 *   I = (Sobol(d=1111, scramble=False).random(1000) * 2**30).astype(int64)
 *   cs = (I * (arange(1000) % 13 + 1)[:, None]).sum(axis=0)
 *   sum((int(c) % 1000003) * (j + 1) for j, c in enumerate(cs))  ->  322753191369
 *   cs[0] -> 3756680806400, cs[-1] -> 3771809660928
 */
const CHECKSUM = { total: 322753191369, first: 3756680806400, last: 3771809660928 };

describe("SobolSequence", () => {
  it("supports at least the 1111 Joe–Kuo dimensions embedded", () => {
    expect(SOBOL_MAX_DIMENSION).toBe(1111);
    expect(() => new SobolSequence(SOBOL_MAX_DIMENSION + 1)).toThrow(RangeError);
    expect(() => new SobolSequence(0)).toThrow(RangeError);
  });

  it("reproduces the first 8 points in 21 dimensions (SciPy, unscrambled)", () => {
    const pts = sobolPoints(8, 21);
    FIRST8.forEach((row, i) => row.forEach((v, d) => expect(pts[i * 21 + d]).toBe(v / 8)));
  });

  it("reproduces points 1000..1002 exactly, sequentially and by seeking", () => {
    const seq = new SobolSequence(21);
    const out = new Float64Array(21);
    for (let i = 0; i < 1000; i++) seq.next(out);
    const viaSeek = sobolPoints(3, 21, 1000);
    AT1000.forEach((row, i) => {
      seq.next(out);
      row.forEach((v, d) => {
        expect(out[d]).toBe(v / 2 ** 30);
        expect(viaSeek[i * 21 + d]).toBe(v / 2 ** 30);
      });
    });
    expect(seq.index).toBe(1003);
  });

  it("matches a SciPy checksum over all 1111 dimensions", () => {
    const d = SOBOL_MAX_DIMENSION;
    const pts = sobolPoints(1000, d);
    const cs = new Float64Array(d);
    for (let i = 0; i < 1000; i++) {
      const w = (i % 13) + 1;
      for (let j = 0; j < d; j++) cs[j] += pts[i * d + j] * 2 ** 30 * w;
    }
    let total = 0;
    cs.forEach((c, j) => (total += (c % 1000003) * (j + 1)));
    expect(cs[0]).toBe(CHECKSUM.first);
    expect(cs[d - 1]).toBe(CHECKSUM.last);
    expect(total).toBe(CHECKSUM.total);
  });

  it("balances every coordinate over a block of 2^m points", () => {
    const n = 64;
    const d = 40;
    const pts = sobolPoints(n, d, n); // points 64..127: a block of 2^6, origin excluded
    for (let j = 0; j < d; j++) {
      const seen = new Set<number>();
      for (let i = 0; i < n; i++) seen.add(Math.floor(pts[i * d + j] * n));
      expect(seen.size).toBe(n);
    }
  });
});
