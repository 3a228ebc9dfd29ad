import { describe, expect, it } from "vitest";
import { RandomStream, fillNormal, hashName, philox4x32 } from "./random.js";

const TWO32 = 2 ** 32;

// Known-answer vectors for Philox4x32-10: the three "philox4x32 10" lines of Random123's
// tests/kat_vectors, as cut-and-pasted by D. E. Shaw Research into
// DEShawResearch/Random123-Boost, libs/random/test/test_philox.cpp (test_kat_philox4x32,
// commit 916db91ae4c6fd8324ef054a518851321ab41f91). Layout: counter[4], key[2] -> output[4].
const KAT: [number[], number[], number[]][] = [
  [
    [0x00000000, 0x00000000, 0x00000000, 0x00000000],
    [0x00000000, 0x00000000],
    [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
  ],
  [
    [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    [0xffffffff, 0xffffffff],
    [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
  ],
  [
    [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    [0xa4093822, 0x299f31d0],
    [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
  ],
];

function philox(c: number[], k: number[]): number[] {
  const out = new Uint32Array(4);
  philox4x32(c[0], c[1], c[2], c[3], k[0], k[1], out);
  return [...out];
}

function words(rng: RandomStream, n: number): number[] {
  return Array.from({ length: n }, () => rng.int(TWO32));
}

function uniforms(rng: RandomStream, n: number): number[] {
  return Array.from({ length: n }, () => rng.uniform());
}

function moments(xs: Float64Array): {
  mean: number;
  variance: number;
  skew: number;
  kurtosis: number;
} {
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= xs.length;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d = x - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= xs.length;
  m3 /= xs.length;
  m4 /= xs.length;
  return { mean, variance: m2, skew: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

describe("philox4x32", () => {
  it.each(KAT)("matches Random123 kat_vectors philox4x32 10 line %#", (c, k, expected) => {
    expect(philox(c, k)).toEqual(expected);
  });

  it("reduces arguments modulo 2^32", () => {
    expect(philox([-1, -1, -1, -1], [-1, -1])).toEqual(KAT[1][2]);
  });
});

describe("hashName", () => {
  it("matches the published FNV-1a 32-bit vectors", () => {
    expect(hashName("")).toBe(0x811c9dc5);
    expect(hashName("a")).toBe(0xe40c292c);
    expect(hashName("foobar")).toBe(0xbf9cf968);
  });

  it("hashes UTF-8 bytes, not UTF-16 code units", () => {
    // Expected values from an independent Python FNV-1a over str.encode("utf-8").
    expect(hashName("é")).toBe(0x1e9de8c1);
    expect(hashName("naïve→")).toBe(0x021df45f);
  });
});

describe("RandomStream", () => {
  it("emits Philox blocks keyed by the seed words with counter (block lo, block hi, participant, stream)", () => {
    const seed = 7 * TWO32 + 123;
    const rng = new RandomStream(seed, 5, 99);
    expect(words(rng, 8)).toEqual([
      ...philox([0, 0, 5, 99], [123, 7]),
      ...philox([1, 0, 5, 99], [123, 7]),
    ]);
  });

  it("seeks to any 64-bit block index and carries into the high word", () => {
    const rng = new RandomStream(1, 2, 3);
    rng.seek(TWO32 + 4);
    expect(words(rng, 4)).toEqual(philox([4, 1, 2, 3], [1, 0]));
    rng.seek(TWO32 - 1);
    expect(words(rng, 8)).toEqual([
      ...philox([TWO32 - 1, 0, 2, 3], [1, 0]),
      ...philox([0, 1, 2, 3], [1, 0]),
    ]);
  });

  it("seek(0) replays the stream from the start, including normals", () => {
    const rng = new RandomStream(11, 0, 0);
    const first = [rng.normal(), rng.normal(), rng.normal()];
    rng.seek(0);
    expect([rng.normal(), rng.normal(), rng.normal()]).toEqual(first);
  });

  it("is deterministic for a triple and differs across seed, participant and stream", () => {
    const draw = (seed: number, p: number, s: number) => uniforms(new RandomStream(seed, p, s), 64);
    const base = draw(42, 1, 2);
    expect(draw(42, 1, 2)).toEqual(base);
    for (const other of [draw(43, 1, 2), draw(42 + TWO32, 1, 2), draw(42, 2, 2), draw(42, 1, 3)]) {
      expect(other.some((x, i) => x !== base[i])).toBe(true);
    }
  });

  it("does not depend on creation order or on draws taken from other streams", () => {
    const alone = uniforms(new RandomStream(9, 1, hashName("traits")), 20);
    const noise = new RandomStream(9, 2, hashName("traits"));
    uniforms(noise, 1001);
    const a = new RandomStream(9, 1, hashName("traits"));
    const b = new RandomStream(9, 1, hashName("adherence"));
    const interleaved: number[] = [];
    for (let i = 0; i < 20; i++) {
      interleaved.push(a.uniform());
      uniforms(b, i);
      noise.normal();
    }
    expect(interleaved).toEqual(alone);
  });

  it("accepts the full seed range and rejects invalid identifiers", () => {
    expect(() =>
      new RandomStream(Number.MAX_SAFE_INTEGER, TWO32 - 1, TWO32 - 1).uniform(),
    ).not.toThrow();
    for (const [seed, p, s] of [
      [-1, 0, 0],
      [2 ** 53, 0, 0],
      [1.5, 0, 0],
      [0, TWO32, 0],
      [0, -1, 0],
      [0, 0, 0.5],
      [0, 0, NaN],
    ]) {
      expect(() => new RandomStream(seed, p, s)).toThrow(RangeError);
    }
  });

  it("draws uniforms strictly inside (0, 1) at 53-bit resolution", () => {
    const rng = new RandomStream(2024, 0, 1);
    let min = 1;
    let max = 0;
    let offGrid = 0;
    let usesLowBit = false;
    for (let i = 0; i < 1e6; i++) {
      const u = rng.uniform();
      if (u < min) min = u;
      if (u > max) max = u;
      const k = u * 2 ** 53;
      if (!Number.isInteger(k)) offGrid++;
      if (k % 2 === 1) usesLowBit = true;
    }
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(offGrid).toBe(0);
    expect(usesLowBit).toBe(true);
  });

  it("has uniform mean 1/2 and variance 1/12 over 1e6 draws", () => {
    const rng = new RandomStream(7, 3, 4);
    const m = moments(Float64Array.from({ length: 1e6 }, () => rng.uniform()));
    // 5 standard errors: sd(mean) = 2.9e-4, sd(variance) = 7.5e-5.
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(1.5e-3);
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(4e-4);
  });

  it("passes a 100-bin chi-square uniformity test (seed 12345, 1e6 draws)", () => {
    const rng = new RandomStream(12345, 0, 0);
    const n = 1e6;
    const counts = new Array<number>(100).fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(rng.uniform() * 100)]++;
    const expected = n / 100;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // scipy.stats.chi2.ppf(0.001, 99) = 61.14 and chi2.ppf(0.999, 99) = 148.23.
    expect(chi2).toBeGreaterThan(61.14);
    expect(chi2).toBeLessThan(148.23);
  });

  it("draws standard normals with mean 0, variance 1, skewness 0 and kurtosis 3 over 1e6 draws", () => {
    const m = moments(fillNormal(31, 7, hashName("traits"), new Float64Array(1e6)));
    // 5 standard errors: sd(mean) = 1e-3, sd(var) = 1.4e-3, sd(skew) = 2.4e-3, sd(kurt) = 4.9e-3.
    expect(Math.abs(m.mean)).toBeLessThan(5e-3);
    expect(Math.abs(m.variance - 1)).toBeLessThan(7e-3);
    expect(Math.abs(m.skew)).toBeLessThan(1.25e-2);
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(2.5e-2);
  });

  it("fillNormal reproduces the stream's normal() sequence", () => {
    const rng = new RandomStream(5, 6, 7);
    const expected = Array.from({ length: 9 }, () => rng.normal());
    expect([...fillNormal(5, 6, 7, new Float64Array(9))]).toEqual(expected);
  });

  it("draws unbiased integers in [0, n)", () => {
    const rng = new RandomStream(8, 0, 0);
    const counts = new Array<number>(6).fill(0);
    const n = 600_000;
    for (let i = 0; i < n; i++) counts[rng.int(6)]++;
    const chi2 = counts.reduce((sum, c) => sum + (c - n / 6) ** 2 / (n / 6), 0);
    expect(chi2).toBeLessThan(20.52); // scipy.stats.chi2.ppf(0.999, 5)
    for (let i = 0; i < 1000; i++) {
      expect(rng.int(1)).toBe(0);
      const big = rng.int(2 ** 40 + 3);
      expect(Number.isInteger(big) && big >= 0 && big < 2 ** 40 + 3).toBe(true);
    }
    for (const bad of [0, -3, 2.5, 2 ** 53 + 2, NaN])
      expect(() => rng.int(bad)).toThrow(RangeError);
  });

  it("draws Bernoulli trials with probability p", () => {
    const rng = new RandomStream(13, 0, 0);
    let hits = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) if (rng.bernoulli(0.3)) hits++;
    expect(Math.abs(hits / n - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / n));
    for (let i = 0; i < 1000; i++) {
      expect(rng.bernoulli(0)).toBe(false);
      expect(rng.bernoulli(1)).toBe(true);
    }
  });
});

describe("RandomStream.substream", () => {
  it("gives distinct uint32 ids for every index below 2^20 within a family", () => {
    const ids = new Set<number>();
    let notUint32 = 0;
    for (let day = 0; day < 2 ** 20; day++) {
      const id = RandomStream.substream("adherence", day);
      if (id !== id >>> 0) notUint32++;
      ids.add(id);
    }
    expect(notUint32).toBe(0);
    expect(ids.size).toBe(2 ** 20);
  });

  it("separates families by name and rejects out-of-range indices", () => {
    expect(RandomStream.substream("adherence", 3)).not.toBe(RandomStream.substream("traits", 3));
    expect(RandomStream.substream("adherence", 3)).toBe(RandomStream.substream("adherence", 3));
    for (const bad of [-1, 2 ** 20, 1.5]) {
      expect(() => RandomStream.substream("adherence", bad)).toThrow(RangeError);
    }
  });
});
