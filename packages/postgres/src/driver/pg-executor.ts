import { createHash } from 'node:crypto';
import { CallDeadline, PoolQueueFullError, StoreClosedError, withRetry, withinLimit, type PoolMetrics, type RetryPolicy, type TimeoutPolicy } from '@featurescope/core';
import type { PgPoolClientLike, PgPoolLike } from '../types.js';
import type { QueryFn, SqlExecutor } from './executor.js';
import { isRetryablePgError } from './pg-retry.js';

type PgQueryConfig = { text: string; values?: unknown[]; rowMode: 'array'; name?: string };

/** How the pg executor runs each call: the shared retry policy, deadlines, queue limit, pool metrics. */
export interface PgCallSettings {
  readonly retry: RetryPolicy;
  readonly timeouts: TimeoutPolicy;
  /** Most callers waiting for a connection; 0 means unbounded. */
  readonly queueLimit: number;
  readonly metrics: PoolMetrics | undefined;
  readonly now: () => number;
}

/**
 * A {@link SqlExecutor} over a `pg` Pool; `owned` pools are ended on close. Every statement or
 * transaction is one call: a connection checked out within `connectTimeoutMs`, run within
 * `queryTimeoutMs`, retried on transient failures under the shared policy, all within
 * `callTimeoutMs`. A connection whose deadline ran out is destroyed, never returned to the pool.
 * With `namedStatements`, each SQL text is prepared once per connection and then only bound and executed.
 */
export function pgExecutor(pool: PgPoolLike, owned: boolean, namedStatements: boolean, settings: PgCallSettings): SqlExecutor {
  const configFor = namedStatements ? namedConfig : unnamedConfig;
  let closed = false;

  const acquire = async (deadline: CallDeadline): Promise<PgPoolClientLike> => {
    if (settings.queueLimit > 0 && (pool.waitingCount ?? 0) >= settings.queueLimit) throw new PoolQueueFullError();
    const started = settings.now();
    // A client handed over after the deadline is nobody's: destroy it.
    const client = await withinLimit(pool.connect(), deadline.limitFor('connect'), () => undefined, (late) => late.release(true));
    settings.metrics?.recordWait(Math.max(0, settings.now() - started) / 1000);
    return client;
  };

  const call = <T>(body: (client: PgPoolClientLike) => Promise<T>): Promise<T> => {
    const deadline = new CallDeadline(settings.timeouts, settings.now);
    return withRetry(
      settings.retry,
      async () => {
        const client = await acquire(deadline);
        let released = false;
        const release = (destroy: boolean): void => {
          if (released) return;
          released = true;
          // release(true) ends the client; pg destroys the socket when a query is still active.
          client.release(destroy || undefined);
        };
        try {
          const result = await withinLimit(body(client), deadline.limitFor('query'), () => release(true));
          release(false);
          return result;
        } catch (error) {
          release(brokenClients.has(client) || !isCleanStatementError(error));
          throw error;
        }
      },
      { isRetryable: isRetryablePgError, deadline, shouldStop: () => (closed ? new StoreClosedError() : undefined) },
    );
  };

  const query: QueryFn = (text, values) => call(async (client) => (await client.query(configFor(text, values))).rows as unknown[][]);
  return {
    query,
    transaction: (body) =>
      call(async (client) => {
        await client.query({ text: 'BEGIN' });
        try {
          const result = await body(clientQuery(client, configFor));
          await client.query({ text: 'COMMIT' });
          return result;
        } catch (error) {
          // A failed ROLLBACK leaves the session's state unknown: the client is destroyed, not reused.
          await client.query({ text: 'ROLLBACK' }).catch(() => brokenClients.add(client));
          throw error;
        }
      }),
    close: () => {
      closed = true;
      settings.metrics?.shutdown();
      return owned ? pool.end() : Promise.resolve();
    },
  };
}

/** Clients whose ROLLBACK failed: their session state is unknown. */
const brokenClients = new WeakSet<PgPoolClientLike>();

/** A server error that failed one statement but left the session usable (a SQLSTATE outside connection/shutdown classes). */
function isCleanStatementError(error: unknown): boolean {
  const code = error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith('08') && !code.startsWith('57');
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
