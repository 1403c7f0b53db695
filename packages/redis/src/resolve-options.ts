import { metrics, type MeterProvider } from '@opentelemetry/api';
import { InvalidOptionError, VectorCollections, resolveRetryPolicy, resolveTimeoutPolicy, type RetryPolicy, type TimeoutPolicy } from '@featurescope/core';
import { isIoRedis, isNodeRedis, type IoRedisLike, type NodeRedisLike } from './driver-types.js';
import { DEFAULT_KEY_PREFIX, TIME_FIELD_PREFIX, defaultKeyLayout, type RedisKeyLayout } from './layout/key-layout.js';
import type { RedisFeatureStoreOptions } from './options.js';

/** Options after validation, with defaults applied; frozen. */
export interface ResolvedRedisOptions {
  readonly url: string | undefined;
  readonly client: IoRedisLike | NodeRedisLike | undefined;
  readonly layout: RedisKeyLayout;
  /** Prefix of the value fields that would collide with write-time fields (default layout only). */
  readonly reservedFieldPrefix: string | undefined;
  readonly groupTtlMs: ReadonlyMap<string, number>;
  readonly collections: VectorCollections;
  readonly timeouts: TimeoutPolicy;
  readonly retry: RetryPolicy;
  readonly meterProvider: MeterProvider | undefined;
  readonly poolName: string | undefined;
  readonly clock: () => number;
  readonly now: () => number;
}

/** Validates every option at construction (fail fast, never on the hot path). */
export function resolveRedisOptions(options: RedisFeatureStoreOptions): ResolvedRedisOptions {
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('options', 'are required');
  const { url, client } = options;
  if ((url === undefined) === (client === undefined)) throw new InvalidOptionError('url', 'give exactly one of `url` and `client`');
  if (url !== undefined && (typeof url !== 'string' || !/^rediss?:\/\//i.test(url))) throw new InvalidOptionError('url', 'must be a redis:// or rediss:// URL');
  if (client !== undefined && !isIoRedis(client) && !isNodeRedis(client)) {
    throw new InvalidOptionError('client', 'must be an ioredis client, or a connected node-redis client (createClient() from `redis` ≥ 4)');
  }
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  if (typeof prefix !== 'string') throw new InvalidOptionError('keyPrefix', 'must be a string');
  const custom = options.keyLayout ?? {};
  for (const name of ['key', 'valueField', 'timeField'] as const) {
    if (custom[name] !== undefined && typeof custom[name] !== 'function') throw new InvalidOptionError(`keyLayout.${name}`, 'must be a function');
  }
  const layout = Object.freeze({ ...defaultKeyLayout(prefix), ...custom });
  const usesDefaultFields = custom.valueField === undefined && custom.timeField === undefined;
  const groupTtlMs = new Map<string, number>();
  for (const [group, seconds] of Object.entries(options.groupTtlSeconds ?? {})) {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) throw new InvalidOptionError(`groupTtlSeconds.${group}`, `must be a positive number of seconds, got ${String(seconds)}`);
    groupTtlMs.set(group, Math.ceil(seconds * 1000));
  }
  if (options.poolName !== undefined && (typeof options.poolName !== 'string' || options.poolName === '')) throw new InvalidOptionError('poolName', 'must be a non-empty string');
  for (const name of ['clock', 'now'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new InvalidOptionError(name, 'must be a function');
  }
  return Object.freeze({
    url,
    client,
    layout,
    reservedFieldPrefix: usesDefaultFields ? TIME_FIELD_PREFIX : undefined,
    groupTtlMs,
    collections: new VectorCollections(options.collections),
    timeouts: resolveTimeoutPolicy(options),
    retry: resolveRetryPolicy(options.retry),
    meterProvider: options.connectionMetrics === false ? undefined : (options.meterProvider ?? metrics.getMeterProvider()),
    poolName: options.poolName,
    clock: options.clock ?? Date.now,
    now: options.now ?? (() => performance.now()),
  });
}
