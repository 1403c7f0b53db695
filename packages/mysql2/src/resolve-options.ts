import { metrics, type MeterProvider } from '@opentelemetry/api';
import { VectorCollections, DEFAULT_FEATURE_TABLE, SQL_STORE_DEFAULTS, resolveRetryPolicy, resolveSqlSizes, resolveTimeoutPolicy, type RetryPolicy, type TimeoutPolicy } from '@featurescope/core';
import type { MysqlPool } from './driver-types.js';
import type { MysqlFeatureStoreOptions } from './options.js';
import { DEFAULT_COLUMNS, quoteFeatureTable, type QuotedFeatureTable } from './sql/feature-sql.js';
import { quoteIdentifier } from './sql/identifiers.js';
import type { QuotedVectorTable } from './sql/vector-sql.js';

export const DEFAULT_TABLE = DEFAULT_FEATURE_TABLE;
export const DEFAULT_VECTOR_TABLE_PREFIX = SQL_STORE_DEFAULTS.vectorTablePrefix;

/** Options after validation, with defaults applied and identifiers quoted; frozen. */
export interface ResolvedStoreOptions {
  readonly url: string | undefined;
  readonly client: MysqlPool | undefined;
  readonly defaultTable: QuotedFeatureTable;
  readonly groupTables: ReadonlyMap<string, QuotedFeatureTable>;
  readonly collections: VectorCollections;
  readonly vectorTables: ReadonlyMap<string, QuotedVectorTable>;
  readonly poolSize: number;
  readonly queueLimit: number;
  readonly upsertChunkSize: number;
  readonly lookupChunkSize: number;
  readonly retry: RetryPolicy;
  readonly timeouts: TimeoutPolicy;
  readonly meterProvider: MeterProvider | undefined;
  readonly poolName: string | undefined;
  readonly now: () => number;
}

/** Validates every option at construction (fail fast, never on the hot path). */
export function resolveStoreOptions(options: MysqlFeatureStoreOptions): ResolvedStoreOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('createMysqlFeatureStore: options are required');
  const { url, client } = options;
  if ((url === undefined) === (client === undefined)) throw new TypeError('createMysqlFeatureStore: give exactly one of `url` and `client`');
  if (url !== undefined && (typeof url !== 'string' || !/^mysql:\/\//i.test(url))) throw new TypeError('url must be a mysql:// URL');
  if (client !== undefined && (client === null || typeof client.getConnection !== 'function')) {
    throw new TypeError('client must be a mysql2/promise pool (with getConnection())');
  }
  const columns = { ...DEFAULT_COLUMNS, ...options.columns };
  const defaultTable = quoteFeatureTable(options.table ?? DEFAULT_TABLE, columns);
  const groupTables = new Map<string, QuotedFeatureTable>();
  for (const [group, table] of Object.entries(options.groupTables ?? {})) {
    groupTables.set(group, quoteFeatureTable(table, columns));
  }
  const collections = new VectorCollections(options.collections);
  const vectorTables = new Map<string, QuotedVectorTable>();
  const prefix = options.vectorTablePrefix ?? DEFAULT_VECTOR_TABLE_PREFIX;
  if (typeof prefix !== 'string' || !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(prefix)) throw new TypeError(`vectorTablePrefix ${JSON.stringify(prefix)} must match /^[A-Za-z_][A-Za-z0-9_$]*$/`);
  for (const { name } of collections.list()) {
    vectorTables.set(name, { table: quoteIdentifier(`${prefix}${name}`, `vector table of collection "${name}"`) });
  }
  if (options.poolName !== undefined && (typeof options.poolName !== 'string' || options.poolName === '')) throw new TypeError('poolName must be a non-empty string');
  if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError('now must be a function');
  return Object.freeze({
    url,
    client,
    defaultTable,
    groupTables,
    collections,
    vectorTables,
    ...resolveSqlSizes(options),
    retry: resolveRetryPolicy(options.retry),
    timeouts: resolveTimeoutPolicy(options),
    meterProvider: options.poolMetrics === false ? undefined : (options.meterProvider ?? metrics.getMeterProvider()),
    poolName: options.poolName,
    now: options.now ?? (() => performance.now()),
  });
}
