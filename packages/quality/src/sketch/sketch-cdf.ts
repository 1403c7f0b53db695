import type { QuantileSketch, SketchBucket } from './quantile-sketch.js';

/** Guaranteed range of each bin's proportion, from {@link proportionBoundsForEdges}. */
export interface ProportionBounds {
  /** Mass of buckets lying wholly inside the bin, over `count`. */
  readonly lower: Float64Array;
  /** Mass of buckets overlapping the bin, over `count`. */
  readonly upper: Float64Array;
}

/** Where a bucket's values may lie, tightened by the sketch's exact min and max. */
function span(bucket: SketchBucket, min: number, max: number): [number, number] {
  return [Math.max(bucket.lower, min), Math.min(bucket.upper, max)];
}

/** numpy.histogram's bin of `x` for `edges`: `[e_k, e_k+1)`, the last bin closed; -1 outside. */
export function binOf(x: number, edges: ArrayLike<number>): number {
  const last = edges.length - 1;
  if (!(x >= edges[0]!) || x > edges[last]!) return -1;
  if (x === edges[last]) return last - 1; // the last bin is closed
  let lo = 0;
  let hi = last; // invariant: edges[lo] <= x < edges[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * Approximate ECDF `P(X <= x)` of the sketched values: buckets wholly at or below `x` count fully,
 * the bucket containing `x` counts half. Exact below `min`, at or above `max`, and at every bucket
 * boundary; elsewhere off by at most half the mass of the bucket containing `x`.
 */
export function sketchCdf(sketch: QuantileSketch, x: number): number {
  const n = sketch.count;
  if (n === 0 || Number.isNaN(x)) return NaN;
  if (x < sketch.min) return 0;
  if (x >= sketch.max) return 1;
  let below = 0;
  for (const b of sketch.buckets()) {
    if (b.upper <= x) below += b.count;
    else if (b.lower < x || (b.lower === x && b.key < 0)) below += b.count / 2;
    else break;
  }
  return below / n;
}

/**
 * Bin proportions of the sketched values for `edges` (numpy.histogram's rule: `[e_k, e_k+1)`, last
 * bin closed; values outside `[e_0, e_last]` fall in no bin), divided by `count` as
 * `np.histogram(x, edges)[0] / len(x)`. Each bucket's mass goes to the bin holding its representative
 * (clamped to [min, max]); a bin is off by at most the mass of buckets straddling its two edges, and
 * is exact when the edges are bucket boundaries (see {@link sketchQuantileEdges}).
 */
export function proportionsForEdges(sketch: QuantileSketch, edges: ArrayLike<number>): Float64Array {
  assertEdges(edges);
  const out = new Float64Array(edges.length - 1);
  const n = sketch.count;
  if (n === 0) return out;
  const min = sketch.min;
  const max = sketch.max;
  for (const b of sketch.buckets()) {
    const k = binOf(Math.min(max, Math.max(min, b.representative)), edges);
    if (k >= 0) out[k]! += b.count;
  }
  for (let k = 0; k < out.length; k++) out[k]! /= n;
  return out;
}

/**
 * Range certain to contain each true bin proportion of the sketched values for `edges`. Convention:
 * a value exactly equal to both an edge and a positive bucket's upper boundary counts in the lower
 * bin (a measure-zero event for continuous data).
 */
export function proportionBoundsForEdges(sketch: QuantileSketch, edges: ArrayLike<number>): ProportionBounds {
  assertEdges(edges);
  const bins = edges.length - 1;
  const lower = new Float64Array(bins);
  const upper = new Float64Array(bins);
  const n = sketch.count;
  if (n === 0) return { lower, upper };
  const min = sketch.min;
  const max = sketch.max;
  for (const b of sketch.buckets()) {
    const [lo, hi] = span(b, min, max);
    // Open ends: a positive bucket excludes its lower boundary; its upper boundary counts in the lower
    // bin (the convention above); a negative bucket excludes its upper boundary. Clamped ends are closed.
    const lowOpen = b.key > 0 && lo === b.lower;
    const highOpen = b.key !== 0 && hi === b.upper;
    for (let k = 0; k < bins; k++) {
      const left = edges[k]!;
      const right = edges[k + 1]!;
      const lastBin = k === bins - 1;
      const reachesBin = highOpen ? hi > left : hi >= left;
      const startsBeforeEnd = lowOpen || !lastBin ? lo < right : lo <= right;
      if (!reachesBin || !startsBeforeEnd) continue;
      upper[k]! += b.count;
      if (lo >= left && (hi < right || lastBin || (highOpen && hi <= right))) lower[k]! += b.count;
    }
  }
  for (let k = 0; k < bins; k++) {
    lower[k]! /= n;
    upper[k]! /= n;
  }
  return { lower, upper };
}

/**
 * Edges for `bins` equal-mass bins of the sketched values, placed on bucket boundaries so that
 * {@link proportionsForEdges} is exact for this sketch and for any sketch with the same `alpha`:
 * edge k is the upper boundary of the bucket holding rank `k/bins (count - 1)`, i.e. within `alpha`
 * relative of the exact quantile (the smallest normal double for the zero bucket). Outer edges are
 * `-Infinity` and `Infinity`. Empty sketch: all inner edges `NaN`.
 */
export function sketchQuantileEdges(sketch: QuantileSketch, bins: number): Float64Array {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const edges = new Float64Array(bins + 1).fill(NaN);
  edges[0] = -Infinity;
  edges[bins] = Infinity;
  const n = sketch.count;
  if (n === 0) return edges;
  const buckets = sketch.buckets();
  let j = 0;
  let cumulative = buckets[0]!.count;
  for (let k = 1; k < bins; k++) {
    const rank = (k / bins) * (n - 1);
    while (cumulative <= rank && j < buckets.length - 1) cumulative += buckets[++j]!.count;
    const b = buckets[j]!;
    edges[k] = b.key === 0 ? 2.2250738585072014e-308 : b.upper;
  }
  return edges;
}

function assertEdges(edges: ArrayLike<number>): void {
  if (edges.length < 2) throw new RangeError('edges needs at least two values');
  for (let k = 1; k < edges.length; k++) {
    if (!(edges[k]! >= edges[k - 1]!)) throw new RangeError(`edges must be non-decreasing (edge ${k})`);
  }
}
