import { metrics, type MeterProvider } from '@opentelemetry/api';
import {
  DEFAULT_FEATURE_COLUMNS,
  InvalidOptionError,
  SQL_STORE_DEFAULTS,
  VectorCollections,
  resolveRetryPolicy,
  resolveSqlSizes,
  resolveTimeoutPolicy,
  type RetryPolicy,
  type TimeoutPolicy,
} from '@featurescope/core';
import { DEFAULT_URL, parseConnectionUrl, type ConnectionTarget } from './driver/connection-url.js';
import { FeatureTableSql } from './sql/feature-table-sql.js';
import { checkIdentifier, checkTableName } from './sql/identifiers.js';
import { VectorTableSql } from './sql/vector-table-sql.js';
import type { FeatureColumnNames, PostgresFeatureStoreOptions } from './types.js';

/** Defaults of {@link PostgresFeatureStoreOptions}. */
export const DEFAULTS = Object.freeze({
  ...SQL_STORE_DEFAULTS,
  columns: DEFAULT_FEATURE_COLUMNS,
  namedStatements: false,
});

/** Options checked once, with every SQL text prepared. */
export interface ResolvedOptions {
  /** Set when the store creates its own driver. */
  readonly target: ConnectionTarget | undefined;
  readonly client: unknown;
  readonly defaultTable: FeatureTableSql;
  /** Only the groups listed in `groupTables`. */
  readonly groupTables: ReadonlyMap<string, FeatureTableSql>;
  /** Every distinct feature table, default first. */
  readonly featureTables: readonly FeatureTableSql[];
  readonly collections: VectorCollections;
  readonly vectorTables: ReadonlyMap<string, VectorTableSql>;
  readonly poolSize: number;
  readonly queueLimit: number;
  readonly namedStatements: boolean;
  readonly upsertChunkSize: number;
  readonly lookupChunkSize: number;
  readonly retry: RetryPolicy;
  readonly timeouts: TimeoutPolicy;
  /** Undefined when pool metrics are off. */
  readonly meterProvider: MeterProvider | undefined;
  readonly poolName: string | undefined;
  readonly now: () => number;
}

function optionalName(option: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new InvalidOptionError(option, 'must be a non-empty string');
  return value;
}

function booleanOption(option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new InvalidOptionError(option, `must be a boolean, got ${typeof value}`);
  return value;
}

function resolveColumns(columns: Partial<FeatureColumnNames> | undefined): FeatureColumnNames {
  if (columns !== undefined && (columns === null || typeof columns !== 'object')) {
    throw new InvalidOptionError('columns', 'must be an object of column names');
  }
  const resolved = { ...DEFAULTS.columns };
  for (const key of Object.keys(DEFAULTS.columns) as (keyof FeatureColumnNames)[]) {
    const value = columns?.[key];
    if (value !== undefined) resolved[key as 'entityId'] = checkIdentifier(`columns.${key}`, value);
  }
  for (const key of Object.keys(columns ?? {})) {
    if (!(key in DEFAULTS.columns)) throw new InvalidOptionError(`columns.${key}`, 'is not a column of the layout (entityId, feature, value, updatedAt)');
  }
  if (new Set(Object.values(resolved)).size !== 4) {
    throw new InvalidOptionError('columns', `must be four distinct names, got ${JSON.stringify(resolved)}`);
  }
  return Object.freeze(resolved);
}

/** Validates every option (identifiers, sizes, URL) and fails fast with an {@link InvalidOptionError} naming the option. */
export function resolveOptions(options: PostgresFeatureStoreOptions = {}): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('options', 'must be an object');
  if (options.url !== undefined && options.client !== undefined) {
    throw new InvalidOptionError('url', 'give either url or client, not both');
  }
  if (options.client !== undefined && (options.client === null || typeof options.client !== 'object')) {
    throw new InvalidOptionError('client', 'must be a PGlite instance or a pg Pool');
  }
  const target = options.client === undefined ? parseConnectionUrl(options.url ?? DEFAULT_URL) : undefined;
  const columns = resolveColumns(options.columns);

  const byName = new Map<string, FeatureTableSql>();
  const tableFor = (option: string, name: unknown): FeatureTableSql => {
    const table = checkTableName(option, name);
    let sql = byName.get(table.sql);
    if (sql === undefined) byName.set(table.sql, (sql = new FeatureTableSql(table, columns)));
    return sql;
  };
  const defaultTable = tableFor('table', options.table ?? DEFAULTS.table);
  const groupTables = new Map<string, FeatureTableSql>();
  if (options.groupTables !== undefined) {
    if (options.groupTables === null || typeof options.groupTables !== 'object') {
      throw new InvalidOptionError('groupTables', 'must be an object mapping group names to table names');
    }
    for (const [group, table] of Object.entries(options.groupTables)) {
      groupTables.set(group, tableFor(`groupTables[${JSON.stringify(group)}]`, table));
    }
  }

  const collections = new VectorCollections(options.collections);
  const prefix = options.vectorTablePrefix ?? DEFAULTS.vectorTablePrefix;
  if (typeof prefix !== 'string' || (prefix !== '' && !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(prefix))) {
    throw new InvalidOptionError('vectorTablePrefix', `must be empty or start an SQL identifier, got ${JSON.stringify(prefix)}`);
  }
  const vectorTables = new Map<string, VectorTableSql>();
  for (const { name, dimension } of collections.list()) {
    const tableName = checkIdentifier(`vectorTablePrefix + collection "${name}"`, `${prefix}${name}`);
    vectorTables.set(name, new VectorTableSql(tableName, dimension));
  }

  return Object.freeze({
    target,
    client: options.client,
    defaultTable,
    groupTables,
    featureTables: [...byName.values()],
    collections,
    vectorTables,
    ...resolveSqlSizes(options),
    namedStatements: booleanOption('namedStatements', options.namedStatements, DEFAULTS.namedStatements),
    retry: resolveRetryPolicy(options.retry),
    timeouts: resolveTimeoutPolicy(options),
    meterProvider: booleanOption('poolMetrics', options.poolMetrics, true) ? (options.meterProvider ?? metrics.getMeterProvider()) : undefined,
    poolName: optionalName('poolName', options.poolName),
    now: options.now ?? (() => performance.now()),
  });
}
