import type { SqlStoreOptions } from '@featurescope/core';

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
  /** Callers waiting for a connection (pg ≥ 8). */
  readonly waitingCount?: number;
  /** The pool's configuration (`max` is its size). */
  readonly options?: { readonly max?: number; readonly host?: string; readonly port?: number; readonly database?: string };
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

/**
 * Options of {@link createPostgresFeatureStore}. Give `url` or `client`, not both. The options shared
 * with every SQL backend (table, columns, sizes, retry, timeouts, pool metrics) are core's
 * `SqlStoreOptions`, with the same names and defaults; retries, timeouts, `queueLimit` and pool
 * metrics apply to `pg` pools (PGlite runs in-process).
 */
export interface PostgresFeatureStoreOptions extends SqlStoreOptions {
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
  /**
   * `pg` only: send the store's statements as named prepared statements, parsed once per connection
   * (about 20 % less client CPU per lookup in one measurement). Leave off behind a pooler that does not support
   * prepared statements (PgBouncer in transaction mode before 1.21).
   * @default false
   */
  readonly namedStatements?: boolean;
  /** Monotonic clock in ms, for deadlines and connection wait times; tests pass a fake. @default performance.now */
  readonly now?: () => number;
}

/** Column names of a feature table (the layout shared with the other backends). */
export type { FeatureColumnNames } from '@featurescope/core';

/** The same report as every SQL backend's `ensureSchema()` (declared once in core). */
export type { EnsureSchemaReport, VectorSupport } from '@featurescope/core';
