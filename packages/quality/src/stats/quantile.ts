import { sortedCopy, type Sample } from './sample.js';

/**
 * Quantile `q` of an ascending-sorted sample with numpy's default `method='linear'` (type 7):
 * virtual index `h = (n - 1) q`, linear interpolation between `x[floor h]` and `x[floor h + 1]`,
 * using numpy's two-sided lerp so results match `numpy.quantile` bit for bit in ordinary cases.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0 || !(q >= 0 && q <= 1)) return NaN;
  const h = (n - 1) * q;
  if (h >= n - 1) return sorted[n - 1]!;
  const lo = Math.floor(h);
  const t = h - lo;
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Quantile `q` of an unsorted sample (`numpy.quantile(x, q)`); sorts a copy. */
export function quantile(sample: Sample, q: number): number {
  return quantileSorted(sortedCopy(sample), q);
}

/**
 * Edges of `bins` equal-mass bins of a baseline sample: `numpy.quantile(x, linspace(0, 1, bins + 1))`
 * with the outer edges opened to `-Infinity` and `Infinity`, so every later value falls in a bin.
 * `quantileEdges(x, 10)` gives the deciles used by PSI and Jensen–Shannon.
 */
export function quantileEdges(sample: Sample, bins: number): Float64Array {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  if (sample.length === 0) throw new RangeError('sample must not be empty');
  const sorted = sortedCopy(sample);
  const edges = new Float64Array(bins + 1);
  const step = 1 / bins; // numpy.linspace: k * step, the last point exactly 1
  for (let k = 1; k < bins; k++) edges[k] = quantileSorted(sorted, k * step);
  edges[0] = -Infinity;
  edges[bins] = Infinity;
  return edges;
}
