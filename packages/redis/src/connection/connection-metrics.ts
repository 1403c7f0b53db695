import { diag, type Attributes, type BatchObservableResult, type MeterProvider, type Observable, type ObservableUpDownCounter } from '@opentelemetry/api';
import {
  ATTR_DB_CLIENT_CONNECTION_POOL_NAME,
  ATTR_DB_CLIENT_CONNECTION_STATE,
  INSTRUMENTATION_SCOPE,
  METRIC_DB_CLIENT_CONNECTION_COUNT,
  METRIC_DB_CLIENT_CONNECTION_MAX,
  METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS,
} from '../semconv.js';
import { VERSION } from '../version.js';
import type { CommandRunner } from './command-runner.js';

/**
 * `db.client.connection.*` gauges for the client's one multiplexed connection, observed at collection
 * time (nothing on the hot path): count 1 `used` while commands are in flight, 1 `idle` when connected
 * and quiet, 0 while disconnected; pending requests; max 1.
 */
export class ConnectionMetrics {
  readonly #runner: CommandRunner;
  readonly #observables: Observable[];
  readonly #callback: (result: BatchObservableResult) => void;
  readonly #meter;
  #warned = false;

  constructor(runner: CommandRunner, meterProvider: MeterProvider, poolName: string) {
    this.#runner = runner;
    const pool: Attributes = Object.freeze({ [ATTR_DB_CLIENT_CONNECTION_POOL_NAME]: poolName });
    const idle: Attributes = Object.freeze({ ...pool, [ATTR_DB_CLIENT_CONNECTION_STATE]: 'idle' });
    const used: Attributes = Object.freeze({ ...pool, [ATTR_DB_CLIENT_CONNECTION_STATE]: 'used' });
    const meter = (this.#meter = meterProvider.getMeter(INSTRUMENTATION_SCOPE, VERSION));
    const count = meter.createObservableUpDownCounter(METRIC_DB_CLIENT_CONNECTION_COUNT, {
      unit: '{connection}',
      description: 'The number of connections that are currently in the state described by the state attribute',
    });
    const pending = meter.createObservableUpDownCounter(METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS, {
      unit: '{request}',
      description: 'Commands awaiting a reply or queued while the client connects',
    });
    const max = meter.createObservableUpDownCounter(METRIC_DB_CLIENT_CONNECTION_MAX, {
      unit: '{connection}',
      description: 'The maximum number of open connections allowed',
    });
    this.#observables = [count, pending, max];
    this.#callback = (result) => this.#observe(result, count, pending, max, pool, idle, used);
    meter.addBatchObservableCallback(this.#callback, this.#observables);
  }

  /** Stops observing (the store was closed). Idempotent. */
  shutdown(): void {
    this.#meter.removeBatchObservableCallback(this.#callback, this.#observables);
  }

  #observe(
    result: BatchObservableResult,
    count: ObservableUpDownCounter,
    pending: ObservableUpDownCounter,
    max: ObservableUpDownCounter,
    pool: Attributes,
    idle: Attributes,
    used: Attributes,
  ): void {
    const waiting = this.#runner.pending();
    if (waiting === undefined && !this.#warned) {
      this.#warned = true;
      diag.warn('@featurescope/redis: the client hides its command queues; pending requests are not reported');
    }
    const open = this.#runner.ready ? 1 : 0;
    const busy = open === 1 && (waiting ?? 0) > 0 ? 1 : 0;
    result.observe(count, open - busy, idle);
    result.observe(count, busy, used);
    if (waiting !== undefined) result.observe(pending, waiting, pool);
    result.observe(max, 1, pool);
  }
}
