import type { Attributes } from '@opentelemetry/api';
import { QuantileSketch, RunningMoments } from '../sketch/index.js';
import { ATTR_SOURCE } from '../semconv.js';
import type { BaselineProfile } from '../baseline/baseline-profile.js';
import type { DriftResult } from '../drift/evaluate-drift.js';

/** Where a profile's values come from. */
export type ProfileSource = 'upsert' | 'lookup';

/** Numbers describing one completed window (or the window in progress). */
export interface WindowSummary {
  readonly count: number;
  readonly mean: number;
  /** Sample variance (n − 1). */
  readonly variance: number;
  readonly stddev: number;
  readonly min: number;
  readonly max: number;
  /** Sketch quantiles 0.5, 0.9, 0.99 (within the sketch's 1 % relative accuracy). */
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  /** When the window began and ended (end = now for the window in progress), ms since the epoch. */
  readonly startMs: number;
  readonly endMs: number;
}

/** Window accumulators: moments and sketch, merged into a baseline capture when the window closes. */
export class Distribution {
  readonly moments = new RunningMoments();
  readonly sketch = new QuantileSketch();
  /** Values seen in this window, nulls and non-finite included (the sketch holds finite ones only). */
  values = 0;
  nulls = 0;

  add(value: number): void {
    this.moments.add(value);
    this.sketch.add(value);
  }

  merge(other: Distribution): void {
    this.moments.merge(other.moments);
    this.sketch.merge(other.sketch);
    this.values += other.values;
    this.nulls += other.nulls;
  }

  clear(): void {
    this.moments.clear();
    this.sketch.clear();
    this.values = 0;
    this.nulls = 0;
  }

  get count(): number {
    return this.moments.count;
  }

  summary(startMs: number, endMs: number): WindowSummary {
    const m = this.moments;
    const s = this.sketch;
    return {
      count: m.count,
      mean: m.mean,
      variance: m.variance,
      stddev: m.std,
      min: m.min,
      max: m.max,
      p50: s.quantile(0.5),
      p90: s.quantile(0.9),
      p99: s.quantile(0.99),
      startMs,
      endMs,
    };
  }

  /** Fixed bytes: the sketch's counts and scalars, 40 bytes of moments, 16 of counters. */
  get byteSize(): number {
    return this.sketch.byteSize + 56;
  }
}

/**
 * The profile of one (group, feature, source): cumulative counts since the engine started, the
 * tumbling window in progress, the last completed window, and drift of that window against the
 * baseline. The overflow series keeps counts only (`window` undefined): statistics of a mix of
 * unrelated features would mean nothing.
 */
export class FeatureProfile {
  /** Values seen (nulls and non-finite included), cumulative. */
  values = 0;
  nulls = 0;
  nonFinite = 0;
  readonly window: Distribution | undefined;
  windowStartMs: number;
  last: WindowSummary | undefined;
  capture: Distribution | undefined;
  baseline: BaselineProfile | undefined;
  drift: DriftResult | undefined;
  readonly attributes: Attributes;

  constructor(
    readonly source: ProfileSource,
    featureAttributes: Attributes,
    withDistribution: boolean,
    nowMs: number,
  ) {
    this.window = withDistribution ? new Distribution() : undefined;
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
    const window = this.window;
    if (window !== undefined) window.values++;
    if (value === null) {
      this.nulls++;
      if (window !== undefined) window.nulls++;
    } else if (value - value !== 0) {
      this.nonFinite++; // NaN or ±Infinity (or a non-number from a legacy store)
    } else if (window !== undefined) {
      window.add(value);
    }
  }
}
