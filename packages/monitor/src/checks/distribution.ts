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
 * `bins` equal-width bins (numpy.histogram's binning: half-open bins, the last one closed), for
 * client-side plotting. With a baseline sample the bins span both samples and each bin also counts
 * the baseline's values (`baselineCount`), so the two can be drawn over each other. A constant
 * range gets one bin.
 */
export function equalWidthHistogram(sorted: Float64Array, bins: number, baseline?: Float64Array): HistogramBin[] {
  const n = sorted.length;
  if (n === 0) return [];
  const hasBaseline = baseline !== undefined && baseline.length > 0;
  const lo = hasBaseline ? Math.min(sorted[0]!, baseline[0]!) : sorted[0]!;
  const hi = hasBaseline ? Math.max(sorted[n - 1]!, baseline[baseline.length - 1]!) : sorted[n - 1]!;
  const counterpart = (count: number): { baselineCount?: number } => (hasBaseline ? { baselineCount: count } : {});
  if (lo === hi) return [{ lower: lo, upper: hi, count: n, ...counterpart(baseline?.length ?? 0) }];
  const edges = new Float64Array(bins + 1);
  for (let k = 0; k < bins; k++) edges[k] = lo + ((hi - lo) * k) / bins;
  edges[bins] = hi;
  const proportions = histogramProportions(sorted, edges);
  const baselineProportions = hasBaseline ? histogramProportions(baseline, edges) : undefined;
  const out: HistogramBin[] = [];
  for (let k = 0; k < bins; k++) {
    const baselineCount = baselineProportions === undefined ? undefined : Math.round(baselineProportions[k]! * baseline!.length);
    out.push({ lower: edges[k]!, upper: edges[k + 1]!, count: Math.round(proportions[k]! * n), ...(baselineCount === undefined ? {} : counterpart(baselineCount)) });
  }
  return out;
}
