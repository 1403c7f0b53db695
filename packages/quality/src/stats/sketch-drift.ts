import { ORDER_SHIFT, type QuantileSketch, type SketchBucket } from '../sketch/quantile-sketch.js';
import { proportionBoundsForEdges, proportionsForEdges, sketchQuantileEdges } from '../sketch/sketch-cdf.js';
import { jensenShannonDistance } from './jensen-shannon.js';
import { ksAsymptoticPValue } from './ks-two-sample.js';
import { DEFAULT_PSI_EPSILON, psi } from './psi.js';

/**
 * Drift statistics computed from two {@link QuantileSketch}es (baseline, current) when the raw values
 * are not kept. Both sketches must share `alpha` so their buckets align: the cumulative count at every
 * bucket boundary is then exact in both, which is what makes the bounds below hold.
 */

/** Options of {@link psiFromSketches} and {@link jsFromSketches}. */
export interface SketchBinningOptions {
  /**
   * Number of equal-mass bins of the baseline, used when `edges` is not given.
   * @default 10
   */
  bins?: number;
  /**
   * Bin edges to use instead of the baseline sketch's quantile edges (e.g. exact deciles stored with
   * the baseline). numpy.histogram's rule applies.
   */
  edges?: ArrayLike<number>;
  /**
   * PSI clipping floor (see `psi`).
   * @default 1e-4
   */
  epsilon?: number;
}

/** Result of {@link psiFromSketches}. */
export interface SketchPsiResult {
  /** PSI of the sketches' bin proportions. */
  readonly psi: number;
  /** The exact PSI of the raw values on `edges` is guaranteed to lie in `[lower, upper]`. */
  readonly lower: number;
  readonly upper: number;
  /** The edges used. */
  readonly edges: Float64Array;
  /** Baseline and current proportions. */
  readonly expected: Float64Array;
  readonly actual: Float64Array;
}

function assertAligned(a: QuantileSketch, b: QuantileSketch): void {
  if (a.alpha !== b.alpha) throw new RangeError(`sketches must share alpha (${a.alpha} vs ${b.alpha})`);
}

/** PSI term `(a - e) ln(a / e)` over a box of clipped proportions: convex, so extremes are simple. */
function termRange(eLo: number, eHi: number, aLo: number, aHi: number): [number, number] {
  const f = (e: number, a: number): number => (a - e) * Math.log(a / e);
  const max = Math.max(f(eLo, aLo), f(eLo, aHi), f(eHi, aLo), f(eHi, aHi));
  let min = 0;
  if (aLo > eHi) min = f(eHi, aLo);
  else if (eLo > aHi) min = f(eLo, aHi);
  return [min, max];
}

/**
 * PSI between two sketches. Default edges are the baseline sketch's decile edges placed on bucket
 * boundaries ({@link sketchQuantileEdges}), where both sketches' proportions are exact: the result then
 * equals the exact PSI of the raw values on those edges (`lower === upper === psi`), and each edge is
 * within `alpha` relative of the true decile. With other `edges`, the exact PSI lies in
 * `[lower, upper]` (from the proportion ranges of {@link proportionBoundsForEdges}; each term of PSI is
 * jointly convex, so its range over the box of possible proportions is found at the box's corners).
 */
export function psiFromSketches(
  baseline: QuantileSketch,
  current: QuantileSketch,
  options: SketchBinningOptions = {},
): SketchPsiResult {
  assertAligned(baseline, current);
  const epsilon = options.epsilon ?? DEFAULT_PSI_EPSILON;
  const edges = options.edges ? Float64Array.from(options.edges) : sketchQuantileEdges(baseline, options.bins ?? 10);
  const expected = proportionsForEdges(baseline, edges);
  const actual = proportionsForEdges(current, edges);
  const eb = proportionBoundsForEdges(baseline, edges);
  const ab = proportionBoundsForEdges(current, edges);
  let lower = 0;
  let upper = 0;
  for (let k = 0; k < expected.length; k++) {
    const clip = (p: number): number => Math.max(p, epsilon);
    const [lo, hi] = termRange(clip(eb.lower[k]!), clip(eb.upper[k]!), clip(ab.lower[k]!), clip(ab.upper[k]!));
    lower += lo;
    upper += hi;
  }
  return { psi: psi(expected, actual, { epsilon }), lower, upper, edges, expected, actual };
}

/**
 * Jensen–Shannon distance (base 2) between the sketches' bin proportions, with the same edges as
 * {@link psiFromSketches}: exact on the default bucket-aligned edges, otherwise an estimate whose
 * proportions are off by at most the mass of the buckets straddling each edge.
 */
export function jsFromSketches(baseline: QuantileSketch, current: QuantileSketch, options: SketchBinningOptions = {}): number {
  assertAligned(baseline, current);
  const edges = options.edges ? Float64Array.from(options.edges) : sketchQuantileEdges(baseline, options.bins ?? 10);
  return jensenShannonDistance(proportionsForEdges(baseline, edges), proportionsForEdges(current, edges));
}

/** Result of {@link ksFromSketches}. */
export interface SketchKsResult {
  /** KS statistic over bucket boundaries: a lower bound of the exact statistic. */
  readonly statistic: number;
  /** The exact statistic lies in `[statistic, statistic + maxError]`. */
  readonly maxError: number;
  /** Asymptotic two-sided p-value at `statistic` (see `ksAsymptoticPValue`); approximate. */
  readonly pValue: number;
}

/** Lowest bucket index of a store that absorbed smaller magnitudes (collapsed), or -Infinity. */
function floorIndex(buckets: SketchBucket[], negative: boolean): number {
  for (const b of buckets) if (b.collapsed && b.key < 0 === negative) return Math.abs(b.key) - ORDER_SHIFT;
  return -Infinity;
}

/**
 * Two-sample KS statistic from two sketches. Both ECDFs are exact at every bucket boundary (shared
 * mapping), so `D_sketch = max |F_a - F_b|` over boundaries is a lower bound of the exact `D`; inside a
 * bucket each ECDF moves by at most that bucket's mass, which gives the returned `maxError` (at most the
 * largest single-bucket mass of either sketch; ~0.2-2 % for 1,000+ values spread over tens of buckets).
 * Boundaries inside a collapsed region of either sketch are skipped and the cells merged, so the
 * bound still holds.
 */
export function ksFromSketches(a: QuantileSketch, b: QuantileSketch): SketchKsResult {
  assertAligned(a, b);
  const na = a.count;
  const nb = b.count;
  if (na === 0 || nb === 0) return { statistic: NaN, maxError: NaN, pValue: NaN };
  const A = a.buckets();
  const B = b.buckets();
  const floors = [floorIndex(A, false), floorIndex(A, true), floorIndex(B, false), floorIndex(B, true)];
  const known = (key: number, pos: number, neg: number): boolean => {
    if (key === 0) return true;
    const index = Math.abs(key) - ORDER_SHIFT;
    return key > 0 ? index >= pos : index > neg;
  };
  let i = 0;
  let j = 0;
  let ca = 0;
  let cb = 0;
  let lastA = 0;
  let lastB = 0;
  let d = 0;
  let sup = 0;
  const cell = (fa: number, fb: number): void => {
    // Within the cell F_a goes lastA -> fa and F_b lastB -> fb; |F_a - F_b| can reach these.
    sup = Math.max(sup, fa - lastB, fb - lastA, Math.abs(fa - fb));
    lastA = fa;
    lastB = fb;
  };
  while (i < A.length || j < B.length) {
    const key = j >= B.length || (i < A.length && A[i]!.key <= B[j]!.key) ? A[i]!.key : B[j]!.key;
    if (i < A.length && A[i]!.key === key) ca += A[i++]!.count;
    if (j < B.length && B[j]!.key === key) cb += B[j++]!.count;
    if (known(key, floors[0]!, floors[1]!) && known(key, floors[2]!, floors[3]!)) {
      const fa = ca / na;
      const fb = cb / nb;
      d = Math.max(d, Math.abs(fa - fb));
      cell(fa, fb);
    }
  }
  cell(1, 1);
  return { statistic: d, maxError: Math.max(0, sup - d), pValue: ksAsymptoticPValue(d, na, nb) };
}

/** Result of {@link wassersteinFromSketches}. */
export interface SketchWassersteinResult {
  /** Wasserstein-1 distance between the sketches' bucket-representative distributions. */
  readonly distance: number;
  /** The exact distance of the raw values lies within `distance ± maxError`. */
  readonly maxError: number;
}

/** Atoms (representative, weight) of a sketch and its mean displacement bound `Σ w |x - rep|`. */
function atoms(s: QuantileSketch): { values: Float64Array; weights: Float64Array; displacement: number } {
  const buckets = s.buckets();
  const values = new Float64Array(buckets.length);
  const weights = new Float64Array(buckets.length);
  const min = s.min;
  const max = s.max;
  let displacement = 0;
  buckets.forEach((b, k) => {
    const lo = Math.max(b.lower, min);
    const hi = Math.min(b.upper, max);
    const rep = Math.min(hi, Math.max(lo, b.representative));
    values[k] = rep;
    weights[k] = b.count / s.count;
    displacement += weights[k] * Math.max(rep - lo, hi - rep);
  });
  return { values, weights, displacement };
}

/**
 * Wasserstein-1 distance from sketches: the distance between the two sketches' discrete distributions
 * (each bucket's mass at its representative). Each value moves by at most `alpha` relative (more in a
 * collapsed bucket), so by the triangle inequality the exact distance lies within
 * `maxError = Σ_a w |x - rep| + Σ_b w |x - rep|` (computed per bucket, at most
 * `alpha · (mean|a| + mean|b|)` without collapse). Divide by the baseline's standard deviation (from
 * `RunningMoments`) for the normalised variant.
 */
export function wassersteinFromSketches(a: QuantileSketch, b: QuantileSketch): SketchWassersteinResult {
  if (a.count === 0 || b.count === 0) return { distance: NaN, maxError: NaN };
  const u = atoms(a);
  const v = atoms(b);
  let i = 0;
  let j = 0;
  let fu = 0;
  let fv = 0;
  let total = 0;
  let x = Math.min(u.values[0]!, v.values[0]!);
  while (i < u.values.length || j < v.values.length) {
    const next = j >= v.values.length || (i < u.values.length && u.values[i]! <= v.values[j]!) ? u.values[i]! : v.values[j]!;
    total += Math.abs(fu - fv) * (next - x);
    x = next;
    while (i < u.values.length && u.values[i] === x) fu += u.weights[i++]!;
    while (j < v.values.length && v.values[j] === x) fv += v.weights[j++]!;
  }
  return { distance: total, maxError: u.displacement + v.displacement };
}
