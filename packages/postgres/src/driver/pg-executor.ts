import { createHash } from 'node:crypto';
import type { PgPoolClientLike, PgPoolLike } from '../types.js';
import type { QueryFn, SqlExecutor } from './executor.js';

type PgQueryConfig = { text: string; values?: unknown[]; rowMode: 'array'; name?: string };

/**
 * A {@link SqlExecutor} over a `pg` Pool; `owned` pools are ended on close. With `namedStatements`,
 * each SQL text is prepared once per connection and then only bound and executed.
 */
export function pgExecutor(pool: PgPoolLike, owned: boolean, namedStatements: boolean): SqlExecutor {
  const configFor = namedStatements ? namedConfig : unnamedConfig;
  const query: QueryFn = async (text, values) => (await pool.query(configFor(text, values))).rows as unknown[][];
  return {
    query,
    async transaction(body) {
      const client = await pool.connect();
      let destroy: Error | undefined;
      try {
        await client.query({ text: 'BEGIN' });
        const result = await body(clientQuery(client, configFor));
        await client.query({ text: 'COMMIT' });
        return result;
      } catch (error) {
        // A failed ROLLBACK means the connection state is unknown: drop it rather than reuse it.
        await client.query({ text: 'ROLLBACK' }).catch((rollbackError: unknown) => {
          destroy = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      } finally {
        client.release(destroy);
      }
    },
    close: () => (owned ? pool.end() : Promise.resolve()),
  };
}

function clientQuery(client: PgPoolClientLike, configFor: (text: string, values: unknown[]) => PgQueryConfig): QueryFn {
  return async (text, values) => (await client.query(configFor(text, values))).rows as unknown[][];
}

function unnamedConfig(text: string, values: unknown[]): PgQueryConfig {
  return { text, values, rowMode: 'array' };
}

// Statement names derive from the text, so two copies of this package sharing a pool agree on them
// (pg refuses one name for two texts). The store's texts are a small fixed set: the cache stays small.
const statementNames = new Map<string, string>();

function namedConfig(text: string, values: unknown[]): PgQueryConfig {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `featurescope_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    statementNames.set(text, name);
  }
  return { name, text, values, rowMode: 'array' };
}
