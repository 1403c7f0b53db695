import type { FeatureColumnNames, VectorCollectionSpec } from '@featurescope/core';

/**
 * The subset of a `pg` Pool the store uses. Declared here so this package never needs `pg` at
 * run time unless a `postgres://` URL or a pool is given.
 */
export interface PgPoolLike {
  query(config: { text: string; values?: unknown[]; rowMode?: 'array'; name?: string }): Promise<{ rows: unknown[] }>;
  connect(): Promise<PgPoolClientLike>;
  end(): Promise<void>;
  readonly totalCount: number;
  readonly idleCount: number;
}

/** The subset of a checked-out `pg` PoolClient the store uses (transactions). */
export interface PgPoolClientLike {
  query(config: { text: string; values?: unknown[]; rowMode?: 'array'; name?: string }): Promise<{ rows: unknown[] }>;
  /** Passing an error (or `true`) destroys the connection instead of returning it to the pool. */
  release(destroy?: Error | boolean): void;
}

/** The subset of a PGlite transaction the store uses. */
export interface PGliteTransactionLike {
  query(text: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<{ rows: unknown[] }>;
}

/** The subset of a PGlite instance the store uses. */
export interface PGliteLike {
  readonly waitReady: Promise<void>;
  readonly closed: boolean;
  query(text: string, params?: unknown[], options?: { rowMode?: 'array' | 'object' }): Promise<{ rows: unknown[] }>;
  transaction<T>(callback: (tx: PGliteTransactionLike) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Column names of a feature table (the layout shared with the other backends). */
export type { FeatureColumnNames } from '@featurescope/core';

/** Options of {@link createPostgresFeatureStore}. Give `url` or `client`, not both. */
export interface PostgresFeatureStoreOptions {
  /**
   * Where the data lives: `pglite://memory` (in-memory PGlite), `pglite:///abs/dir` or
   * `pglite://relative/dir` (a PGlite data directory), or `postgres://…` / `postgresql://…` (a `pg` Pool
   * the store creates and ends on `close()`).
   * @default 'pglite://memory' (when `client` is not given either)
   */
  readonly url?: string;
  /**
   * An existing PGlite instance (created with `extensions: { vector }` for vectors) or `pg` Pool.
   * The caller owns it: `close()` does not close or end it.
   * @default undefined
   */
  readonly client?: PGliteLike | PgPoolLike;
  /** Feature table for every group not listed in `groupTables`; may be schema-qualified (`schema.table`). @default 'feature_values' */
  readonly table?: string;
  /** Column names of the feature tables. @default { entityId: 'entity_id', feature: 'feature_name', value: 'value', updatedAt: 'updated_at' } */
  readonly columns?: Partial<FeatureColumnNames>;
  /** Feature group → its own table (same columns). Groups not listed share `table`. @default {} */
  readonly groupTables?: Readonly<Record<string, string>>;
  /** Vector collections and their dimensions; each gets its own table. @default [] */
  readonly collections?: readonly VectorCollectionSpec[];
  /** Prefix of vector table names: collection `c` lives in table `<prefix>c`. @default 'vectors_' */
  readonly vectorTablePrefix?: string;
  /**
   * `pg` only: send the store's statements as named prepared statements, parsed once per connection
   * (about 20 % less client CPU per lookup in one measurement). Leave off behind a pooler that does not support
   * prepared statements (PgBouncer in transaction mode before 1.21).
   * @default false
   */
  readonly namedStatements?: boolean;
  /** Connections of the pool the store creates for a `postgres://` URL. @default 10 */
  readonly poolSize?: number;
  /** Rows per INSERT statement; larger batches are split into chunks inside one transaction. @default 5000 */
  readonly upsertChunkSize?: number;
  /** Entity ids per lookup query; larger lookups run one query per chunk. @default 1000 */
  readonly lookupChunkSize?: number;
}

/** The same report as every SQL backend's `ensureSchema()` (declared once in core). */
export type { EnsureSchemaReport, VectorSupport } from '@featurescope/core';
