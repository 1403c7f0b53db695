import { assertFiniteSample, sampleStd, sortedCopy, type Sample } from './sample.js';

/**
 * Wasserstein-1 (earth mover's) distance between two empirical distributions with equal weights,
 * as `scipy.stats.wasserstein_distance(u, v)`: `∫ |F_u(x) - F_v(x)| dx`, in the values' unit.
 * Throws RangeError on an empty sample or a NaN/±Infinity value (the merge walk needs an order).
 */
export function wassersteinDistance(u: Sample, v: Sample): number {
  if (u.length === 0 || v.length === 0) throw new RangeError('samples must not be empty');
  assertFiniteSample(u, 'u');
  assertFiniteSample(v, 'v');
  const a = sortedCopy(u);
  const b = sortedCopy(v);
  const na = a.length;
  const nb = b.length;
  let i = 0;
  let j = 0;
  let total = 0;
  let x = Math.min(a[0]!, b[0]!);
  // Walk the merged order; between consecutive values both ECDFs are constant.
  while (i < na || j < nb) {
    const next = j >= nb || (i < na && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    total += Math.abs(i / na - j / nb) * (next - x);
    x = next;
    while (i < na && a[i] === x) i++;
    while (j < nb && b[j] === x) j++;
  }
  return total;
}

/**
 * Wasserstein-1 distance divided by the baseline's sample standard deviation (ddof = 1): a unitless
 * "how many baseline σ did the mass move", comparable across features (for a pure location shift of a
 * distribution it equals the mean shift in σ). `NaN` when the baseline has fewer than two values;
 * `Infinity` when the baseline is constant and the current sample differs.
 */
export function normalizedWassersteinDistance(baseline: Sample, current: Sample): number {
  const w = wassersteinDistance(baseline, current);
  const sd = sampleStd(baseline);
  return w === 0 ? 0 : w / sd;
}
