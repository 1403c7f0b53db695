/**
 * The subset of mysql2's promise API this package uses, declared locally so the package never
 * imports mysql2 at run time unless it creates the pool itself. A `mysql2/promise` `Pool` satisfies
 * {@link MysqlPool}.
 */

/** Per-query options this package sets (a subset of mysql2's `QueryOptions`). */
export interface MysqlQueryOptions {
  readonly sql: string;
  /** Rows as arrays: immune to a caller pool's `nestTables` and to column-name clashes. */
  readonly rowsAsArray?: boolean;
}

/** A pooled connection (`mysql2/promise` `PoolConnection`). */
export interface MysqlPoolConnection {
  query(options: MysqlQueryOptions, values?: unknown): Promise<[unknown, unknown]>;
  release(): void;
  destroy(): void;
  /** Server thread id (`CONNECTION_ID()`). */
  readonly threadId: number | null;
}

/** A mysql2 promise pool (`mysql2/promise` `createPool()`). */
export interface MysqlPool {
  getConnection(): Promise<MysqlPoolConnection>;
  end(): Promise<void>;
}
