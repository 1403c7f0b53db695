import type { FeatureStore, VectorCollectionSpec } from '@featurescope/core';

/** A store with the schema call every featurescope backend has. */
export type DemoStore = FeatureStore & { ensureSchema(): Promise<unknown> };

/** The in-memory PGlite the demo creates itself, so its monitor can read the same database. */
export interface EmbeddedDatabase {
  query(sql: string, params?: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

/** What FEATURESCOPE_STORE_URL may name; the embedded PGlite store needs no server. */
export const DEFAULT_STORE_URL = 'pglite://memory';

/**
 * Opens the store the URL names (pglite://, postgres://, postgresql://, mysql://, redis://, rediss://)
 * and creates its schema. For `pglite://memory` the demo creates the PGlite itself and returns it as
 * `embedded` (the store leaves a client it was given open: close it after the store).
 */
export async function openStore(url: string, collections: readonly VectorCollectionSpec[]): Promise<{ store: DemoStore; embedded?: EmbeddedDatabase }> {
  const scheme = url.slice(0, url.indexOf(':'));
  let store: DemoStore;
  if (url === DEFAULT_STORE_URL) {
    const [{ PGlite }, { vector }, { createPostgresFeatureStore }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-pgvector'),
      import('@featurescope/postgres'),
    ]);
    const embedded = await PGlite.create({ extensions: { vector } });
    store = await createPostgresFeatureStore({ client: embedded, collections });
    await store.ensureSchema();
    return { store, embedded };
  }
  if (scheme === 'pglite' || scheme === 'postgres' || scheme === 'postgresql') {
    const { createPostgresFeatureStore } = await import('@featurescope/postgres');
    store = await createPostgresFeatureStore({ url, collections });
  } else if (scheme === 'mysql') {
    const { createMysqlFeatureStore } = await import('@featurescope/mysql2');
    store = await createMysqlFeatureStore({ url, collections });
  } else if (scheme === 'redis' || scheme === 'rediss') {
    const { createRedisFeatureStore } = await import('@featurescope/redis');
    // Scalar features only: Redis without a vector index module rejects vector calls (typed error).
    store = await createRedisFeatureStore({ url, collections, keyPrefix: process.env.FEATURESCOPE_REDIS_KEY_PREFIX ?? 'fs:' });
  } else {
    throw new Error(`FEATURESCOPE_STORE_URL=${url}: use pglite://memory, postgres://…, mysql://… or redis://…`);
  }
  await store.ensureSchema();
  return { store };
}

/** The URL without its password, for log lines. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
