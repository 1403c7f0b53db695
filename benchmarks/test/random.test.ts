import { describe, expect, it } from 'vitest';
import { deriveSeed, SeededRandom } from '@featurescope/test-utils';
import { ZipfSampler } from '../src/random/zipf.js';

const draw = (seed: number, count: number): number[] => {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => random.next());
};

describe('SeededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another seed', () => {
    expect(draw(42, 1000)).toEqual(draw(42, 1000));
    expect(draw(42, 10)).not.toEqual(draw(43, 10));
  });

  it('is uniform on [0, 1): mean, range and a 10-bin chi-squared test', () => {
    const values = draw(7, 100_000);
    const bins = new Array<number>(10).fill(0);
    for (const v of values) bins[Math.floor(v * 10)]!++;
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((s, v) => s + v, 0) / values.length).toBeCloseTo(0.5, 2);
    const chi2 = bins.reduce((s, observed) => s + (observed - 10_000) ** 2 / 10_000, 0);
    // 9 degrees of freedom: the 99.9 % critical value is 27.88.
    expect(chi2).toBeLessThan(27.88);
  });

  it('draws integers below the bound', () => {
    const random = new SeededRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(random.nextInt(5));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('derives distinct, stable seeds per stream', () => {
    expect(deriveSeed(1, 2, 3)).toBe(deriveSeed(1, 2, 3));
    expect(new Set([deriveSeed(1, 0, 0), deriveSeed(1, 0, 1), deriveSeed(1, 1, 0), deriveSeed(2, 0, 0)]).size).toBe(4);
  });

  it('rejects a non-finite seed', () => {
    expect(() => new SeededRandom(Number.NaN)).toThrow(TypeError);
  });
});

describe('ZipfSampler', () => {
  it('is deterministic for a seed', () => {
    const zipf = new ZipfSampler(1000, 0.99);
    const a = new SeededRandom(9);
    const b = new SeededRandom(9);
    for (let i = 0; i < 1000; i++) expect(zipf.sample(a)).toBe(zipf.sample(b));
  });

  it.each([0.5, 0.8, 1.2])('follows P(k) ∝ 1/(k+1)^%s (chi-squared over the head, rank ratio)', (s) => {
    const n = 200;
    const draws = 200_000;
    const zipf = new ZipfSampler(n, s);
    const random = new SeededRandom(123);
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < draws; i++) counts[zipf.sample(random)]!++;
    // Probabilities sum to one and follow the power law exactly.
    let total = 0;
    for (let k = 0; k < n; k++) total += zipf.probability(k);
    expect(total).toBeCloseTo(1, 12);
    expect(zipf.probability(0) / zipf.probability(1)).toBeCloseTo(2 ** s, 10);
    // Observed frequencies: chi-squared over the 20 hottest ranks plus the tail as one bin (20 df).
    let chi2 = 0;
    let tailObserved = draws;
    let tailExpected = draws;
    for (let k = 0; k < 20; k++) {
      const expected = draws * zipf.probability(k);
      chi2 += (counts[k]! - expected) ** 2 / expected;
      tailObserved -= counts[k]!;
      tailExpected -= expected;
    }
    chi2 += (tailObserved - tailExpected) ** 2 / tailExpected;
    // 20 degrees of freedom: the 99.9 % critical value is 45.31.
    expect(chi2).toBeLessThan(45.31);
    // Log-log slope between ranks 1 and 10 is about −s.
    const slope = (Math.log(counts[9]!) - Math.log(counts[0]!)) / Math.log(10);
    expect(slope).toBeGreaterThan(-s - 0.1);
    expect(slope).toBeLessThan(-s + 0.1);
  });

  it('rejects exponents outside 0.5–1.2 and empty domains', () => {
    expect(() => new ZipfSampler(10, 0.4)).toThrow(RangeError);
    expect(() => new ZipfSampler(10, 1.3)).toThrow(RangeError);
    expect(() => new ZipfSampler(0, 1)).toThrow(RangeError);
  });
});
