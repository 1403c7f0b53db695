import type { FeatureStore } from '@featurescope/core';
import type { Operation, WorkloadGenerator } from '../workload/workload-generator.js';

/** A growable buffer of latency samples (microseconds). */
export class SampleBuffer {
  #data = new Float64Array(1 << 14);
  #length = 0;

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const grown = new Float64Array(this.#data.length * 2);
      grown.set(this.#data);
      this.#data = grown;
    }
    this.#data[this.#length++] = value;
  }

  get length(): number {
    return this.#length;
  }

  /** The samples in ascending order (a copy). */
  sorted(): Float64Array {
    return this.#data.slice(0, this.#length).sort();
  }
}

/** The outcome of driving a store with N concurrent workers. */
export interface LoadResult {
  readonly calls: number;
  /** Feature values / vectors / matches moved by the calls. */
  readonly values: number;
  readonly errors: number;
  readonly firstError: unknown;
  readonly latenciesUs: SampleBuffer;
}

/** Calls per worker between yields to the event loop's macrotask queue. */
const YIELD_EVERY = 64;

function dispatch(store: FeatureStore, op: Operation): Promise<unknown> {
  switch (op.kind) {
    case 'lookup':
      return store.lookup(op.request);
    case 'upsert':
      return store.upsert(op.request);
    case 'vector_search':
      return store.searchVectors(op.request);
    case 'vector_upsert':
      return store.upsertVectors(op.request);
  }
}

/**
 * Runs one worker per generator until `durationMs` elapses, each awaiting its previous call
 * (closed loop), so concurrency equals the number of generators. Latency is measured per call
 * around the await, which includes the instrumentation's own work.
 */
export async function runLoad(store: FeatureStore, generators: readonly WorkloadGenerator[], durationMs: number): Promise<LoadResult> {
  const latencies = new SampleBuffer();
  const deadline = performance.now() + durationMs;
  let calls = 0;
  let values = 0;
  let errors = 0;
  let firstError: unknown;
  const worker = async (generator: WorkloadGenerator): Promise<void> => {
    let sinceYield = 0;
    while (performance.now() < deadline) {
      const op = generator.next();
      const started = performance.now();
      try {
        await dispatch(store, op);
      } catch (error) {
        errors++;
        firstError ??= error;
        if (errors > 100) return;
      }
      latencies.push((performance.now() - started) * 1000);
      calls++;
      values += op.values;
      // A store that answers from memory never yields to timers; real request handlers do, and the
      // batch span processor and the metric reader need the event loop. Same for every variant.
      if (++sinceYield === YIELD_EVERY) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  };
  await Promise.all(generators.map(worker));
  return { calls, values, errors, firstError, latenciesUs: latencies };
}
