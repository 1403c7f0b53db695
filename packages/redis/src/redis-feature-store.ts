import {
  CallDeadline,
  ProblemCollector,
  StoreCapabilityError,
  StoreClosedError,
  validateLookupRequest,
  validateUpsertRequest,
  withRetry,
  withinLimit,
  type FeatureStore,
  type LookupRequest,
  type LookupResult,
  type PoolMetrics,
  type StoreEndpoint,
  type StoredFeatureValue,
  type UpsertRequest,
  type UpsertResult,
  type VectorSearchRequest,
  type VectorSearchResult,
  type VectorUpsertRequest,
  type VectorUpsertResult,
} from '@featurescope/core';
import type { CommandRunner } from './connection/command-runner.js';
import { RedisWrongTypeError } from './errors.js';
import { decodeTime, decodeValue, encodeValue } from './layout/value-codec.js';
import type { ResolvedRedisOptions } from './resolve-options.js';
import { isRetryableRedisError } from './retry/retryable-errors.js';
import type { RedisServerInfo } from './server/detect-server.js';

/** Where the store's client and server came from; built by `createRedisFeatureStore`. */
export interface RedisStoreParts {
  readonly options: ResolvedRedisOptions;
  readonly runner: CommandRunner;
  readonly ownsClient: boolean;
  readonly server: RedisServerInfo;
  readonly endpoint: StoreEndpoint;
  readonly connectionMetrics: PoolMetrics | undefined;
}

/**
 * A {@link FeatureStore} over Redis hashes (see `RedisKeyLayout` for the layout). An upsert is one
 * MULTI/EXEC sent in one round trip (HSET per entity, PEXPIRE per entity when its group has a TTL);
 * a lookup is one pipeline of HMGET, one per entity, also one round trip. Create it with
 * `createRedisFeatureStore()`.
 */
export class RedisFeatureStore implements FeatureStore {
  readonly system = 'redis';
  /** What was detected about the server at creation. */
  readonly server: RedisServerInfo;
  /** Host, port and database index, for `server.address`, `server.port` and `db.namespace`. */
  readonly endpoint: StoreEndpoint;
  readonly #options: ResolvedRedisOptions;
  readonly #runner: CommandRunner;
  readonly #ownsClient: boolean;
  readonly #connectionMetrics: PoolMetrics | undefined;
  readonly #stopIfClosed = (): Error | undefined => (this.#closed ? new StoreClosedError() : undefined);
  #closed = false;
  #closing: Promise<void> | undefined;

  /** @internal Use `createRedisFeatureStore()`. */
  constructor(parts: RedisStoreParts) {
    this.#options = parts.options;
    this.#runner = parts.runner;
    this.#ownsClient = parts.ownsClient;
    this.#connectionMetrics = parts.connectionMetrics;
    this.server = parts.server;
    this.endpoint = parts.endpoint;
  }

  async upsert(request: UpsertRequest): Promise<UpsertResult> {
    this.#assertOpen();
    validateUpsertRequest(request);
    this.#rejectReservedFeatures(request);
    const rows = request.rows;
    if (rows.length === 0) return { written: 0 };
    const { layout, groupTtlMs } = this.#options;
    const writtenAt = String(Math.floor(this.#options.clock()));
    // One HSET per entity; a repeated (entity, feature) pair is set twice in order, so the last row wins.
    const byKey = new Map<string, string[]>();
    for (const row of rows) {
      const key = layout.key(request.group, row.entityId);
      let command = byKey.get(key);
      if (command === undefined) byKey.set(key, (command = ['hset', key]));
      command.push(layout.valueField(row.feature), encodeValue(row.value), layout.timeField(row.feature), writtenAt);
    }
    const commands = [...byKey.values()];
    const ttlMs = groupTtlMs.get(request.group);
    if (ttlMs !== undefined) for (const key of byKey.keys()) commands.push(['pexpire', key, String(ttlMs)]);
    await this.#run(async () => {
      try {
        await this.#runner.batch(commands, true);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('WRONGTYPE')) throw new RedisWrongTypeError(error);
        throw error;
      }
    });
    return { written: rows.length };
  }

  async lookup(request: LookupRequest): Promise<LookupResult> {
    this.#assertOpen();
    validateLookupRequest(request);
    const values = new Map<string, Map<string, StoredFeatureValue>>();
    const entityIds = [...new Set(request.entityIds)];
    const features = [...new Set(request.features)];
    if (entityIds.length === 0 || features.length === 0) return { values };
    const { layout } = this.#options;
    const fields = new Array<string>(features.length * 2);
    for (let f = 0; f < features.length; f++) {
      fields[2 * f] = layout.valueField(features[f]!);
      fields[2 * f + 1] = layout.timeField(features[f]!);
    }
    const commands = entityIds.map((entityId) => ['hmget', layout.key(request.group, entityId), ...fields]);
    const replies = await this.#run(() => this.#runner.batch(commands, false));
    for (let e = 0; e < entityIds.length; e++) {
      const reply = replies[e] as unknown[];
      let found: Map<string, StoredFeatureValue> | undefined;
      for (let f = 0; f < features.length; f++) {
        const value = decodeValue(reply[2 * f]);
        if (value === undefined) continue;
        found ??= new Map();
        found.set(features[f]!, { value, updatedAt: decodeTime(reply[2 * f + 1]) });
      }
      if (found !== undefined) values.set(entityIds[e]!, found);
    }
    return { values };
  }

  upsertVectors(_request: VectorUpsertRequest): Promise<VectorUpsertResult> {
    return this.#vectorsUnavailable();
  }

  searchVectors(_request: VectorSearchRequest): Promise<VectorSearchResult> {
    return this.#vectorsUnavailable();
  }

  /** Nothing to create: hashes appear on first write. Present so every store can be set up alike. */
  ensureSchema(): Promise<void> {
    return this.#closed ? Promise.reject(new StoreClosedError()) : Promise.resolve();
  }

  /** Stops the connection metrics and, when the store created the client, quits it. Idempotent. */
  close(): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    this.#closed = true;
    this.#connectionMetrics?.shutdown();
    this.#closing = this.#ownsClient ? this.#runner.end() : Promise.resolve();
    return this.#closing;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- async turns throws into rejections
  async #vectorsUnavailable(): Promise<never> {
    this.#assertOpen();
    throw new StoreCapabilityError('vector', `Vectors are not available: ${this.server.vectorUnavailableReason}; nothing was sent`);
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }

  /** With the default layout a feature named `_ts:x` would overwrite the write time of `x`. */
  #rejectReservedFeatures(request: UpsertRequest): void {
    const prefix = this.#options.reservedFieldPrefix;
    if (prefix === undefined) return;
    const problems = new ProblemCollector();
    request.rows.forEach((row, i) => {
      if (row.feature.startsWith(prefix)) problems.add('INVALID_FEATURE_NAME', i, `rows[${i}].feature`, `must not start with "${prefix}" (reserved for write times)`);
    });
    problems.throwIfAny();
  }

  /**
   * Runs one attempt per try within the call's deadlines (core's shared retry module). A timed-out
   * batch leaves the connection open: it is shared by concurrent calls, and ioredis matches and
   * drops the late reply.
   */
  #run<T>(attempt: () => Promise<T>): Promise<T> {
    const deadline = new CallDeadline(this.#options.timeouts, this.#options.now);
    return withRetry(this.#options.retry, () => withinLimit(attempt(), deadline.limitFor('query'), noop), {
      isRetryable: isRetryableRedisError,
      deadline,
      shouldStop: this.#stopIfClosed,
    });
  }
}

const noop = (): void => undefined;
