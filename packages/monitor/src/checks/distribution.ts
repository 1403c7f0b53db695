import { histogramProportions, quantileEdges } from './quality-stats.js';
import type { HistogramBin, WindowQuantiles } from '../monitor/report.js';

/**
 * Quantiles of an ascending sample with the data-quality engine's definition: numpy's default
 * `method='linear'` (type 7, `h = (n − 1)q`, linear interpolation). Null for an empty sample.
 */
export function windowQuantiles(sorted: Float64Array): WindowQuantiles | null {
  if (sorted.length === 0) return null;
  // The engine's percentile edges: edge k is the type-7 quantile at k · 0.01 (exactly 0.01, 0.25, … 0.99).
  const percentiles = quantileEdges(sorted, 100);
  return { p01: percentiles[1]!, p25: percentiles[25]!, p50: percentiles[50]!, p75: percentiles[75]!, p99: percentiles[99]! };
}

/**
 * `bins` equal-width bins of the distribution sample (numpy.histogram's binning: half-open bins, the
 * last one closed), for client-side plotting of a feature without a baseline. A constant range gets
 * one bin.
 */
export function equalWidthHistogram(sorted: Float64Array, bins: number): HistogramBin[] {
  const n = sorted.length;
  if (n === 0) return [];
  const lo = sorted[0]!;
  const hi = sorted[n - 1]!;
  if (lo === hi) return [{ lower: lo, upper: hi, count: n }];
  const edges = new Float64Array(bins + 1);
  for (let k = 0; k < bins; k++) edges[k] = lo + ((hi - lo) * k) / bins;
  edges[bins] = hi;
  const proportions = histogramProportions(sorted, edges);
  const out: HistogramBin[] = [];
  for (let k = 0; k < bins; k++) out.push({ lower: edges[k]!, upper: edges[k + 1]!, count: Math.round(proportions[k]! * n) });
  return out;
}
