import { diag, type Attributes, type BatchObservableResult, type Histogram, type MeterProvider, type Observable, type ObservableUpDownCounter } from '@opentelemetry/api';
import {
  ATTR_DB_CLIENT_CONNECTION_POOL_NAME,
  ATTR_DB_CLIENT_CONNECTION_STATE,
  CONNECTION_STATE_IDLE,
  CONNECTION_STATE_USED,
  INSTRUMENTATION_SCOPE,
  METRIC_DB_CLIENT_CONNECTION_COUNT,
  METRIC_DB_CLIENT_CONNECTION_MAX,
  METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS,
  METRIC_DB_CLIENT_CONNECTION_WAIT_TIME,
  WAIT_TIME_BUCKETS,
} from '../semconv.js';
import { VERSION } from '../version.js';
import { readConnectionLimit, readPoolSnapshot } from './pool-internals.js';

/**
 * Connection-pool metrics of the OpenTelemetry database semantic conventions, which
 * `@opentelemetry/instrumentation-mysql2` lacks. Counts are observed at collection time (nothing on
 * the hot path); the wait time is one `Histogram.record()` per acquisition with a precomputed
 * attribute set.
 */
export class PoolMetrics {
  readonly #pool: unknown;
  readonly #waitTime: Histogram;
  readonly #poolAttributes: Attributes;
  readonly #idleAttributes: Attributes;
  readonly #usedAttributes: Attributes;
  readonly #observables: Observable[];
  readonly #callback: (result: BatchObservableResult) => void;
  readonly #meter;
  #warned = false;

  constructor(pool: unknown, meterProvider: MeterProvider, poolName: string) {
    this.#pool = pool;
    this.#poolAttributes = Object.freeze({ [ATTR_DB_CLIENT_CONNECTION_POOL_NAME]: poolName });
    this.#idleAttributes = Object.freeze({ ...this.#poolAttributes, [ATTR_DB_CLIENT_CONNECTION_STATE]: CONNECTION_STATE_IDLE });
    this.#usedAttributes = Object.freeze({ ...this.#poolAttributes, [ATTR_DB_CLIENT_CONNECTION_STATE]: CONNECTION_STATE_USED });
    const meter = (this.#meter = meterProvider.getMeter(INSTRUMENTATION_SCOPE, VERSION));
    this.#waitTime = meter.createHistogram(METRIC_DB_CLIENT_CONNECTION_WAIT_TIME, {
      unit: 's',
      description: 'The time it took to obtain an open connection from the pool',
      advice: { explicitBucketBoundaries: [...WAIT_TIME_BUCKETS] },
    });
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
    this.#callback = (result) => this.#observe(result, count, pending, max);
    meter.addBatchObservableCallback(this.#callback, this.#observables);
  }

  /** Records one acquisition's wait, seconds. */
  recordWait(seconds: number): void {
    this.#waitTime.record(seconds, this.#poolAttributes);
  }

  /** Stops observing the pool (the store was closed). Idempotent. */
  shutdown(): void {
    this.#meter.removeBatchObservableCallback(this.#callback, this.#observables);
  }

  #observe(result: BatchObservableResult, count: ObservableUpDownCounter, pending: ObservableUpDownCounter, max: ObservableUpDownCounter): void {
    const snapshot = readPoolSnapshot(this.#pool);
    if (snapshot === undefined) {
      if (!this.#warned) diag.warn('@featurescope/mysql2: the pool does not expose mysql2 3.x internals; connection gauges are not reported');
      this.#warned = true;
    } else {
      result.observe(count, snapshot.idle, this.#idleAttributes);
      result.observe(count, snapshot.total - snapshot.idle, this.#usedAttributes);
      result.observe(pending, snapshot.pending, this.#poolAttributes);
    }
    const limit = readConnectionLimit(this.#pool);
    if (limit !== undefined && limit > 0) result.observe(max, limit, this.#poolAttributes);
  }
}
