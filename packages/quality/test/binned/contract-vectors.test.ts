import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binnedDrift, chiSquareCritical } from '../../src/index.js';

interface VectorCase {
  name: string;
  bins: number;
  baselineCount: number;
  counts: number[];
  rule: { alpha: number; psiDrift: number; psiWarn: number; minCount: number };
  psi: number;
  jsDistance: number;
  chiSquare: number;
  chiSquareDf: number;
  chiSquarePValue: number;
  chiSquareCritical: number;
  ksBinned: number;
  state: number;
}

const vectors = JSON.parse(readFileSync(new URL('../../../../testdata/binned-drift/vectors.json', import.meta.url), 'utf8')) as { cases: VectorCase[] };

/** |a − b| ≤ 1e-9 · max(1, |b|): absolute near zero, relative for large statistics and tiny p-values. */
function close(actual: number, expected: number, tolerance = 1e-9): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe('binned drift statistics against the scipy vectors of testdata/binned-drift', () => {
  it('has the cases', () => expect(vectors.cases.length).toBeGreaterThanOrEqual(12));

  for (const c of vectors.cases) {
    it(c.name, () => {
      const d = binnedDrift(c.counts, c.baselineCount, c.rule);
      close(d.psi, c.psi);
      close(d.jsDistance, c.jsDistance);
      close(d.chiSquare, c.chiSquare);
      expect(d.chiSquareDf).toBe(c.chiSquareDf);
      // p-values down to 1e-181: relative agreement.
      expect(Math.abs(d.chiSquarePValue - c.chiSquarePValue)).toBeLessThanOrEqual(1e-9 * c.chiSquarePValue + 1e-300);
      close(d.ksBinned, c.ksBinned);
      close(chiSquareCritical(c.rule.alpha, c.bins - 1), c.chiSquareCritical);
      expect(d.state).toBe(c.state);
      for (const value of Object.values(d)) expect(Number.isFinite(value)).toBe(true);
    });
  }

  it('is finite for an empty window and refuses fewer than two bins or no baseline', () => {
    const d = binnedDrift(new Array(20).fill(0), 1000);
    expect(d.state).toBe(3);
    for (const value of Object.values(d)) expect(Number.isFinite(value)).toBe(true);
    expect(() => binnedDrift([5], 10)).toThrow(RangeError);
    expect(() => binnedDrift([5, 5], 0)).toThrow(RangeError);
  });
});
