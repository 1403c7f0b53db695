/**
 * A baseline's distribution as a table of knots, fine enough to define its empirical CDF: the
 * probability-integral transform u = F(x) of the drift bins, the quantiles of the artifact.
 *
 * Knots are the sample's distinct values when there are at most `resolution + 1` of them (the
 * table is then exact), otherwise the sample quantiles at ranks k/resolution. Each knot keeps
 * how many sample values lie below it and how many equal it. A knot holding one value is a point
 * of a continuous stretch (F there is its mid-rank); a knot holding several is an atom (a CDF jump,
 * discrete data). Between knots F is linear, from just after one knot to just before the next.
 * Resolution: |F_table(x) − F_sample(x)| ≤ 1/resolution + 1/N for every x (1/1024 by default).
 */
import { BaselineFormatError } from '../errors.js';

/** Default knots per baseline feature (table size resolution + 1). */
export const DEFAULT_CDF_RESOLUTION = 1024;

/** JSON form of an {@link EmpiricalCdf}. */
export interface EmpiricalCdfDocument {
  /** Quantile levels the table was built with (at most resolution + 1 knots). */
  readonly resolution: number;
  /** Knot values, strictly increasing, finite. */
  readonly x: readonly number[];
  /** Sample values strictly below each knot. */
  readonly below: readonly number[];
  /** Sample values equal to each knot (≥ 1). */
  readonly count: readonly number[];
}

export class EmpiricalCdf {
  readonly x: Float64Array;
  /** F just before and just after each knot, as fractions of N. */
  readonly left: Float64Array;
  readonly right: Float64Array;
  readonly below: Float64Array;
  readonly count: Float64Array;

  private constructor(
    x: Float64Array,
    below: Float64Array,
    count: Float64Array,
    /** Sample size N the table was built from. */
    readonly size: number,
    readonly resolution: number,
  ) {
    this.x = x;
    this.below = below;
    this.count = count;
    this.left = new Float64Array(x.length);
    this.right = new Float64Array(x.length);
    for (let j = 0; j < x.length; j++) {
      if (count[j]! > 1) {
        this.left[j] = below[j]! / size;
        this.right[j] = (below[j]! + count[j]!) / size;
      } else {
        this.left[j] = this.right[j] = (below[j]! + 0.5) / size;
      }
    }
  }

  /** Builds the table from an ascending sample of finite values (not copied, not kept). */
  static fromSorted(sorted: ArrayLike<number>, resolution = DEFAULT_CDF_RESOLUTION): EmpiricalCdf {
    const n = sorted.length;
    if (n === 0) throw new RangeError('an empirical CDF needs at least one value');
    let distinct = 1;
    for (let i = 1; i < n && distinct <= resolution + 1; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
    const picks: number[] = [];
    if (distinct <= resolution + 1) {
      for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) picks.push(sorted[i]!);
    } else {
      for (let k = 0; k <= resolution; k++) {
        const v = sorted[Math.round((k * (n - 1)) / resolution)]!;
        if (picks.length === 0 || picks[picks.length - 1] !== v) picks.push(v);
      }
    }
    const x = Float64Array.from(picks);
    const below = new Float64Array(x.length);
    const count = new Float64Array(x.length);
    let i = 0;
    for (let j = 0; j < x.length; j++) {
      while (sorted[i]! < x[j]!) i++;
      below[j] = i;
      let end = i;
      while (end < n && sorted[end] === x[j]) end++;
      count[j] = end - i;
      i = end;
    }
    return new EmpiricalCdf(x, below, count, n, resolution);
  }

  /** Builds the table from unsorted values; non-finite ones must be removed first. */
  static fromValues(values: ArrayLike<number>, resolution = DEFAULT_CDF_RESOLUTION): EmpiricalCdf {
    return EmpiricalCdf.fromSorted(Float64Array.from(values).sort(), resolution);
  }

  /** Validates a table read from an artifact; `at` names its place for {@link BaselineFormatError}. */
  static fromDocument(doc: unknown, at: string): EmpiricalCdf {
    if (doc === null || typeof doc !== 'object') throw new BaselineFormatError(at, 'must be an object');
    const d = doc as Record<string, unknown>;
    if (!Number.isSafeInteger(d.resolution) || (d.resolution as number) < 1) throw new BaselineFormatError(`${at}.resolution`, 'must be a positive integer');
    const arrays = ['x', 'below', 'count'].map((key) => {
      const value = d[key];
      if (!Array.isArray(value) || value.length === 0) throw new BaselineFormatError(`${at}.${key}`, 'must be a non-empty array');
      return value as unknown[];
    });
    const [xs, belows, counts] = arrays as [unknown[], unknown[], unknown[]];
    if (belows.length !== xs.length || counts.length !== xs.length) throw new BaselineFormatError(`${at}.below`, 'x, below and count must have the same length');
    const x = new Float64Array(xs.length);
    const below = new Float64Array(xs.length);
    const count = new Float64Array(xs.length);
    let expectBelow = 0;
    for (let j = 0; j < xs.length; j++) {
      const v = xs[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new BaselineFormatError(`${at}.x[${j}]`, 'must be a finite number');
      if (j > 0 && !(v > x[j - 1]!)) throw new BaselineFormatError(`${at}.x[${j}]`, 'knots must be strictly increasing');
      const b = belows[j];
      const c = counts[j];
      if (!Number.isSafeInteger(b) || (b as number) < expectBelow) throw new BaselineFormatError(`${at}.below[${j}]`, 'must be an integer ≥ the previous knot\'s below + count');
      if (!Number.isSafeInteger(c) || (c as number) < 1) throw new BaselineFormatError(`${at}.count[${j}]`, 'must be a positive integer');
      x[j] = v;
      below[j] = b as number;
      count[j] = c as number;
      expectBelow = (b as number) + (c as number);
    }
    return new EmpiricalCdf(x, below, count, expectBelow, d.resolution as number);
  }

  toJSON(): EmpiricalCdfDocument {
    return { resolution: this.resolution, x: Array.from(this.x), below: Array.from(this.below), count: Array.from(this.count) };
  }

  /**
   * u = F(x) with ties randomised inside the CDF's jump (`random` in [0, 1)), 0 below the smallest
   * knot and 1 above the largest: Uniform(0, 1) under no drift for continuous and discrete data.
   */
  transform(value: number, random: number): number {
    const x = this.x;
    const last = x.length - 1;
    if (value < x[0]!) return 0;
    if (value > x[last]!) return 1;
    let lo = 0;
    let hi = last;
    // Largest j with x[j] <= value.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (x[mid]! <= value) lo = mid;
      else hi = mid - 1;
    }
    if (value === x[lo]) return this.left[lo]! + random * (this.right[lo]! - this.left[lo]!);
    const t = (value - x[lo]!) / (x[lo + 1]! - x[lo]!);
    return this.right[lo]! + t * (this.left[lo + 1]! - this.right[lo]!);
  }

  /**
   * Inner bin edges for B equal-mass bins: edge k (1..B−1) is the smallest x with F(x) ≥ k/B.
   * A value strictly between two edges has its bin without any ranking; a value equal to an edge
   * may sit on a CDF jump and is ranked with {@link transform}.
   */
  binEdges(bins: number): Float64Array {
    const edges = new Float64Array(bins - 1);
    const x = this.x;
    for (let k = 1; k < bins; k++) {
      const target = k / bins;
      let j = 0;
      while (j < x.length - 1 && this.right[j]! < target) j++;
      if (j === 0 || this.left[j]! < target) {
        edges[k - 1] = x[j]!;
      } else {
        const from = this.right[j - 1]!;
        const to = this.left[j]!;
        const t = to > from ? (target - from) / (to - from) : 1;
        edges[k - 1] = Math.min(x[j]!, x[j - 1]! + t * (x[j]! - x[j - 1]!));
      }
    }
    return edges;
  }

  /** Quantile p of the table (inverse of the interpolated CDF), for reports. */
  quantile(p: number): number {
    const x = this.x;
    let j = 0;
    while (j < x.length - 1 && this.right[j]! < p) j++;
    if (j === 0 || this.left[j]! <= p) return x[j]!;
    const from = this.right[j - 1]!;
    const to = this.left[j]!;
    return x[j - 1]! + ((p - from) / (to - from)) * (x[j]! - x[j - 1]!);
  }
}
