import type { LookupRequest, LookupResult } from '../store/types.js';

/**
 * The values one lookup served, flattened once by the instrumentation for its own counters and every
 * observer, so none of them repeats the two map lookups per value. Entry `i` is one requested
 * (entity, feature) pair that was found, in request order (entities outer, features inner; a repeated
 * entity id repeats its entries). The buffers are reused by the next lookup: read them synchronously
 * inside `afterLookup`, never keep them.
 */
export interface ServedValues {
  /** Pairs found. */
  readonly count: number;
  /** Per entry: the index of its feature in `request.features`. */
  readonly featureIndex: Int32Array;
  /** Per entry: the stored value; read {@link nulls} first (a stored null is NaN here). */
  readonly values: Float64Array;
  /** Per entry: 1 when the stored value is null. */
  readonly nulls: Uint8Array;
  /** Per entry: when the value was written, ms since the epoch. */
  readonly updatedAtMs: Float64Array;
  /** Per feature of the request (same index): how many requested pairs were found. */
  readonly foundPerFeature: Int32Array;
}

/**
 * A reusable {@link ServedValues}: typed arrays grown to the largest lookup seen, never shrunk, so
 * collecting allocates nothing per call (a JS array of numbers would box each one).
 */
export class ServedValuesBuffer implements ServedValues {
  count = 0;
  featureIndex = new Int32Array(64);
  values = new Float64Array(64);
  nulls = new Uint8Array(64);
  updatedAtMs = new Float64Array(64);
  foundPerFeature = new Int32Array(16);

  /**
   * Fills the buffer from a lookup's request and result. With `entries` false only `count` and
   * `foundPerFeature` are filled (what per-feature counters need), not the per-entry arrays.
   */
  collect(request: LookupRequest, result: LookupResult, entries = true): this {
    const features = request.features;
    const featureCount = features.length;
    if (featureCount > this.foundPerFeature.length) this.foundPerFeature = new Int32Array(grownLength(this.foundPerFeature.length, featureCount));
    const found = this.foundPerFeature;
    for (let f = 0; f < featureCount; f++) found[f] = 0; // a loop: fill() is a builtin call, slower for a few entries
    let count = 0;
    for (const entityId of request.entityIds) {
      const stored = result.values.get(entityId);
      if (stored === undefined) continue;
      for (let f = 0; f < featureCount; f++) {
        const value = stored.get(features[f]!);
        if (value === undefined) continue;
        found[f]! += 1;
        if (entries) {
          if (count === this.featureIndex.length) this.#grow(count + 1);
          this.featureIndex[count] = f;
          const served = value.value;
          this.nulls[count] = served === null ? 1 : 0;
          this.values[count] = served === null ? Number.NaN : served;
          this.updatedAtMs[count] = value.updatedAt.getTime();
        }
        count++;
      }
    }
    this.count = count;
    return this;
  }

  #grow(size: number): void {
    const length = grownLength(this.featureIndex.length, size);
    this.featureIndex = grown(new Int32Array(length), this.featureIndex);
    this.values = grown(new Float64Array(length), this.values);
    this.nulls = grown(new Uint8Array(length), this.nulls);
    this.updatedAtMs = grown(new Float64Array(length), this.updatedAtMs);
  }
}

function grown<T extends Int32Array | Float64Array | Uint8Array>(into: T, from: T): T {
  into.set(from);
  return into;
}

function grownLength(length: number, size: number): number {
  let grown = length * 2;
  while (grown < size) grown *= 2;
  return grown;
}
