import { describe, expect, it } from 'vitest';
import { KS_MAX_AUTO_EXACT_N, kolmogorovSurvival, ksTwoSample } from '../../src/stats/index.js';
import { formulaSample, ksReference } from './fixtures.js';

/** Relative error, with absolute agreement accepted below `floor` (both values are then ~0). */
function relErr(actual: number, expected: number, floor = 1e-300): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), floor);
}

describe('ksTwoSample on unequal sizes and the asymptotic method (ks-reference.json, scipy 1.17)', () => {
  it.each(ksReference.ks_2samp.map((c) => [`${c.na} vs ${c.nb}`, c] as const))('%s', (_label, c) => {
    const a = formulaSample('golden', c.na, 1);
    const b = formulaSample(c.b_kind, c.nb, c.b_scale);
    const r = ksTwoSample(a, b);
    expect(r.method).toBe(Math.max(c.na, c.nb) <= KS_MAX_AUTO_EXACT_N ? 'exact' : 'asymp');
    expect(relErr(r.statistic, c.statistic)).toBeLessThanOrEqual(1e-12);
    expect(relErr(r.pValue, c.pvalue)).toBeLessThanOrEqual(1e-9);
  });
});

describe('kolmogorovSurvival equals scipy.stats.kstwo.sf in every algorithm regime', () => {
  it('matches all reference points to 1e-9 relative (absolute below 1e-15)', () => {
    const failures: string[] = [];
    for (const { n, x, sf } of ksReference.kstwo_sf) {
      const got = kolmogorovSurvival(n, x);
      if (relErr(got, sf, 1e-15) > 1e-9) failures.push(`n=${n} x=${x}: ${got} vs ${sf}`);
    }
    expect(failures).toEqual([]);
  });
});
