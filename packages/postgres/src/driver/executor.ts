/** Runs one statement and returns its rows as arrays (column order of the SELECT list). */
export type QueryFn = (text: string, params: unknown[]) => Promise<unknown[][]>;

/**
 * What the store needs from a driver: single statements, transactions and shutdown. One
 * implementation per driver (`pg` Pool, PGlite), so the store's SQL is written once.
 */
export interface SqlExecutor {
  /** One statement outside any explicit transaction (atomic on its own). */
  readonly query: QueryFn;
  /** Runs `body` inside BEGIN … COMMIT; rolls back and rethrows the same error when it fails. */
  transaction<T>(body: (query: QueryFn) => Promise<T>): Promise<T>;
  /** Releases what the store created; a client the user passed in is left open. */
  close(): Promise<void>;
}
