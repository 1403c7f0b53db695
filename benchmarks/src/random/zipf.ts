import type { Random } from '@featurescope/test-utils';

/** Smallest and largest Zipf exponents the workload accepts (hot-key skew seen in practice). */
export const ZIPF_EXPONENT_RANGE = { min: 0.5, max: 1.2 } as const;

/**
 * Samples ranks 0..n-1 with P(rank k) ∝ 1 / (k+1)^s by binary search over a precomputed CDF.
 * Exact (no rejection), O(log n) per draw, n doubles of memory; fine up to millions of keys.
 */
export class ZipfSampler {
  readonly n: number;
  readonly exponent: number;
  readonly #cdf: Float64Array;

  /**
   * @param n number of distinct items (≥ 1).
   * @param exponent skew `s`, from 0.5 (mild) to 1.2 (very hot head).
   */
  constructor(n: number, exponent: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`ZipfSampler: n must be a positive integer, got ${String(n)}`);
    if (!(exponent >= ZIPF_EXPONENT_RANGE.min && exponent <= ZIPF_EXPONENT_RANGE.max)) {
      throw new RangeError(`ZipfSampler: exponent must be within [${ZIPF_EXPONENT_RANGE.min}, ${ZIPF_EXPONENT_RANGE.max}], got ${String(exponent)}`);
    }
    this.n = n;
    this.exponent = exponent;
    this.#cdf = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) {
      total += 1 / Math.pow(k + 1, exponent);
      this.#cdf[k] = total;
    }
    for (let k = 0; k < n; k++) this.#cdf[k]! /= total;
    this.#cdf[n - 1] = 1;
  }

  /** Probability of rank `k` (0-based). */
  probability(k: number): number {
    if (k < 0 || k >= this.n) return 0;
    return this.#cdf[k]! - (k === 0 ? 0 : this.#cdf[k - 1]!);
  }

  /** Draws a rank; 0 is the hottest. */
  sample(random: Random): number {
    const u = random.next();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
