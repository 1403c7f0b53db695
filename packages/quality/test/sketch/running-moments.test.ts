import { describe, expect, it } from 'vitest';
import { RunningMoments, SketchFormatError } from '../../src/sketch/index.js';
import { SeededRandom, mean, sampleStd } from '../../src/stats/index.js';
import { driftCases } from '../stats/fixtures.js';

describe('RunningMoments', () => {
  it('matches two-pass mean and ddof=1 variance on the fixture baselines', () => {
    for (const c of driftCases) {
      const m = new RunningMoments();
      m.addMany(c.baseline);
      expect(m.count).toBe(c.baseline.length);
      expect(Math.abs(m.mean - mean(c.baseline))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(mean(c.baseline))));
      expect(Math.abs(m.std - sampleStd(c.baseline)) / sampleStd(c.baseline)).toBeLessThanOrEqual(1e-12);
      expect(m.min).toBe(Math.min(...c.baseline));
      expect(m.max).toBe(Math.max(...c.baseline));
    }
  });

  it('stays accurate with a large offset (where E[x^2] - E[x]^2 would cancel)', () => {
    const values = new SeededRandom(3).sample(10000, (r) => 1e9 + r.normal(0, 1));
    const m = new RunningMoments();
    m.addMany(values);
    expect(Math.abs(m.variance - sampleStd(values) ** 2)).toBeLessThan(1e-6);
  });

  it('merge (Chan) equals the moments of the union, and empty merges are no-ops', () => {
    const r = new SeededRandom(4);
    const parts = [r.sample(10, (g) => g.normal(5, 2)), r.sample(1000, (g) => g.normal(-3, 7)), r.sample(1, () => 42)];
    const union = new RunningMoments();
    const merged = new RunningMoments();
    merged.merge(new RunningMoments());
    for (const p of parts) {
      union.addMany(p);
      const m = new RunningMoments();
      m.addMany(p);
      merged.merge(m);
    }
    expect(merged.count).toBe(union.count);
    expect(merged.mean).toBeCloseTo(union.mean, 12);
    expect(merged.variance / union.variance).toBeCloseTo(1, 12);
    expect([merged.min, merged.max]).toEqual([union.min, union.max]);
  });

  it('ignores non-finite values, reports NaN when undefined, and round-trips through JSON', () => {
    const m = new RunningMoments();
    expect(Number.isNaN(m.mean)).toBe(true);
    m.add(NaN);
    m.add(Infinity);
    m.add(3);
    expect(m.count).toBe(1);
    expect(Number.isNaN(m.variance)).toBe(true);
    m.add(5);
    const copy = RunningMoments.fromJSON(JSON.parse(JSON.stringify(m)));
    expect(copy.toJSON()).toEqual(m.toJSON());
    expect(copy.variance).toBe(2);
    expect(() => RunningMoments.fromJSON({ type: 'moments', version: 1, count: -1, mean: 0, m2: 0 })).toThrow(SketchFormatError);
    expect(() => RunningMoments.fromJSON({ type: 'moments', version: 1, count: 2, mean: 0, m2: 1, min: 3, max: 1 })).toThrow(/min/);
  });
});
