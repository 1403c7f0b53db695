/**
 * Collects one feature's baseline while values flow (live capture, a file of values): counts, an
 * exact mean and σ over every finite value, and a uniform reservoir of at most `maxSample` finite
 * values (Algorithm R) from which the CDF table is built. N in the artifact is the reservoir size:
 * the sample the CDF really rests on, which the drift test's baseline noise must account for.
 * Memory: 8 × maxSample bytes at most (128 KiB at the default 16,384), only while capturing.
 */
import { DEFAULT_CDF_RESOLUTION, EmpiricalCdf } from './empirical-cdf.js';
import type { BaselineFeatureDocument } from './baseline-artifact.js';

export const DEFAULT_MAX_SAMPLE = 16_384;

export class BaselineSampler {
  values = 0;
  nulls = 0;
  nonFinite = 0;
  #finite = 0;
  #shift = Number.NaN;
  #sum = 0;
  #squares = 0;
  #sample: Float64Array;
  #random = 0x2545f491;

  constructor(readonly maxSample = DEFAULT_MAX_SAMPLE) {
    this.#sample = new Float64Array(Math.min(maxSample, 256));
  }

  /** Any value: null and non-finite ones are counted, finite ones sampled. */
  add(value: number | null): void {
    this.values++;
    if (value === null) this.nulls++;
    else if (value - value !== 0) this.nonFinite++;
    else this.addFinite(value);
  }

  addFinite(value: number): void {
    const n = this.#finite++;
    // Sums shifted by the first value keep precision for features far from zero.
    if (n === 0) this.#shift = value;
    const d = value - this.#shift;
    this.#sum += d;
    this.#squares += d * d;
    if (n < this.maxSample) {
      if (n === this.#sample.length) {
        const grown = new Float64Array(Math.min(this.maxSample, n * 2));
        grown.set(this.#sample);
        this.#sample = grown;
      }
      this.#sample[n] = value;
      return;
    }
    const j = Math.floor(this.#next() * (n + 1));
    if (j < this.maxSample) this.#sample[j] = value;
  }

  get finiteCount(): number {
    return this.#finite;
  }

  /** The artifact entry, or undefined when no finite value was seen. */
  build(group: string, feature: string, resolution = DEFAULT_CDF_RESOLUTION): BaselineFeatureDocument | undefined {
    const n = this.#finite;
    if (n === 0) return undefined;
    const kept = Math.min(n, this.maxSample);
    const cdf = EmpiricalCdf.fromValues(this.#sample.subarray(0, kept), resolution);
    const meanShift = this.#sum / n;
    const variance = n > 1 ? Math.max(0, (this.#squares - n * meanShift * meanShift) / (n - 1)) : 0;
    return {
      group,
      feature,
      values: this.values,
      nulls: this.nulls,
      nonFinite: this.nonFinite,
      count: kept,
      mean: this.#shift + meanShift,
      stddev: Math.sqrt(variance),
      cdf: cdf.toJSON(),
    };
  }

  #next(): number {
    let x = this.#random;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#random = x >>> 0;
    return this.#random / 4294967296;
  }
}
