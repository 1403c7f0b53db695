import type { Attributes } from '@opentelemetry/api';
import type { HistogramPoint, HistogramSnapshot } from './histogram-export.js';

// Per-series statistics, stored beside the bucket counts.
const COUNT = 0;
const SUM = 1;
const MIN = 2;
const MAX = 3;
const START = 4;
/** Bucket of the slot's previous value: values of one series tend to repeat their bucket. */
const LAST_BUCKET = 5;
const STATS = 6;

/**
 * One explicit-bucket histogram per slot (feature or collection), all in two typed arrays so
 * recording a value allocates nothing and costs a binary search over the boundaries.
 * Cumulative since the slot's first value; exported by `exportSlotHistograms` (a HistogramExport, or an SDK histogram it mirrors to).
 * Memory: 8 × (buckets + 1 + 6) bytes per slot that has recorded anything.
 */
export class SlotHistograms {
  readonly #boundaries: Float64Array;
  readonly #width: number;
  #counts = new Float64Array(0);
  #stats = new Float64Array(0);
  #mirror: ((slot: number, value: number) => void) | undefined;

  constructor(
    readonly name: string,
    readonly description: string,
    readonly unit: string,
    readonly boundaries: readonly number[],
  ) {
    this.#boundaries = Float64Array.from(boundaries);
    this.#width = boundaries.length + 1;
  }

  /** Also hands every recorded value to `mirror` (an SDK histogram); `undefined` stops it. */
  mirrorTo(mirror: ((slot: number, value: number) => void) | undefined): void {
    this.#mirror = mirror;
  }

  record(slot: number, value: number, nowMs: number): void {
    if (value !== value) return; // NaN never lands in a bucket
    if (this.#mirror !== undefined) this.#mirror(slot, value);
    const s = slot * STATS;
    if (s >= this.#stats.length) this.#grow(slot);
    const bounds = this.#boundaries;
    const stats = this.#stats;
    let lo = stats[s + LAST_BUCKET]!;
    // Two comparisons when the value lands where the slot's last one did, else a binary search.
    if ((lo !== 0 && !(value > bounds[lo - 1]!)) || (lo !== bounds.length && !(value <= bounds[lo]!))) {
      lo = 0;
      let hi = bounds.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (value <= bounds[mid]!) hi = mid;
        else lo = mid + 1;
      }
      stats[s + LAST_BUCKET] = lo;
    }
    this.#counts[slot * this.#width + lo]! += 1;
    const count = stats[s + COUNT]!;
    if (count === 0) {
      stats[s + MIN] = value;
      stats[s + MAX] = value;
      stats[s + START] = nowMs;
    } else {
      if (value < stats[s + MIN]!) stats[s + MIN] = value;
      if (value > stats[s + MAX]!) stats[s + MAX] = value;
    }
    stats[s + COUNT] = count + 1;
    stats[s + SUM]! += value;
  }

  /** Count, sum, min and max of a slot (zeros when it recorded nothing). */
  summary(slot: number): { count: number; sum: number; min: number; max: number } {
    const s = slot * STATS;
    if (s >= this.#stats.length || this.#stats[s + COUNT] === 0) return { count: 0, sum: 0, min: 0, max: 0 };
    return { count: this.#stats[s + COUNT]!, sum: this.#stats[s + SUM]!, min: this.#stats[s + MIN]!, max: this.#stats[s + MAX]! };
  }

  /** Bucket counts of a slot (a copy), for tests and snapshots. */
  bucketCounts(slot: number): number[] {
    const start = slot * this.#width;
    if (start >= this.#counts.length) return new Array<number>(this.#width).fill(0);
    return Array.from(this.#counts.subarray(start, start + this.#width));
  }

  /** A cumulative snapshot of every slot that has recorded a value. */
  snapshot(attributesOf: (slot: number) => Attributes | undefined): HistogramSnapshot {
    const points: HistogramPoint[] = [];
    const slots = this.#stats.length / STATS;
    for (let slot = 0; slot < slots; slot++) {
      const s = slot * STATS;
      if (this.#stats[s + COUNT] === 0) continue;
      const attributes = attributesOf(slot);
      if (attributes === undefined) continue;
      points.push({
        attributes,
        bucketCounts: this.#counts.slice(slot * this.#width, (slot + 1) * this.#width),
        count: this.#stats[s + COUNT]!,
        sum: this.#stats[s + SUM]!,
        min: this.#stats[s + MIN]!,
        max: this.#stats[s + MAX]!,
        startTimeMs: this.#stats[s + START]!,
      });
    }
    return { name: this.name, description: this.description, unit: this.unit, boundaries: this.boundaries, points };
  }

  /** Bytes held by the typed arrays. */
  get byteSize(): number {
    return this.#counts.byteLength + this.#stats.byteLength;
  }

  #grow(slot: number): void {
    let slots = Math.max(16, this.#stats.length / STATS);
    while (slots <= slot) slots *= 2;
    const counts = new Float64Array(slots * this.#width);
    counts.set(this.#counts);
    const stats = new Float64Array(slots * STATS);
    stats.set(this.#stats);
    this.#counts = counts;
    this.#stats = stats;
  }
}
