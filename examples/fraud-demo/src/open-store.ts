import type { FeatureStore, VectorCollectionSpec } from '@featurescope/core';

/** A store with the schema call every featurescope backend has. */
export type DemoStore = FeatureStore & { ensureSchema(): Promise<unknown> };

/** What FEATURESCOPE_STORE_URL may name; the embedded PGlite store needs no server. */
export const DEFAULT_STORE_URL = 'pglite://memory';

/** Opens the store the URL names (pglite://, postgres://, postgresql://, mysql://, redis://, rediss://) and creates its schema. */
export async function openStore(url: string, collections: readonly VectorCollectionSpec[]): Promise<DemoStore> {
  const scheme = url.slice(0, url.indexOf(':'));
  let store: DemoStore;
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
  return store;
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
