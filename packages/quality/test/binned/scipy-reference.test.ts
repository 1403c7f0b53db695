import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CDF_RESOLUTION, EmpiricalCdf, RankBinner, binnedDrift } from '../../src/index.js';

interface SampleCase {
  name: string;
  bins: number;
  continuous: boolean;
  baseline: number[];
  window: number[];
  ks2samp: number;
}
interface CountCase {
  counts: number[];
  baselineCount: number;
  chi2Contingency: number;
  chi2ContingencyP: number;
  chisquare: number;
  chisquareP: number;
  psi: number;
}
const reference = JSON.parse(readFileSync(new URL('../fixtures/binned-reference.json', import.meta.url), 'utf8')) as { samples: SampleCase[]; counts: CountCase[] };

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('binned statistics against scipy on the same counts (fixtures: make-binned-reference.py)', () => {
  for (const [i, c] of reference.counts.entries()) {
    it(`count case ${i}: chi2_contingency, chisquare (N → ∞ limit) and PSI`, () => {
      const d = binnedDrift(c.counts, c.baselineCount);
      expect(rel(d.chiSquare, c.chi2Contingency)).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(d.chiSquarePValue - c.chi2ContingencyP)).toBeLessThanOrEqual(1e-9 * Math.max(c.chi2ContingencyP, 1e-12));
      expect(rel(d.psi, c.psi)).toBeLessThanOrEqual(1e-12);
      // With a baseline of 1e15 values the homogeneity test is the goodness-of-fit test to 1/B.
      const limit = binnedDrift(c.counts, 1e15);
      expect(rel(limit.chiSquare, c.chisquare)).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(limit.chiSquarePValue - c.chisquareP)).toBeLessThanOrEqual(1e-9);
    });
  }
});

describe('the baseline table and binned KS against scipy.stats.ks_2samp on the raw samples', () => {
  for (const c of reference.samples) {
    it(`${c.name}: ${c.continuous ? 'KS_binned − δ ≤ KS_exact ≤ KS_binned + 1/B + δ' : 'finite statistics on discrete data'}`, () => {
      const cdf = EmpiricalCdf.fromValues(c.baseline);
      const binner = new RankBinner(cdf, c.bins, 7);
      const counts = new Float64Array(c.bins);
      for (const x of c.window) counts[binner.binOf(x)]! += 1;
      const d = binnedDrift(counts, cdf.size);
      for (const value of Object.values(d)) expect(Number.isFinite(value)).toBe(true);
      if (!c.continuous) return;
      // δ: the table's resolution (1/K + 1/N) and the mid-rank convention (½/N).
      const delta = 1 / DEFAULT_CDF_RESOLUTION + 1.5 / cdf.size;
      expect(c.ks2samp).toBeGreaterThanOrEqual(d.ksBinned - delta);
      expect(c.ks2samp).toBeLessThanOrEqual(d.ksBinned + 1 / c.bins + delta);
    });
  }
});
