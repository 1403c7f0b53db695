import { describe, expect, it } from 'vitest';
import { EmpiricalCdf, RankBinner, foldDatabaseBins } from '../../src/index.js';

describe('foldDatabaseBins: the in-database codes folded with the engine\'s rule', () => {
  it('equals binning the same values in the engine, ties ranked inside the jump', () => {
    const baseline = Array.from({ length: 2000 }, (_, i) => i % 7); // discrete: every edge is a tie
    const cdf = EmpiricalCdf.fromValues(baseline);
    const values = Array.from({ length: 20_000 }, (_, i) => (i * 13) % 7);
    const direct = new RankBinner(cdf, 20, 5);
    const inEngine = new Float64Array(20);
    for (const v of values) inEngine[direct.binOf(v)]! += 1;
    // What the database returns: a code per value, grouped.
    const binner = new RankBinner(cdf, 20, 5);
    const edges = Array.from(binner.edges);
    const grouped = new Map<number, number>();
    for (const v of values) {
      const code = edges.includes(v) ? -3 - edges.indexOf(v) : edges.filter((e) => e < v).length;
      grouped.set(code, (grouped.get(code) ?? 0) + 1);
    }
    grouped.set(-1, 4);
    grouped.set(-2, 2);
    const folded = foldDatabaseBins([...grouped.entries(), ['junk', 3], [99, 1]], binner);
    expect(folded.nulls).toBe(4);
    expect(folded.nonFinite).toBe(2);
    expect(folded.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
    // Same distribution over bins (tie draws differ in order, so compare within sampling noise).
    for (let b = 0; b < 20; b++) expect(Math.abs(folded.counts[b]! - inEngine[b]!)).toBeLessThanOrEqual(5 * Math.sqrt(values.length / 20));
  });
});
