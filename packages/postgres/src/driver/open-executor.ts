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
  throw new TypeError('@featurescope/postgres: client must be a PGlite instance or a pg Pool (a single pg Client cannot run concurrent transactions)');
}

/** Creates the driver for a URL, importing `pg` or PGlite only now, so neither is needed unless used. */
export async function openExecutor(target: ConnectionTarget, options: ResolvedOptions): Promise<SqlExecutor> {
  if (target.kind === 'pg') {
    const mod = (await import('pg')) as unknown as { Pool?: PgPoolConstructor; default?: { Pool: PgPoolConstructor } };
    const Pool = mod.Pool ?? mod.default?.Pool;
    if (Pool === undefined) throw new TypeError('@featurescope/postgres: the installed `pg` module has no Pool export');
    // pg's own connect timer backs up the store's deadline: an unanswered handshake is torn down.
    const pool = new Pool({ connectionString: target.connectionString, max: options.poolSize, connectionTimeoutMillis: options.timeouts.connectTimeoutMs });
    // Without a listener, an idle connection dropped by the server would crash the process.
    pool.on('error', (error: unknown) => diag.warn('@featurescope/postgres: idle pool connection failed', error));
    return pgExecutor(pool, true, options.namedStatements, callSettings(pool, options));
  }
  const [{ PGlite }, { vector }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-pgvector')]);
  const db = await PGlite.create({ dataDir: target.dataDir, extensions: { vector } });
  return pgliteExecutor(db, true);
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

type PgPoolConstructor = new (config: { connectionString: string; max: number; connectionTimeoutMillis: number }) => PgPoolLike & {
  on(event: 'error', listener: (error: unknown) => void): unknown;
};
