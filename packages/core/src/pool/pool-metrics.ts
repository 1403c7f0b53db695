import { type Attributes, type BatchObservableResult, type MeterProvider, type Observable, type ObservableUpDownCounter } from '@opentelemetry/api';
import { exportSlotHistograms } from '../bridge/export-slot-histograms.js';
import { SlotHistograms } from '../bridge/slot-histograms.js';
import {
  ATTR_DB_CLIENT_CONNECTION_POOL_NAME,
  ATTR_DB_CLIENT_CONNECTION_STATE,
  CONNECTION_STATE_IDLE,
  CONNECTION_STATE_USED,
  METRIC_DB_CLIENT_CONNECTION_COUNT,
  METRIC_DB_CLIENT_CONNECTION_MAX,
  METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS,
  METRIC_DB_CLIENT_CONNECTION_WAIT_TIME,
  WAIT_TIME_BUCKETS,
} from '../semconv.js';

/** A connection pool's state at one instant, read by each backend from its driver. */
export interface PoolSnapshot {
  /** Open connections (idle + used). */
  readonly total: number;
  readonly idle: number;
  /** Callers queued for a connection. */
  readonly pending: number;
  /** Most connections the pool may open, when known. */
  readonly max: number | undefined;
}

/** Where the pool metrics come from: one per backend. */
export interface PoolMetricsSource {
  /** Instrumentation scope (the backend package) and its version. */
  readonly scope: string;
  readonly version: string;
  /** `db.client.connection.pool.name`. */
  readonly poolName: string;
  /** The pool's state now, or undefined when the driver does not expose it (gauges are then skipped). */
  readonly read: () => PoolSnapshot | undefined;
}

/**
 * Connection-pool metrics of the OpenTelemetry database semantic conventions
 * (`db.client.connection.*`), the same for every SQL backend. Counts are observed at collection time
 * (nothing on the hot path); the wait time is aggregated in typed arrays per acquisition and
 * exported like the store's durations (`exportSlotHistograms`): no attribute hashing per checkout.
 */
export class PoolMetrics {
  readonly #waitTime = new SlotHistograms(METRIC_DB_CLIENT_CONNECTION_WAIT_TIME, 'The time it took to obtain an open connection from the pool', 's', WAIT_TIME_BUCKETS);
  readonly #startMs = Date.now();
  readonly #stopWaitTime: () => void;
  readonly #poolAttributes: Attributes;
  readonly #idleAttributes: Attributes;
  readonly #usedAttributes: Attributes;
  readonly #observables: Observable[];
  readonly #callback: (result: BatchObservableResult) => void;
  readonly #meter;

  constructor(meterProvider: MeterProvider, source: PoolMetricsSource) {
    this.#poolAttributes = Object.freeze({ [ATTR_DB_CLIENT_CONNECTION_POOL_NAME]: source.poolName });
    this.#idleAttributes = Object.freeze({ ...this.#poolAttributes, [ATTR_DB_CLIENT_CONNECTION_STATE]: CONNECTION_STATE_IDLE });
    this.#usedAttributes = Object.freeze({ ...this.#poolAttributes, [ATTR_DB_CLIENT_CONNECTION_STATE]: CONNECTION_STATE_USED });
    const meter = (this.#meter = meterProvider.getMeter(source.scope, source.version));
    const poolAttributes = this.#poolAttributes;
    this.#stopWaitTime = exportSlotHistograms(meterProvider, { name: source.scope, version: source.version }, [
      { histograms: this.#waitTime, attributesOf: () => poolAttributes },
    ]);
    const count = meter.createObservableUpDownCounter(METRIC_DB_CLIENT_CONNECTION_COUNT, {
      unit: '{connection}',
      description: 'The number of connections that are currently in the state described by the state attribute',
    });
    const pending = meter.createObservableUpDownCounter(METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS, {
      unit: '{request}',
      description: 'The number of current pending requests for an open connection',
    });
    const max = meter.createObservableUpDownCounter(METRIC_DB_CLIENT_CONNECTION_MAX, {
      unit: '{connection}',
      description: 'The maximum number of open connections allowed',
    });
    this.#observables = [count, pending, max];
    this.#callback = (result) => this.#observe(source.read(), result, count, pending, max);
    meter.addBatchObservableCallback(this.#callback, this.#observables);
  }

  /** Records one acquisition's wait, seconds. */
  recordWait(seconds: number): void {
    this.#waitTime.record(0, seconds, this.#startMs);
  }

  /** Stops observing the pool (the store was closed). Idempotent. */
  shutdown(): void {
    this.#stopWaitTime();
    this.#meter.removeBatchObservableCallback(this.#callback, this.#observables);
  }

  #observe(snapshot: PoolSnapshot | undefined, result: BatchObservableResult, count: ObservableUpDownCounter, pending: ObservableUpDownCounter, max: ObservableUpDownCounter): void {
    if (snapshot === undefined) return;
    result.observe(count, snapshot.idle, this.#idleAttributes);
    result.observe(count, snapshot.total - snapshot.idle, this.#usedAttributes);
    result.observe(pending, snapshot.pending, this.#poolAttributes);
    if (snapshot.max !== undefined && snapshot.max > 0) result.observe(max, snapshot.max, this.#poolAttributes);
  }
}
