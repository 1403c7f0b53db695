import { redactUrl, type StoreInspector } from '@featurescope/core';
import { MonitorConfigError } from '../errors.js';

/** Options of {@link openMonitorSource}. */
export interface OpenMonitorSourceOptions {
  /** Connections of the pool the monitor opens (it runs one statement at a time). @default 2 */
  readonly poolSize?: number;
  /** How long a new connection may take before the cycle's check fails. @default 5000 */
  readonly connectTimeoutMs?: number;
}

/**
 * Opens the store's {@link StoreInspector} from a URL through its backend package, loaded only now:
 * `mysql://` / `mariadb://` / `tidb://` (`@featurescope/mysql2`), `postgres://` / `postgresql://` /
 * `pglite://…` (`@featurescope/postgres`). The inspector owns the pool / instance and ends it on `close()`.
 */
export async function openMonitorSource(url: string, options: OpenMonitorSourceOptions = {}): Promise<StoreInspector> {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'mysql' || scheme === 'mariadb' || scheme === 'tidb') {
    const { openMysqlInspector } = await importBackend<typeof import('@featurescope/mysql2')>('@featurescope/mysql2');
    return openMysqlInspector(url, options);
  }
  if (scheme === 'postgres' || scheme === 'postgresql' || scheme === 'pglite') {
    const { openPostgresInspector } = await importBackend<typeof import('@featurescope/postgres')>('@featurescope/postgres');
    return openPostgresInspector(url, options);
  }
  throw new MonitorConfigError('store', `must start with mysql://, mariadb://, tidb://, postgres://, postgresql:// or pglite://, got "${redactUrl(url)}"`);
}

/** The backends are optional peers: a missing one is a configuration error naming the package. */
async function importBackend<T>(name: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    throw new MonitorConfigError('store', `needs ${name} installed`, { cause: error });
  }
}
