import type { FeatureStore, VectorCollectionSpec } from '@featurescope/core';

/** A store with the schema call every featurescope SQL backend has. */
export type ServiceStore = FeatureStore & { ensureSchema(): Promise<unknown> };

/** The embedded store: no server needed (data lives in memory and is lost on exit). */
export const DEFAULT_STORE_URL = 'pglite://memory';

export interface OpenStoreOptions {
  readonly collections?: readonly VectorCollectionSpec[];
  /** Feature table name. @default the backend's default (`feature_values`) */
  readonly table?: string;
}

/**
 * Opens the store `url` names (`pglite://…`, `postgres://…`, `postgresql://…`, `mysql://…`) and
 * creates its schema. Embedded PGlite is opened through `openTracedPGlite`, so its statements are
 * spans like the mysql2 and pg driver statements. The mysql2 store's own retries are turned off: the services retry whole
 * requests themselves (see `withTransientRetry`), and two nested retry loops would multiply.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<ServiceStore> {
  const scheme = url.slice(0, Math.max(0, url.indexOf(':')));
  let store: ServiceStore;
  if (scheme === 'pglite') {
    const { createPostgresFeatureStore } = await import('@featurescope/postgres');
    const { openTracedPGlite, pgliteDataDir } = await import('./traced-pglite.js');
    const db = await openTracedPGlite(pgliteDataDir(url));
    const pgliteStore = await createPostgresFeatureStore({ client: db, collections: options.collections, table: options.table });
    // A client passed in is the caller's to close: close it with the store.
    const closeStore = pgliteStore.close.bind(pgliteStore);
    pgliteStore.close = async () => {
      await closeStore();
      if (!db.closed) await db.close();
    };
    store = pgliteStore;
  } else if (scheme === 'postgres' || scheme === 'postgresql') {
    const { createPostgresFeatureStore } = await import('@featurescope/postgres');
    store = await createPostgresFeatureStore({ url, collections: options.collections, table: options.table });
  } else if (scheme === 'mysql') {
    const { createMysqlFeatureStore } = await import('@featurescope/mysql2');
    store = await createMysqlFeatureStore({ url, collections: options.collections, table: options.table, retry: { maxAttempts: 1 } });
  } else {
    throw new TypeError(`FEATURESCOPE_STORE_URL: use pglite://memory, postgres://… or mysql://… (got scheme "${scheme}")`);
  }
  try {
    await store.ensureSchema();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** The URL without its password, for log lines. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
