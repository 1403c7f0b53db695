import { resolve } from 'node:path';
import { MonitorConfigError } from '../errors.js';
import { mysqlMonitorSource, type MysqlPoolLike } from './mysql-source.js';
import { postgresMonitorSource, type PGliteLike, type PgPoolLike } from './postgres-source.js';
import type { MonitorSource } from './source.js';

/** Options of {@link openMonitorSource}. */
export interface OpenMonitorSourceOptions {
  /** Connections of the pool the monitor opens (it runs one statement at a time). @default 2 */
  readonly poolSize?: number;
  /** How long a new connection may take before the cycle's check fails. @default 5000 */
  readonly connectTimeoutMs?: number;
}

/**
 * Opens a {@link MonitorSource} from a URL, loading the driver only then:
 * `mysql://` / `mariadb://` / `tidb://` (mysql2), `postgres://` / `postgresql://` (pg),
 * `pglite://memory`, `pglite:///abs/dir`, `pglite://rel/dir` (@electric-sql/pglite).
 * The source owns the pool / instance and ends it on `close()`.
 */
export async function openMonitorSource(url: string, options: OpenMonitorSourceOptions = {}): Promise<MonitorSource> {
  const poolSize = options.poolSize ?? 2;
  const connectTimeout = options.connectTimeoutMs ?? 5000;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'mysql' || scheme === 'mariadb' || scheme === 'tidb') {
    const parsed = parseUrl(url);
    parsed.protocol = 'mysql:';
    const mysql = (await import('mysql2/promise')) as unknown as {
      createPool(config: Record<string, unknown>): MysqlPoolLike;
    };
    const pool = mysql.createPool({ uri: parsed.toString(), connectionLimit: poolSize, connectTimeout, enableKeepAlive: true });
    return mysqlMonitorSource(pool, { ownsPool: true, description: describe(url) });
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    parseUrl(url);
    const pg = (await import('pg')) as unknown as { default?: { Pool: PoolConstructor }; Pool?: PoolConstructor };
    const Pool = (pg.default ?? pg).Pool!;
    const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: connectTimeout });
    // An idle connection the server drops emits 'error' on the pool: without a listener it would end the process.
    pool.on('error', () => undefined);
    return postgresMonitorSource(pool, { owned: true, description: describe(url) });
  }
  if (scheme === 'pglite') {
    const rest = url.slice('pglite://'.length);
    if (rest === '' || rest === '/') throw new MonitorConfigError('store', `"${url}" names no data directory; use pglite://memory or pglite:///abs/dir`);
    const dataDir = rest === 'memory' || rest === 'memory/' ? undefined : resolve(decodeURIComponent(rest));
    const { PGlite } = (await import('@electric-sql/pglite')) as unknown as { PGlite: { create(dataDir?: string): Promise<PGliteLike> } };
    const db = await PGlite.create(dataDir);
    return postgresMonitorSource(db, { owned: true, description: `pglite ${dataDir ?? 'memory'}` });
  }
  throw new MonitorConfigError('store', `must start with mysql://, mariadb://, tidb://, postgres://, postgresql:// or pglite://, got "${redact(url)}"`);
}

type PoolConstructor = new (config: Record<string, unknown>) => PgPoolLike & { on(event: 'error', listener: () => void): void };

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch (error) {
    throw new MonitorConfigError('store', `"${redact(url)}" is not a valid URL`, { cause: error });
  }
}

/** `mariadb 127.0.0.1:3306/test`: the URL without credentials, for logs. */
function describe(url: string): string {
  const u = new URL(url);
  return `${u.protocol.replace(':', '')} ${u.host}${u.pathname}`;
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
