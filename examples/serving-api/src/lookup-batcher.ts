import { context, trace, type Context } from '@opentelemetry/api';
import type { FeatureStore, LookupResult, StoredFeatureValue } from '@featurescope/core';

/** One user's stored values, feature name → value (absent = miss), and how many users shared the store call. */
export interface BatchedLookup {
  readonly values: ReadonlyMap<string, StoredFeatureValue> | undefined;
  readonly batchSize: number;
}

export interface LookupBatcherOptions {
  readonly store: FeatureStore;
  readonly group: string;
  /** Most users in one store lookup. @default 128 */
  readonly maxBatch?: number;
  /** Runs the store call (e.g. with retries). @default calls it once */
  readonly run?: <T>(work: () => Promise<T>) => Promise<T>;
}

interface Waiter {
  readonly userId: string;
  readonly features: readonly string[];
  readonly context: Context;
  resolve(result: BatchedLookup): void;
  reject(error: unknown): void;
}

/**
 * Coalesces the lookups that arrive in the same turn of the event loop into one store lookup
 * (ids of every waiting request × the union of their features): under load, N concurrent HTTP
 * requests cost one SQL round trip instead of N. The store span runs in the first request's trace;
 * the others record the batch size on their own server span.
 */
export class LookupBatcher {
  readonly #options: LookupBatcherOptions;
  readonly #maxBatch: number;
  #pending: Waiter[] = [];
  #scheduled = false;

  constructor(options: LookupBatcherOptions) {
    this.#options = options;
    this.#maxBatch = options.maxBatch ?? 128;
  }

  lookup(userId: string, features: readonly string[]): Promise<BatchedLookup> {
    return new Promise<BatchedLookup>((resolve, reject) => {
      this.#pending.push({ userId, features, context: context.active(), resolve, reject });
      if (this.#pending.length >= this.#maxBatch) this.#flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    const entityIds = [...new Set(batch.map((w) => w.userId))];
    const features = [...new Set(batch.flatMap((w) => w.features))];
    const run = this.#options.run ?? ((work) => work());
    const lookup = (): Promise<LookupResult> => this.#options.store.lookup({ group: this.#options.group, entityIds, features });
    context.with(batch[0]!.context, () => run(lookup)).then(
      (result) => {
        for (const waiter of batch) {
          trace.getSpan(waiter.context)?.setAttribute('serving.lookup.batch_size', batch.length);
          waiter.resolve({ values: result.values.get(waiter.userId), batchSize: batch.length });
        }
      },
      (error: unknown) => {
        for (const waiter of batch) waiter.reject(error);
      },
    );
  }
}
