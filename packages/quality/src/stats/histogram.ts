import type { Sample } from './sample.js';

/**
 * Bin proportions of a sample for `edges`, as `numpy.histogram(x, edges)[0] / len(x)`: bin k is
 * `[e_k, e_k+1)` except the last, which is closed `[e_last-1, e_last]`; values outside
 * `[e_0, e_last]` (or NaN) fall in no bin but still count in the denominator. Infinite outer edges
 * are fine: `-Infinity` and `Infinity` themselves land in the first and last bins.
 */
export function histogramProportions(sample: Sample, edges: ArrayLike<number>): Float64Array {
  const bins = edges.length - 1;
  if (bins < 1) throw new RangeError('edges needs at least two values');
  for (let k = 1; k <= bins; k++) {
    if (!(edges[k]! >= edges[k - 1]!)) throw new RangeError(`edges must be non-decreasing (edge ${k})`);
  }
  const counts = new Float64Array(bins);
  const n = sample.length;
  if (n === 0) return counts;
  const first = edges[0]!;
  const last = edges[bins]!;
  for (let i = 0; i < n; i++) {
    const x = sample[i]!;
    if (!(x >= first) || x > last) continue;
    let k: number;
    if (x === last) {
      // numpy counts x <= last in the final bin via searchsorted(..., 'right') on the last edge
      k = bins - 1;
    } else {
      let lo = 0;
      let hi = bins; // edges[lo] <= x < edges[hi]
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (edges[mid]! <= x) lo = mid;
        else hi = mid;
      }
      k = lo;
    }
    counts[k]!++;
  }
  for (let k = 0; k < bins; k++) counts[k]! /= n;
  return counts;
}
