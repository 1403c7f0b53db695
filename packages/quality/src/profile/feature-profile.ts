import type { Attributes } from '@opentelemetry/api';
import type { BaselineSampler } from '../baseline/baseline-sampler.js';
import type { FeatureDrift } from '../binned/feature-drift.js';
import { ATTR_SOURCE } from '../semconv.js';

/** Where a profile's values come from. */
export type ProfileSource = 'upsert' | 'lookup';

/**
 * Numbers describing one window of one process, for `engine.snapshot()` only: never exported as
 * metrics (per-pod window statistics cannot be merged across replicas, and min/max are raw values).
 */
export interface WindowSummary {
  readonly count: number;
  readonly mean: number;
  /** Sample variance (n − 1); NaN below two values. */
  readonly variance: number;
  readonly stddev: number;
  readonly min: number;
  readonly max: number;
  /** When the window began and ended (end = now for the window in progress), ms since the epoch. */
  readonly startMs: number;
  readonly endMs: number;
}

/** Count, shifted sums, min and max of the finite values of a window (40 bytes, no allocation). */
export class WindowMoments {
  count = 0;
  #shift = 0;
  #sum = 0;
  #squares = 0;
  min = Infinity;
  max = -Infinity;

  add(value: number): void {
    // Shifted by the window's first value: exact variance for features far from zero.
    if (this.count++ === 0) this.#shift = value;
    const d = value - this.#shift;
    this.#sum += d;
    this.#squares += d * d;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  clear(): void {
    this.count = 0;
    this.#sum = 0;
    this.#squares = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }

  summary(startMs: number, endMs: number): WindowSummary {
    const n = this.count;
    const d = this.#sum / n;
    const variance = n > 1 ? Math.max(0, (this.#squares - n * d * d) / (n - 1)) : Number.NaN;
    return { count: n, mean: this.#shift + d, variance, stddev: Math.sqrt(variance), min: this.min, max: this.max, startMs, endMs };
  }
}

/**
 * The profile of one (group, feature, source): cumulative counts since the engine started, the
 * window in progress (for snapshots and window timing), and — on the drift source, once a baseline
 * is installed — the mergeable drift accumulators; while a baseline capture runs, its sampler.
 * The overflow series keeps counts only (`window` undefined).
 */
export class FeatureProfile {
  /** Values seen (nulls and non-finite included), cumulative. */
  values = 0;
  nulls = 0;
  nonFinite = 0;
  readonly window: WindowMoments | undefined;
  windowStartMs: number;
  last: WindowSummary | undefined;
  capture: BaselineSampler | undefined;
  drift: FeatureDrift | undefined;
  readonly attributes: Attributes;

  constructor(
    readonly source: ProfileSource,
    featureAttributes: Attributes,
    withDistribution: boolean,
    nowMs: number,
  ) {
    this.window = withDistribution ? new WindowMoments() : undefined;
    this.windowStartMs = nowMs;
    this.attributes = Object.freeze({ ...featureAttributes, [ATTR_SOURCE]: source });
  }

  /** A non-finite value seen before the store rejected its batch (counted, never profiled). */
  nonFiniteAttempted(): void {
    this.values++;
    this.nonFinite++;
  }

  /** The hot path: one value written or served. Never allocates. */
  add(value: number | null): void {
    this.values++;
    if (this.capture !== undefined) this.capture.add(value);
    if (value === null) {
      this.nulls++;
    } else if (value - value !== 0) {
      this.nonFinite++; // NaN or ±Infinity (or a non-number from a legacy store)
    } else if (this.window !== undefined) {
      this.window.add(value);
      if (this.drift !== undefined) this.drift.add(value);
    }
  }
}
