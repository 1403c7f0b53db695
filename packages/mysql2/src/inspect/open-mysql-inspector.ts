import { describeUrl, InvalidOptionError, redactUrl, type StoreInspector } from '@featurescope/core';
import { mysqlStoreInspector, type MysqlInspectorPool } from './mysql-inspector.js';

/** Options of {@link openMysqlInspector}. */
export interface OpenInspectorOptions {
  /** Connections of the pool the inspector opens (the monitor runs one statement at a time). @default 2 */
  readonly poolSize?: number;
  /** How long a new connection may take. @default 5000 */
  readonly connectTimeoutMs?: number;
}

/** URL schemes {@link openMysqlInspector} accepts (`mariadb:` and `tidb:` name the flavour only). */
export const MYSQL_INSPECTOR_SCHEMES: readonly string[] = ['mysql', 'mariadb', 'tidb'];

/**
 * Opens a {@link StoreInspector} on `mysql://`, `mariadb://` or `tidb://` URL, loading mysql2 only
 * now. The inspector owns the pool and ends it on `close()`. A malformed URL raises an
 * {@link InvalidOptionError} for option `url` (credentials redacted).
 */
export async function openMysqlInspector(url: string, options: OpenInspectorOptions = {}): Promise<StoreInspector> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new InvalidOptionError('url', `"${redactUrl(String(url))}" is not a valid URL`, { cause: error });
  }
  const scheme = parsed.protocol.slice(0, -1).toLowerCase();
  if (!MYSQL_INSPECTOR_SCHEMES.includes(scheme)) {
    throw new InvalidOptionError('url', `must start with mysql://, mariadb:// or tidb://, got "${redactUrl(url)}"`);
  }
  const description = describeUrl(parsed);
  parsed.protocol = 'mysql:';
  const mysql = (await import('mysql2/promise')) as unknown as {
    createPool?: CreatePool;
    default?: { createPool: CreatePool };
  };
  const createPool = mysql.createPool ?? mysql.default!.createPool;
  const pool = createPool({
    uri: parsed.toString(),
    connectionLimit: options.poolSize ?? 2,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    enableKeepAlive: true,
  });
  return mysqlStoreInspector(pool, { ownsPool: true, description });
}

type CreatePool = (config: Record<string, unknown>) => MysqlInspectorPool;
