import { describe, expect, it } from 'vitest';
import { QuantileSketch, proportionBoundsForEdges, proportionsForEdges, sketchCdf, sketchQuantileEdges } from '../../src/sketch/index.js';
import {
  histogramProportions,
  jensenShannonDistance,
  jsFromSketches,
  ksFromSketches,
  ksTwoSample,
  psi,
  psiFromSketches,
  quantileEdges,
  wassersteinDistance,
  wassersteinFromSketches,
} from '../../src/stats/index.js';
import { driftCases } from '../stats/fixtures.js';

function sketchOf(values: ArrayLike<number>): QuantileSketch {
  const s = new QuantileSketch();
  s.addMany(values);
  return s;
}

describe.each(driftCases.map((c) => [c.name, c] as const))('sketch-based drift statistics on fixture case %s', (_n, c) => {
  const a = sketchOf(c.baseline);
  const b = sketchOf(c.current);

  it('PSI on bucket-aligned sketch deciles equals the exact PSI of the raw values on those edges', () => {
    const r = psiFromSketches(a, b);
    const exactOnSameEdges = psi(histogramProportions(c.baseline, r.edges), histogramProportions(c.current, r.edges));
    expect(Math.abs(r.psi - exactOnSameEdges)).toBeLessThanOrEqual(1e-12);
    expect(r.lower).toBeCloseTo(r.psi, 12);
    expect(r.upper).toBeCloseTo(r.psi, 12);
    // each edge is the boundary of the bucket holding order statistic x[floor(k/10 (n-1))]: within gamma - 1 (2 %)
    const sorted = Float64Array.from(c.baseline).sort();
    for (let k = 1; k < 10; k++) {
      const x = sorted[Math.floor((k / 10) * (sorted.length - 1))]!;
      expect(Math.abs(r.edges[k]! - x)).toBeLessThanOrEqual(0.0203 * Math.abs(x));
    }
    // measured end to end against the fixture's decile PSI (different edges): recorded in the docs
    expect(Math.abs(r.psi - c['psi_deciles_clip_1e-4'])).toBeLessThan(0.5 * c['psi_deciles_clip_1e-4'] + 0.02);
  });

  it('PSI from sketches on the exact decile edges: the exact value lies inside [lower, upper]', () => {
    const edges = quantileEdges(c.baseline, 10);
    const r = psiFromSketches(a, b, { edges });
    expect(r.lower).toBeLessThanOrEqual(c['psi_deciles_clip_1e-4'] + 1e-12);
    expect(r.upper).toBeGreaterThanOrEqual(c['psi_deciles_clip_1e-4'] - 1e-12);
    const exact = [histogramProportions(c.baseline, edges), histogramProportions(c.current, edges)] as const;
    for (const [sketch, props] of [
      [a, exact[0]],
      [b, exact[1]],
    ] as const) {
      const bounds = proportionBoundsForEdges(sketch, edges);
      for (let k = 0; k < 10; k++) {
        expect(bounds.lower[k]!).toBeLessThanOrEqual(props[k]! + 1e-12);
        expect(bounds.upper[k]!).toBeGreaterThanOrEqual(props[k]! - 1e-12);
      }
    }
  });

  it('JS distance on aligned edges equals the exact JS distance of the raw values on those edges', () => {
    const edges = sketchQuantileEdges(a, 10);
    const exact = jensenShannonDistance(histogramProportions(c.baseline, edges), histogramProportions(c.current, edges));
    expect(Math.abs(jsFromSketches(a, b) - exact)).toBeLessThanOrEqual(1e-12);
  });

  it('KS statistic from sketches brackets the exact statistic within its stated maxError', () => {
    const r = ksFromSketches(a, b);
    expect(r.statistic).toBeLessThanOrEqual(c.ks_statistic + 1e-12);
    expect(r.statistic + r.maxError).toBeGreaterThanOrEqual(c.ks_statistic - 1e-12);
    expect(r.maxError).toBeLessThanOrEqual(0.2);
  });

  it('Wasserstein from sketches is within its stated maxError of scipy', () => {
    const r = wassersteinFromSketches(a, b);
    expect(Math.abs(r.distance - c.wasserstein)).toBeLessThanOrEqual(r.maxError + 1e-12);
  });
});

describe('sketch CDF helpers', () => {
  const values = Array.from({ length: 2000 }, (_, i) => Math.exp(((i * 0.6180339887498949) % 1) * 6 - 3));
  const s = sketchOf(values);

  it('proportionsForEdges is exact on bucket-aligned edges and matches numpy binning', () => {
    const edges = sketchQuantileEdges(s, 5);
    const fromSketch = proportionsForEdges(s, edges);
    const exact = histogramProportions(values, edges);
    for (let k = 0; k < 5; k++) expect(fromSketch[k]).toBeCloseTo(exact[k]!, 12);
  });

  it('sketchCdf is exact outside [min, max] and within half a bucket of the ECDF inside', () => {
    expect(sketchCdf(s, s.min - 1)).toBe(0);
    expect(sketchCdf(s, s.max)).toBe(1);
    const maxBucket = Math.max(...s.buckets().map((b) => b.count)) / s.count;
    for (const x of [0.06, 0.5, 1, 2.5, 10]) {
      const ecdf = values.filter((v) => v <= x).length / values.length;
      expect(Math.abs(sketchCdf(s, x) - ecdf)).toBeLessThanOrEqual(maxBucket / 2 + 1e-12);
    }
  });

  it('KS from sketches on data spanning more decades than the sketch (collapsed floors) keeps its bound', () => {
    const wide = Array.from({ length: 3000 }, (_, i) => 10 ** (((i * 0.7548776662466927) % 1) * 10 - 5));
    const narrow = Array.from({ length: 2500 }, (_, i) => 10 ** (((i * 0.6180339887498949) % 1) * 9 - 3));
    const r = ksFromSketches(sketchOf(wide), sketchOf(narrow));
    const exact = ksTwoSample(wide, narrow).statistic;
    expect(r.statistic).toBeLessThanOrEqual(exact + 1e-12);
    expect(r.statistic + r.maxError).toBeGreaterThanOrEqual(exact - 1e-12);
    const w = wassersteinFromSketches(sketchOf(wide), sketchOf(narrow));
    expect(Math.abs(w.distance - wassersteinDistance(wide, narrow))).toBeLessThanOrEqual(w.maxError + 1e-9);
  });

  it('refuses sketches with different alpha', () => {
    expect(() => ksFromSketches(new QuantileSketch(), new QuantileSketch({ alpha: 0.02 }))).toThrow(RangeError);
  });
});
