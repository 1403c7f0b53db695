import { describe, expect, it } from 'vitest';
import { BaselineFormatError, BaselineSampler, DEFAULT_CDF_RESOLUTION, EmpiricalCdf, RankBinner, baselineDocument, parseBaseline } from '../../src/index.js';
import { SeededRandom } from '@featurescope/test-utils';

const B = 20;

/** Counts of `draws` values binned against `cdf`; checks each bin is within 5 σ of n/B. */
function expectUniformBins(cdf: EmpiricalCdf, draw: () => number, draws = 100_000): void {
  const binner = new RankBinner(cdf, B, 3);
  const counts = new Float64Array(B);
  for (let i = 0; i < draws; i++) counts[binner.binOf(draw())]! += 1;
  const expected = draws / B;
  const sd = Math.sqrt(draws * (1 / B) * (1 - 1 / B));
  for (const c of counts) expect(Math.abs(c - expected)).toBeLessThanOrEqual(5 * sd);
}

describe('the probability-integral transform u = F_baseline(x)', () => {
  const random = new SeededRandom(2026);
  const poisson = (lambda: number) => {
    let k = 0;
    let p = Math.exp(-lambda);
    let s = p;
    const u = random.next();
    while (u > s) {
      k++;
      p *= lambda / k;
      s += p;
    }
    return k;
  };
  const binomial = (n: number, p: number) => {
    let k = 0;
    for (let i = 0; i < n; i++) if (random.next() < p) k++;
    return k;
  };

  it('is uniform for discrete features: ties are randomised inside the CDF jump (Poisson, Bin(5, p), powers of two)', () => {
    for (const draw of [() => poisson(3), () => binomial(5, 0.3), () => 2 ** Math.floor(random.next() * 4)]) {
      const baseline = Array.from({ length: 20_000 }, draw);
      const cdf = EmpiricalCdf.fromValues(baseline);
      // Draws from the baseline sample itself: exactly the baseline's distribution.
      expectUniformBins(cdf, () => baseline[Math.floor(random.next() * baseline.length)]!);
    }
  });

  it('is uniform for a feature constant in the baseline, and sends other values to the end bins', () => {
    const cdf = EmpiricalCdf.fromValues(new Array(500).fill(7));
    expectUniformBins(cdf, () => 7);
    const binner = new RankBinner(cdf, B);
    expect(binner.binOf(6.9)).toBe(0);
    expect(binner.binOf(7.1)).toBe(B - 1);
  });

  it('is uniform for continuous features at any offset and scale (N(1000, 1), LN(0, 2))', () => {
    for (const draw of [() => random.normal(1000, 1), () => Math.exp(random.normal(0, 2))]) {
      const cdf = EmpiricalCdf.fromValues(Array.from({ length: 50_000 }, draw));
      expectUniformBins(cdf, draw, 50_000);
    }
  });

  it('maps values outside the baseline range to u = 0 and u = 1 (bins 0 and B − 1)', () => {
    const cdf = EmpiricalCdf.fromValues(Array.from({ length: 1000 }, () => random.normal(0, 1)));
    const binner = new RankBinner(cdf, B);
    expect(cdf.transform(-1e6, 0.5)).toBe(0);
    expect(cdf.transform(1e6, 0.5)).toBe(1);
    expect(binner.binOf(-1e6)).toBe(0);
    expect(binner.binOf(1e4)).toBe(B - 1);
  });

  it('bins a value strictly between edges exactly as floor(F(x)·B) (fast path = full transform)', () => {
    const cdf = EmpiricalCdf.fromValues(Array.from({ length: 5000 }, () => Math.round(random.normal(0, 3) * 10) / 10));
    const binner = new RankBinner(cdf, B);
    for (let i = 0; i < 20_000; i++) {
      const x = random.normal(0, 4);
      if (binner.edges.includes(x) || cdf.x.includes(x)) continue;
      expect(binner.binOf(x)).toBe(Math.min(B - 1, Math.floor(cdf.transform(x, 0) * B)));
    }
  });
});

describe('the quantile table: resolution 1/K + 1/N in rank, everywhere', () => {
  it('holds in the low range of LN(0, 2.5) where a bounded log sketch collapses', () => {
    const random = new SeededRandom(25);
    const sorted = Float64Array.from({ length: 100_000 }, () => Math.exp(random.normal(0, 2.5))).sort();
    const n = sorted.length;
    const cdf = EmpiricalCdf.fromSorted(sorted);
    const bound = 1 / DEFAULT_CDF_RESOLUTION + 1 / n;
    const ecdf = (x: number) => {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid]! <= x) lo = mid + 1;
        else hi = mid;
      }
      return lo / n;
    };
    const levels = [1e-5, 1e-4, 1e-3, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 0.9, 0.99, 0.999];
    let worst = 0;
    for (const p of levels) {
      const q = cdf.quantile(p);
      worst = Math.max(worst, Math.abs(ecdf(q) - p));
      // And the CDF at sample points of the low range (values ~1e-6..1e-3).
      const x = sorted[Math.floor(p * (n - 1))]!;
      worst = Math.max(worst, Math.abs(cdf.transform(x, 0.5) - ecdf(x)));
    }
    expect(sorted[Math.floor(1e-3 * n)]!).toBeLessThan(1e-3);
    expect(worst).toBeLessThanOrEqual(bound);
  });
});

describe('the baseline artifact', () => {
  const build = (values: number[]) => {
    const sampler = new BaselineSampler();
    for (const v of values) sampler.add(v);
    sampler.add(null);
    sampler.add(Number.NaN);
    return baselineDocument([sampler.build('txn', 'amount')!], [], { startMs: 0, endMs: 1000 });
  };

  it('round-trips through JSON with a stable content-hash id, mean, σ and counts', () => {
    const doc = build([1, 2, 3, 4, 5, 1e9]);
    const parsed = parseBaseline(JSON.parse(JSON.stringify(doc)));
    expect(parsed.id).toBe(doc.id);
    expect(doc.id).toMatch(/^[0-9a-f]{12}$/);
    const f = doc.features[0]!;
    expect([f.values, f.nulls, f.nonFinite, f.count]).toEqual([8, 1, 1, 6]);
    expect(f.mean).toBeCloseTo((15 + 1e9) / 6, 3);
    expect(build([1, 2, 3, 4, 5, 1e9]).id).toBe(doc.id);
    expect(build([1, 2, 3, 4, 5, 6]).id).not.toBe(doc.id);
  });

  it('refuses an edited artifact and names the bad field, never a value', () => {
    const doc = JSON.parse(JSON.stringify(build([1, 2, 3]))) as { features: { cdf: { x: number[] } }[] };
    doc.features[0]!.cdf.x[1] = 2.5;
    expect(() => parseBaseline(doc)).toThrow(/at id:/);
    doc.features[0]!.cdf.x[1] = 0;
    const error = (() => {
      try {
        parseBaseline(doc);
      } catch (e) {
        return e as BaselineFormatError;
      }
    })();
    expect(error).toBeInstanceOf(BaselineFormatError);
    expect(error!.location).toBe('features[0].cdf.x[1]');
    expect(() => parseBaseline({ format: 'featurescope.baseline', version: 1 })).toThrow(/version/);
  });
});
