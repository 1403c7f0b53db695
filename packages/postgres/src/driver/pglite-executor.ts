import type { PGliteLike } from '../types.js';
import type { QueryFn, SqlExecutor } from './executor.js';

const ARRAY_ROWS = { rowMode: 'array' } as const;

/** A {@link SqlExecutor} over PGlite; an `owned` instance is closed on close. */
export function pgliteExecutor(db: PGliteLike, owned: boolean): SqlExecutor {
  const query: QueryFn = async (text, params) => (await db.query(text, params, ARRAY_ROWS)).rows as unknown[][];
  return {
    query,
    // PGlite queues other queries behind an open transaction, so the body sees no interleaving.
    transaction: (body) => db.transaction((tx) => body(async (text, params) => (await tx.query(text, params, ARRAY_ROWS)).rows as unknown[][])),
    close: () => (owned && !db.closed ? db.close() : Promise.resolve()),
  };
}
