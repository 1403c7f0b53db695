import type { MeterProvider } from '@opentelemetry/api';
import type { RetryOptions, TimeoutOptions, VectorCollectionSpec } from '@featurescope/core';
import type { MysqlPool } from './driver-types.js';
import type { FeatureColumns } from './sql/feature-sql.js';

/** Options of {@link createMysqlFeatureStore}. Give exactly one of `url` and `client`. */
export interface MysqlFeatureStoreOptions extends TimeoutOptions {
  /**
   * `mysql://user:password@host:port/database`: the store creates its own mysql2 pool (UTC session
   * time zone, `queueLimit`) and ends it on `close()`.
   */
  readonly url?: string;
  /** Your own `mysql2/promise` pool. `close()` leaves it open. */
  readonly client?: MysqlPool;
  /** Feature table of every group not in `groupTables` (may be `schema.table`). @default 'feature_values' */
  readonly table?: string;
  /** Column names, to wrap an existing table (e.g. `{ entityId: 'user_id' }`). @default entity_id, feature_name, value, updated_at */
  readonly columns?: Partial<FeatureColumns>;
  /**
   * Feature group → table. Groups that share a table share its (entity, feature) key space.
   * @default {} (every group uses `table`)
   */
  readonly groupTables?: Readonly<Record<string, string>>;
  /** Vector collections and their dimensions; each gets its own table. @default [] */
  readonly collections?: readonly VectorCollectionSpec[];
  /** Prefix of vector table names: collection `c` lives in table `<prefix>c`. @default 'vectors_' */
  readonly vectorTablePrefix?: string;
  /** Connections (`connectionLimit`) of the pool the store creates from `url`. @default 10 */
  readonly poolSize?: number;
  /**
   * Most callers waiting for a connection of the pool created from `url` (mysql2 `queueLimit`); past
   * it calls fail at once with `PoolQueueFullError` instead of queueing without bound. 0 means
   * unbounded (mysql2's own default). For your own `client`, set `queueLimit` on it. @default 1000
   */
  readonly queueLimit?: number;
  /**
   * Most rows per INSERT statement; larger batches are split into several statements run in one
   * transaction. Statements are also kept under half the server's `max_allowed_packet`. @default 1000
   */
  readonly upsertChunkSize?: number;
  /** Most entity ids (and feature names) per `IN (…)` list of a lookup. @default 1000 */
  readonly lookupChunkSize?: number;
  /** Retrying transient failures. @default { maxAttempts: 5, baseDelayMs: 25, maxDelayMs: 1000 } */
  readonly retry?: RetryOptions;
  /** Report `db.client.connection.*` pool metrics. @default true */
  readonly poolMetrics?: boolean;
  /** Meter provider for the pool metrics. @default the global one (`metrics.getMeterProvider()`) */
  readonly meterProvider?: MeterProvider;
  /** `db.client.connection.pool.name`. @default `host:port/database` of the pool's configuration */
  readonly poolName?: string;
  /** Monotonic clock in ms, for connection wait times; tests pass a fake. @default performance.now */
  readonly now?: () => number;
}
