import { SketchFormatError } from './sketch-format-error.js';

/** JSON form of {@link RunningMoments}; `m2` is the sum of squared deviations from the mean. */
export interface SerializedRunningMoments {
  type: 'moments';
  version: 1;
  count: number;
  mean: number;
  m2: number;
  min: number | null;
  max: number | null;
}

/**
 * Streaming count, mean, sample variance, min and max in constant memory (40 bytes of state).
 * Welford's update keeps the variance accurate when the mean is large relative to the spread (where
 * `E[x²] - E[x]²` cancels catastrophically); `merge` uses Chan, Golub & LeVeque's pairwise formula,
 * so per-window moments combine into baseline moments exactly (up to rounding).
 */
export class RunningMoments {
  #count = 0;
  #mean = 0;
  #m2 = 0;
  #min = Infinity;
  #max = -Infinity;

  /** Number of values added; non-finite values are ignored. */
  get count(): number {
    return this.#count;
  }

  /** Arithmetic mean, `NaN` when empty. */
  get mean(): number {
    return this.#count === 0 ? NaN : this.#mean;
  }

  /** Sample variance (ddof = 1, as `numpy.var(x, ddof=1)`), `NaN` below two values. */
  get variance(): number {
    return this.#count < 2 ? NaN : this.#m2 / (this.#count - 1);
  }

  /** Sample standard deviation (ddof = 1), `NaN` below two values. */
  get std(): number {
    return Math.sqrt(this.variance);
  }

  /** Smallest value, `NaN` when empty. */
  get min(): number {
    return this.#count === 0 ? NaN : this.#min;
  }

  /** Largest value, `NaN` when empty. */
  get max(): number {
    return this.#count === 0 ? NaN : this.#max;
  }

  /** Adds one value; `NaN`/`±Infinity` are ignored. Never throws or allocates. */
  add(value: number): void {
    if (!Number.isFinite(value)) return;
    const n = ++this.#count;
    const delta = value - this.#mean;
    this.#mean += delta / n;
    this.#m2 += delta * (value - this.#mean);
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
  }

  /** Adds every value of `values`. */
  addMany(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.add(values[i]!);
  }

  /** Adds `other`'s values into this (Chan et al.): the result equals the moments of the union. */
  merge(other: RunningMoments): void {
    const nb = other.#count;
    if (nb === 0) return;
    const na = this.#count;
    if (na === 0) {
      this.#count = nb;
      this.#mean = other.#mean;
      this.#m2 = other.#m2;
    } else {
      const n = na + nb;
      const delta = other.#mean - this.#mean;
      this.#mean += (delta * nb) / n;
      this.#m2 += other.#m2 + (delta * delta * na * nb) / n;
      this.#count = n;
    }
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
  }

  /** Empties the accumulator. */
  clear(): void {
    this.#count = 0;
    this.#mean = 0;
    this.#m2 = 0;
    this.#min = Infinity;
    this.#max = -Infinity;
  }

  toJSON(): SerializedRunningMoments {
    const empty = this.#count === 0;
    return {
      type: 'moments',
      version: 1,
      count: this.#count,
      mean: this.#mean,
      m2: this.#m2,
      min: empty ? null : this.#min,
      max: empty ? null : this.#max,
    };
  }

  /** Reads a `toJSON` document back; throws {@link SketchFormatError} naming the bad field. */
  static fromJSON(doc: unknown): RunningMoments {
    if (doc === null || typeof doc !== 'object') throw new SketchFormatError('$', 'not an object');
    const d = doc as Record<string, unknown>;
    if (d.type !== 'moments' || d.version !== 1) throw new SketchFormatError('type', 'expected type "moments" version 1');
    if (!Number.isSafeInteger(d.count) || (d.count as number) < 0) throw new SketchFormatError('count', 'not a non-negative integer');
    if (typeof d.mean !== 'number' || !Number.isFinite(d.mean)) throw new SketchFormatError('mean', 'not a finite number');
    if (typeof d.m2 !== 'number' || !(d.m2 >= 0) || d.m2 === Infinity) throw new SketchFormatError('m2', 'not a finite number >= 0');
    const m = new RunningMoments();
    const count = d.count as number;
    if (count > 0) {
      if (typeof d.min !== 'number' || typeof d.max !== 'number' || !(d.min <= d.max)) {
        throw new SketchFormatError('min', 'min and max must be numbers with min <= max');
      }
      m.#min = d.min;
      m.#max = d.max;
      m.#count = count;
      m.#mean = d.mean;
      m.#m2 = d.m2;
    }
    return m;
  }
}
