import { describe, expect, it } from 'vitest';
import {
  histogramProportions,
  jensenShannonDistance,
  ksTwoSample,
  meanShiftSigma,
  normalizedWassersteinDistance,
  psi,
  quantile,
  quantileEdges,
  sampleStd,
  wassersteinDistance,
} from '../../src/stats/index.js';
import { driftCases } from './fixtures.js';

/** Relative agreement, with an absolute floor of 1e-300 so exact zeros compare equal. */
function expectRelative(actual: number, expected: number, tol = 1e-9): void {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  expect(err, `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe.each(driftCases.map((c) => [c.name, c] as const))('scipy/numpy reference case %s', (_name, c) => {
  it('KS statistic and p-value equal scipy.stats.ks_2samp (exact method) to 1e-9 relative', () => {
    const r = ksTwoSample(c.baseline, c.current);
    expect(r.method).toBe('exact'); // every fixture case has max(n) <= 10,000
    expectRelative(r.statistic, c.ks_statistic);
    expectRelative(r.pValue, c.ks_pvalue);
  });

  it('Wasserstein-1 equals scipy.stats.wasserstein_distance to 1e-9 relative', () => {
    expectRelative(wassersteinDistance(c.baseline, c.current), c.wasserstein);
    expectRelative(normalizedWassersteinDistance(c.baseline, c.current), c.wasserstein / sampleStd(c.baseline));
  });

  it('mean shift in baseline sigmas equals numpy to 1e-9 relative', () => {
    expectRelative(meanShiftSigma(c.baseline, c.current), c.mean_shift_sigma);
  });

  it('baseline quantiles equal numpy.quantile (linear) to 1e-12 relative', () => {
    for (const [q, expected] of Object.entries(c.baseline_quantiles)) {
      expectRelative(quantile(c.baseline, Number(q)), expected, 1e-12);
    }
  });

  it('PSI on baseline deciles with clip 1e-4 and JS distance (base 2) equal the reference to 1e-9', () => {
    const edges = quantileEdges(c.baseline, 10);
    expect(edges[0]).toBe(-Infinity);
    expect(edges[10]).toBe(Infinity);
    const expected = histogramProportions(c.baseline, edges);
    const actual = histogramProportions(c.current, edges);
    expect(expected.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    expectRelative(psi(expected, actual), c['psi_deciles_clip_1e-4']);
    expectRelative(jensenShannonDistance(expected, actual), c.js_distance_deciles_base2);
  });
});

describe('histogramProportions follows numpy.histogram bin rules', () => {
  it('bins are right-open except the last, which is closed; outside values count only in the denominator', () => {
    const p = histogramProportions([0, 1, 1.5, 2, 3, 4, -1, 5, NaN, 2], [0, 1, 2, 4]);
    // [0,1): 0 | [1,2): 1, 1.5 | [2,4]: 2, 3, 4, 2 ; -1, 5, NaN in no bin; denominator 10
    expect(Array.from(p)).toEqual([0.1, 0.2, 0.4]);
  });

  it('infinite outer edges catch everything, including the infinities themselves', () => {
    const p = histogramProportions([-Infinity, -5, 0, 5, Infinity], [-Infinity, 0, Infinity]);
    expect(Array.from(p)).toEqual([0.4, 0.6]);
  });

  it('repeated edges give empty bins, as numpy', () => {
    const p = histogramProportions([1, 1, 2], [0, 1, 1, 3]);
    expect(Array.from(p)).toEqual([0, 0, 1]);
  });
});

describe('psi and jensenShannonDistance edge cases', () => {
  it('an empty bin gives a finite PSI thanks to clipping, and identical inputs give 0', () => {
    const value = psi([0.5, 0.5, 0], [0.4, 0.4, 0.2]);
    expect(Number.isFinite(value)).toBe(true);
    // hand-computed: (0.4-0.5)ln(0.8)*2 + (0.2-1e-4)ln(0.2/1e-4)
    expect(value).toBeCloseTo(-0.2 * Math.log(0.8) + (0.2 - 1e-4) * Math.log(0.2 / 1e-4), 12);
    expect(psi([0.2, 0.8], [0.2, 0.8])).toBe(0);
  });

  it('JS distance normalises its inputs and is 1 for disjoint supports', () => {
    expect(jensenShannonDistance([2, 2], [1, 1])).toBe(0);
    expect(jensenShannonDistance([1, 0], [0, 1])).toBeCloseTo(1, 15);
  });

  it('mismatched lengths are rejected', () => {
    expect(() => psi([1], [0.5, 0.5])).toThrow(RangeError);
    expect(() => jensenShannonDistance([1], [0.5, 0.5])).toThrow(RangeError);
  });
});

describe('ksTwoSample input checks and ties', () => {
  it('rejects empty samples and non-finite values', () => {
    expect(() => ksTwoSample([], [1])).toThrow(RangeError);
    expect(() => ksTwoSample([1, NaN], [1])).toThrow(/a\[1\]/);
  });

  it('identical samples have D = 0 and p = 1; ties across samples are handled as right-continuous ECDFs', () => {
    expect(ksTwoSample([1, 2, 3], [3, 2, 1])).toEqual({ statistic: 0, pValue: 1, method: 'exact' });
    // F_a - F_b at 1: 2/3 - 1/3; at 2: 1 - 2/3 -> D = 1/3
    expect(ksTwoSample([1, 1, 2], [1, 2, 2]).statistic).toBeCloseTo(1 / 3, 15);
  });
});
