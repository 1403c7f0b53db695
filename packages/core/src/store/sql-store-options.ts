import type { MeterProvider } from '@opentelemetry/api';
import type { TimeoutOptions } from '../retry/deadline.js';
import type { RetryOptions } from '../retry/retry-policy.js';
import type { FeatureColumnNames } from '../table/feature-table-layout.js';
import type { VectorCollectionSpec } from './types.js';

/**
 * Options every SQL store backend (mysql2, postgres) accepts, with the same names and defaults,
 * declared once here. Each backend adds only what is its own (`url` schemes, driver client types).
 */
export interface SqlStoreOptions extends TimeoutOptions {
  /** Feature table of every group not in `groupTables`; may be `schema.table`. @default 'feature_values' */
  readonly table?: string;
  /** Column names, to wrap an existing table (e.g. `{ entityId: 'user_id' }`). @default entity_id, feature_name, value, updated_at */
  readonly columns?: Partial<FeatureColumnNames>;
  /** Feature group → table. Groups that share a table share its (entity, feature) key space. @default {} */
  readonly groupTables?: Readonly<Record<string, string>>;
  /** Vector collections and their dimensions; each gets its own table. @default [] */
  readonly collections?: readonly VectorCollectionSpec[];
  /** Prefix of vector table names: collection `c` lives in table `<prefix>c`. @default 'vectors_' */
  readonly vectorTablePrefix?: string;
  /** Connections of the pool the store creates from `url`. @default 10 */
  readonly poolSize?: number;
  /**
   * Most callers waiting for a connection of the pool created from `url`; past it calls fail at once
   * with `PoolQueueFullError` instead of queueing without bound. 0 means unbounded. @default 1000
   */
  readonly queueLimit?: number;
  /** Most rows per INSERT statement; larger batches are split into statements run in one transaction. @default 1000 */
  readonly upsertChunkSize?: number;
  /** Most entity ids per lookup statement; larger lookups run one statement per chunk. @default 1000 */
  readonly lookupChunkSize?: number;
  /** Retrying transient failures (shared policy of core). @default { maxAttempts: 5, baseDelayMs: 25, maxDelayMs: 1000 } */
  readonly retry?: RetryOptions;
  /** Report `db.client.connection.*` pool metrics. @default true */
  readonly poolMetrics?: boolean;
  /** Meter provider for the pool metrics. @default the global one (`metrics.getMeterProvider()`) */
  readonly meterProvider?: MeterProvider;
  /** `db.client.connection.pool.name`. @default `host:port/database` of the pool's configuration */
  readonly poolName?: string;
}

/** Defaults of {@link SqlStoreOptions} (timeouts: `DEFAULT_TIMEOUTS`; retry: `DEFAULT_RETRY`). */
export const SQL_STORE_DEFAULTS = Object.freeze({
  table: 'feature_values',
  vectorTablePrefix: 'vectors_',
  poolSize: 10,
  queueLimit: 1000,
  upsertChunkSize: 1000,
  lookupChunkSize: 1000,
});

/** Bounds of the numeric options, [min, max]. */
const BOUNDS = { poolSize: [1, 10_000], queueLimit: [0, 10_000_000], upsertChunkSize: [1, 100_000], lookupChunkSize: [1, 100_000] } as const;

/** The sizing options resolved: defaults applied, each checked (a TypeError naming the option). */
export function resolveSqlSizes(options: SqlStoreOptions): { poolSize: number; queueLimit: number; upsertChunkSize: number; lookupChunkSize: number } {
  const pick = (name: keyof typeof BOUNDS): number => {
    const value = options[name] ?? SQL_STORE_DEFAULTS[name];
    const [min, max] = BOUNDS[name];
    if (!Number.isInteger(value) || value < min || value > max) throw new TypeError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
    return value;
  };
  return { poolSize: pick('poolSize'), queueLimit: pick('queueLimit'), upsertChunkSize: pick('upsertChunkSize'), lookupChunkSize: pick('lookupChunkSize') };
}
