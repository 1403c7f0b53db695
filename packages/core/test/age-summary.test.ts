import { describe, expect, it } from 'vitest';
import { AgeSummary } from '../src/instrument/age-summary.js';

/** Reference: sort a copy, take the last value and the middle one (mean of the two middle ones). */
function reference(values: number[]): { max: number; median: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return { max: sorted[n - 1]!, median: n % 2 === 1 ? sorted[(n - 1) >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2 };
}

describe('AgeSummary', () => {
  it('matches a sorted reference for every size across the in-place and the large-lookup paths, reusing one buffer', () => {
    const summary = new AgeSummary();
    let seed = 12345;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 1000;
    for (const n of [1, 2, 3, 7, 10, 31, 32, 33, 64, 65, 200]) {
      const values = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 42 : random()));
      summary.reset();
      for (const v of values) summary.push(v);
      summary.summarize();
      expect(summary.count).toBe(n);
      expect({ max: summary.max, median: summary.median }).toEqual(reference(values));
    }
  });

  it('reports zeros for an empty lookup', () => {
    const summary = new AgeSummary();
    summary.push(5);
    summary.reset();
    summary.summarize();
    expect([summary.max, summary.median]).toEqual([0, 0]);
  });
});
