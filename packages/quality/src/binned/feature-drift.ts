import type { Attributes } from '@opentelemetry/api';
import { ATTR_BASELINE_ID, ATTR_DRIFT_BIN, ATTR_SOURCE, SOURCE_INLINE } from '../semconv.js';
import { binnedDrift, type BinnedDrift, type BinnedDriftRule } from './binned-drift.js';
import type { RankBinner } from './rank-binner.js';

/** What the drift accumulators need of a baseline feature (its table lives in the binner). */
export interface BaselineStats {
  readonly count: number;
  readonly mean: number;
  readonly stddev: number;
}

/**
 * One feature's drift accumulators against its baseline, all cumulative and mergeable across
 * replicas: the B rank-bin counts, and the deviations from the baseline mean (positive part,
 * negative part, squares) so that fleet mean and σ are divisions in PromQL and a feature at 1e9
 * keeps its precision. The per-pod window (for the span event) is the difference between the
 * counts now and at the last window close.
 * Memory: 16 × B bytes of counts + B attribute objects (~2.6 KiB at B = 20); the binner is shared.
 */
export class FeatureDrift {
  readonly bins: Float64Array;
  readonly #windowStart: Float64Array;
  readonly #binner: RankBinner;
  readonly shift: number;
  /** Σ max(x − mean, 0), Σ max(mean − x, 0), Σ (x − mean)² over finite values since the baseline. */
  positive = 0;
  negative = 0;
  squares = 0;
  /** Attributes per bin (`featurescope.drift.bin` "00"…), and of the per-feature series. */
  readonly binAttributes: readonly Attributes[];
  /** Feature, source `inline` and baseline id: the deviation sums. */
  readonly attributes: Attributes;
  /** Feature and baseline id: the baseline gauges (equal on every replica and in the monitor). */
  readonly baselineAttributes: Attributes;
  /** The last window's statistics (per pod, for the span event and snapshot). */
  last: BinnedDrift | undefined;

  constructor(
    readonly baseline: BaselineStats,
    readonly baselineId: string,
    binner: RankBinner,
    featureAttributes: Attributes,
  ) {
    const bins = binner.bins;
    this.#binner = binner;
    this.bins = new Float64Array(bins);
    this.#windowStart = new Float64Array(bins);
    this.shift = baseline.mean;
    this.baselineAttributes = Object.freeze({ ...featureAttributes, [ATTR_BASELINE_ID]: baselineId });
    this.attributes = Object.freeze({ ...this.baselineAttributes, [ATTR_SOURCE]: SOURCE_INLINE });
    const width = Math.max(2, String(bins - 1).length);
    this.binAttributes = Array.from({ length: bins }, (_, i) => Object.freeze({ ...this.attributes, [ATTR_DRIFT_BIN]: String(i).padStart(width, '0') }));
  }

  /** The hot path: one finite value. */
  add(value: number): void {
    this.bins[this.#binner.binOf(value)]! += 1;
    const d = value - this.shift;
    const squared = d * d;
    // A deviation beyond ~1e154 would make the squares (and so the export) Infinity: such a value
    // still counts in its rank bin, but stays out of the sums.
    if (squared === Infinity) return;
    if (d > 0) this.positive += d;
    else this.negative -= d;
    this.squares += squared;
  }

  /** Values counted since the last window close. */
  get windowCount(): number {
    let n = 0;
    for (let i = 0; i < this.bins.length; i++) n += this.bins[i]! - this.#windowStart[i]!;
    return n;
  }

  /** Finite values counted since the baseline was installed. */
  get count(): number {
    let n = 0;
    for (let i = 0; i < this.bins.length; i++) n += this.bins[i]!;
    return n;
  }

  /** Evaluates the window since the last close with the shared rule, then starts a new one. */
  closeWindow(rule: BinnedDriftRule): BinnedDrift {
    const window = new Float64Array(this.bins.length);
    for (let i = 0; i < window.length; i++) window[i] = this.bins[i]! - this.#windowStart[i]!;
    this.#windowStart.set(this.bins);
    this.last = binnedDrift(window, this.baseline.count, rule);
    return this.last;
  }
}
