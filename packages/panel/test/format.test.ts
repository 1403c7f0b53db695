import { describe, expect, it } from 'vitest';
import { formatAge, formatNumber, formatPercent, formatRange } from '../src/format.js';
import { shareScale } from '../src/histogram-geometry.js';

describe('number formatting', () => {
  it('shows at most 4 significant digits and never a raw float', () => {
    expect([9120, 41.7, 0.0087, 12.912345, 1.2e-40, 123456789.5, 0, -3.14159, null, Infinity].map(formatNumber)).toEqual([
      '9,120', '41.7', '0.0087', '12.91', '1.20e-40', '1.23e+8', '0', '-3.142', '—', '∞',
    ]);
    expect([0.0087, 0.125, 1, null].map(formatPercent)).toEqual(['0.87%', '12.5%', '100%', '—']);
    expect([4.21, 95, 5400, 8 * 86400].map(formatAge)).toEqual(['4.2 s', '1.6 min', '1.5 h', '8 d']);
    expect(formatRange(0.5, 6.475, false)).toBe('[0.5, 6.475)');
    expect(formatRange(null, 3, true)).toBe('[−∞, 3]');
  });
});

describe('histogram scale', () => {
  it('is linear in the share up to the largest share, baseline included', () => {
    const scale = shareScale({ shares: [0.1, 0.4], baselineShares: [0.5, 0.0], log: false, totals: [10, 10] }, 160);
    expect([0, 0.1, 0.4, 0.5].map(scale)).toEqual([0, 32, 128, 160]);
  });

  it('on the log scale maps half a value to 0 and the largest share to the top', () => {
    const scale = shareScale({ shares: [0.5, 0.005, 0], baselineShares: null, log: true, totals: [100] }, 100);
    expect(scale(0.005)).toBeCloseTo(0, 12); // 0.5 / 100 values
    expect(scale(0.5)).toBeCloseTo(100, 12);
    expect(scale(0.05)).toBeCloseTo(50, 12); // one decade of two
    expect(scale(0)).toBe(0);
  });
});
