import type {
  FeatureStore,
  LookupRequest,
  LookupResult,
  UpsertRequest,
  UpsertResult,
  VectorSearchRequest,
  VectorSearchResult,
  VectorUpsertRequest,
  VectorUpsertResult,
} from '@featurescope/core';
import { SeededRandom } from '@featurescope/test-utils';

/** How often and by how much the wrapped store is slowed down. */
export interface TailLatencyOptions {
  /** Fraction of calls delayed, in [0, 1]. @default 0 */
  readonly fraction: number;
  /** Added delay of a delayed call, in milliseconds. @default 0 */
  readonly delayMs: number;
  /** Seed of the choice of delayed calls. @default 1 */
  readonly seed?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Wraps a store and delays a seeded fraction of calls before passing them on, to show how the
 * instrumentation behaves when the store is slow (spans stay open longer, more are in flight).
 * It sits under the instrumentation, like a slow network or a lock wait would.
 */
export class TailLatencyStore implements FeatureStore {
  readonly system: string;
  readonly #inner: FeatureStore;
  readonly #fraction: number;
  readonly #delayMs: number;
  readonly #random: SeededRandom;
  /** Calls that were delayed so far. */
  delayedCalls = 0;
  /** Calls seen so far. */
  calls = 0;

  constructor(inner: FeatureStore, options: TailLatencyOptions) {
    if (!(options.fraction >= 0 && options.fraction <= 1)) throw new RangeError(`TailLatencyStore: fraction must be within [0, 1], got ${options.fraction}`);
    if (!(options.delayMs >= 0)) throw new RangeError(`TailLatencyStore: delayMs must be ≥ 0, got ${options.delayMs}`);
    this.#inner = inner;
    this.system = inner.system;
    this.#fraction = options.fraction;
    this.#delayMs = options.delayMs;
    this.#random = new SeededRandom(options.seed ?? 1);
  }

  upsert(request: UpsertRequest): Promise<UpsertResult> {
    return this.#maybeDelay(() => this.#inner.upsert(request));
  }

  lookup(request: LookupRequest): Promise<LookupResult> {
    return this.#maybeDelay(() => this.#inner.lookup(request));
  }

  upsertVectors(request: VectorUpsertRequest): Promise<VectorUpsertResult> {
    return this.#maybeDelay(() => this.#inner.upsertVectors(request));
  }

  searchVectors(request: VectorSearchRequest): Promise<VectorSearchResult> {
    return this.#maybeDelay(() => this.#inner.searchVectors(request));
  }

  close(): Promise<void> {
    return this.#inner.close();
  }

  #maybeDelay<T>(call: () => Promise<T>): Promise<T> {
    this.calls++;
    if (this.#fraction === 0 || this.#random.next() >= this.#fraction) return call();
    this.delayedCalls++;
    return sleep(this.#delayMs).then(call);
  }
}
