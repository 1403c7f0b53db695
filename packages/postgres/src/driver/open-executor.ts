import { InvalidOptionError } from '@featurescope/core';
import { diag } from '@opentelemetry/api';
import type { PGliteLike, PgPoolLike } from '../types.js';
import type { ConnectionTarget } from './connection-url.js';
import type { SqlExecutor } from './executor.js';
import { PoolMetrics } from '@featurescope/core';
import type { ResolvedOptions } from '../options.js';
import { VERSION } from '../version.js';
import { pgExecutor, type PgCallSettings } from './pg-executor.js';
import { pgliteExecutor } from './pglite-executor.js';

/** True for a PGlite instance (it has `exec` and `transaction`; a pg Pool has neither). */
export function isPGlite(client: unknown): client is PGliteLike {
  const c = client as Record<string, unknown> | null;
  return typeof c === 'object' && c !== null && typeof c.transaction === 'function' && typeof c.exec === 'function';
}

/** True for a pg Pool (a pg Client also has `connect`/`query`, but no pool counters). */
export function isPgPool(client: unknown): client is PgPoolLike {
  const c = client as Record<string, unknown> | null;
  return typeof c === 'object' && c !== null && typeof c.connect === 'function' && typeof c.query === 'function' && typeof c.totalCount === 'number';
}

/** Wraps a client the user owns; the store will never close it. */
export async function executorForClient(client: unknown, options: ResolvedOptions): Promise<SqlExecutor> {
  if (isPGlite(client)) {
    await client.waitReady;
    return pgliteExecutor(client, false);
  }
  if (isPgPool(client)) return pgExecutor(client, false, options.namedStatements, callSettings(client, options));
  throw new InvalidOptionError('client', 'must be a PGlite instance or a pg Pool (a single pg Client cannot run concurrent transactions)');
}

/** How long after the store's connect deadline pg's own connect timer fires. */
const PG_CONNECT_BACKUP_MS = 1000;

/** Creates the driver for a URL, importing `pg` or PGlite only now, so neither is needed unless used. */
export async function openExecutor(target: ConnectionTarget, options: ResolvedOptions): Promise<SqlExecutor> {
  // pg's own connect timer only backs up the store's connect deadline (which ends the call with a
  // StoreTimeoutError): it fires later, so the two never race, and still tears the handshake down.
  const client = await openClient(target, { poolSize: options.poolSize, connectTimeoutMs: options.timeouts.connectTimeoutMs + PG_CONNECT_BACKUP_MS });
  return isPGlite(client) ? pgliteExecutor(client, true) : pgExecutor(client, true, options.namedStatements, callSettings(client, options));
}

/**
 * Opens the pool or PGlite instance a URL names (the one way the store and its inspector connect):
 * a `pg` Pool with an `error` listener (an idle connection the server drops must not end the
 * process) and pg's own connect timer backing up the store's deadline, or PGlite with pgvector.
 */
export async function openClient(target: ConnectionTarget, options: { poolSize: number; connectTimeoutMs?: number }): Promise<PgPoolLike | PGliteLike> {
  if (target.kind === 'pg') {
    const mod = (await import('pg')) as unknown as { Pool?: PgPoolConstructor; default?: { Pool: PgPoolConstructor } };
    const Pool = mod.Pool ?? mod.default?.Pool;
    if (Pool === undefined) throw new InvalidOptionError('url', 'needs the `pg` module with a Pool export installed');
    const pool = new Pool({
      connectionString: target.connectionString,
      max: options.poolSize,
      ...(options.connectTimeoutMs === undefined ? {} : { connectionTimeoutMillis: options.connectTimeoutMs }),
    });
    pool.on('error', (error: unknown) => diag.warn('@featurescope/postgres: idle pool connection failed', error));
    return pool;
  }
  const [{ PGlite }, { vector }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-pgvector')]);
  return PGlite.create({ dataDir: target.dataDir, extensions: { vector } });
}

/** The per-call settings of a pg pool, with its `db.client.connection.*` metrics when enabled. */
function callSettings(pool: PgPoolLike, options: ResolvedOptions): PgCallSettings {
  const poolName = options.poolName ?? poolNameOf(pool);
  const metrics =
    options.meterProvider === undefined
      ? undefined
      : new PoolMetrics(options.meterProvider, {
          scope: '@featurescope/postgres',
          version: VERSION,
          poolName,
          read: () => ({ total: pool.totalCount, idle: pool.idleCount, pending: pool.waitingCount ?? 0, max: pool.options?.max }),
        });
  return { retry: options.retry, timeouts: options.timeouts, queueLimit: options.queueLimit, metrics, now: options.now };
}

/** `host:port/database`, never the user or password. */
function poolNameOf(pool: PgPoolLike): string {
  const { host, port, database } = pool.options ?? {};
  return host === undefined ? 'pg' : `${host}:${port ?? 5432}/${database ?? ''}`;
}

type PgPoolConstructor = new (config: { connectionString: string; max: number; connectionTimeoutMillis?: number }) => PgPoolLike & {
  on(event: 'error', listener: (error: unknown) => void): unknown;
};
