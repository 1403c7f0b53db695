import { describe, expect, it } from 'vitest';
import { linearContrast } from '../src/stats/contrast.js';
import { welchTTest } from '../src/stats/welch.js';

describe('linearContrast', () => {
  const a = [10.1, 11.4, 9.8, 10.9, 10.2];
  const b = [12.5, 13.9, 12.2, 14.8];
  const c = [7.1, 6.4, 8.0, 7.7, 6.9, 7.3];

  it('is Welch’s interval for a difference of two means', () => {
    const welch = welchTTest(a, b);
    const contrast = linearContrast([{ coefficient: 1, values: b }, { coefficient: -1, values: a }]);
    expect(contrast.estimate).toBeCloseTo(welch.difference, 12);
    expect(contrast.df).toBeCloseTo(welch.df, 10);
    expect(contrast.ciLow).toBeCloseTo(welch.ciLow, 10);
    expect(contrast.ciHigh).toBeCloseTo(welch.ciHigh, 10);
  });

  it('matches a hand-computed three-sample contrast with a constant', () => {
    // 0.25·(b − c) − (a − b) + 1 = 1.25·b − 0.25·c − a + 1
    const contrast = linearContrast([{ coefficient: 1.25, values: b }, { coefficient: -0.25, values: c }, { coefficient: -1, values: a }], 1);
    const m = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
    const s2 = (x: number[]): number => x.reduce((s, v) => s + (v - m(x)) ** 2, 0) / (x.length - 1);
    const v = [(1.25 ** 2 * s2(b)) / 4, (0.25 ** 2 * s2(c)) / 6, s2(a) / 5];
    const df = (v[0]! + v[1]! + v[2]!) ** 2 / (v[0]! ** 2 / 3 + v[1]! ** 2 / 5 + v[2]! ** 2 / 4);
    expect(contrast.estimate).toBeCloseTo(1.25 * m(b) - 0.25 * m(c) - m(a) + 1, 12);
    expect(contrast.df).toBeCloseTo(df, 10);
    // The interval is symmetric around the estimate, wider than ±1.96 SE at this small df.
    const se = Math.sqrt(v[0]! + v[1]! + v[2]!);
    expect(contrast.ciHigh - contrast.estimate).toBeCloseTo(contrast.estimate - contrast.ciLow, 10);
    expect((contrast.ciHigh - contrast.estimate) / se).toBeGreaterThan(1.96);
    expect((contrast.ciHigh - contrast.estimate) / se).toBeLessThan(3.2);
  });

  it('has no interval when a sample has a single value', () => {
    const contrast = linearContrast([{ coefficient: 1, values: [3] }, { coefficient: -1, values: a }]);
    expect(contrast.estimate).toBeCloseTo(3 - 10.48, 12);
    expect(Number.isNaN(contrast.ciLow)).toBe(true);
  });
});
