import type { MeterProvider } from '@opentelemetry/api';
import type { RetryOptions, TimeoutOptions, VectorCollectionSpec } from '@featurescope/core';
import type { IoRedisLike, NodeRedisLike } from './driver-types.js';
import type { RedisKeyLayout } from './layout/key-layout.js';

/**
 * Options of {@link createRedisFeatureStore}. Give exactly one of `url` and `client`. The deadlines
 * (`connectTimeoutMs`, `queryTimeoutMs`, `callTimeoutMs`) are core's, shared by every store: a
 * command batch that outlives its limit fails with `StoreTimeoutError`; the connection is kept (it
 * is shared by concurrent calls, and ioredis discards late replies).
 */
export interface RedisFeatureStoreOptions extends TimeoutOptions {
  /**
   * `redis://[user:password@]host:port[/db]` or `rediss://…`: the store creates its own ioredis client
   * (ioredis is loaded only then) and quits it on `close()`.
   */
  readonly url?: string;
  /** Your own ioredis client, or a connected node-redis client (`redis` ≥ 4). `close()` leaves it open. */
  readonly client?: IoRedisLike | NodeRedisLike;
  /** Prefix of every key of the default layout; give each application or test its own. @default 'fs:' */
  readonly keyPrefix?: string;
  /**
   * Your own key scheme, e.g. to read hashes another tool wrote. Functions given replace the default
   * layout's (`fs:{group}:{entityId}`, field `{feature}`, field `_ts:{feature}`). @default the default layout
   */
  readonly keyLayout?: Partial<RedisKeyLayout>;
  /**
   * Time to live per feature group, seconds: every upsert (re)sets the expiry of the hashes it writes,
   * so an entity not written for that long disappears (lookups then miss). @default {} (no expiry)
   */
  readonly groupTtlSeconds?: Readonly<Record<string, number>>;
  /** Vector collections. Accepted for a uniform configuration; vector calls fail with `StoreCapabilityError`. @default [] */
  readonly collections?: readonly VectorCollectionSpec[];
  /** Retrying transient failures. @default { maxAttempts: 5, baseDelayMs: 25, maxDelayMs: 1000 } */
  readonly retry?: RetryOptions;
  /** Report `db.client.connection.*` metrics for the client's connection. @default true */
  readonly connectionMetrics?: boolean;
  /** Meter provider for the connection metrics. @default the global one (`metrics.getMeterProvider()`) */
  readonly meterProvider?: MeterProvider;
  /** `db.client.connection.pool.name`. @default `host:port/db` of the client */
  readonly poolName?: string;
  /** Wall clock (ms since the epoch) for write times; tests pass a fake. @default Date.now */
  readonly clock?: () => number;
  /** Monotonic clock (ms) for deadlines. @default performance.now */
  readonly now?: () => number;
}
