import { endpointOf } from './driver/endpoint.js';
import { executorForClient, isPGlite, openExecutor } from './driver/open-executor.js';
import { resolveOptions } from './options.js';
import { PostgresFeatureStore } from './postgres-feature-store.js';
import type { PostgresFeatureStoreOptions } from './types.js';

/**
 * Creates a {@link PostgresFeatureStore}. Options are checked first (a TypeError names the bad one);
 * then `pg` or PGlite is imported and the pool / PGlite instance is created. No schema is created:
 * call `ensureSchema()` once (it is idempotent).
 * @example
 * const store = await createPostgresFeatureStore({ collections: [{ name: 'user_embeddings', dimension: 64 }] });
 * await store.ensureSchema();
 */
export async function createPostgresFeatureStore(options: PostgresFeatureStoreOptions = {}): Promise<PostgresFeatureStore> {
  const resolved = resolveOptions(options);
  const executor =
    resolved.target === undefined
      ? await executorForClient(resolved.client, resolved)
      : await openExecutor(resolved.target, resolved);
  const pglite = resolved.target === undefined ? isPGlite(resolved.client) : resolved.target.kind === 'pglite';
  const endpoint = endpointOf(resolved.target, resolved.client, pglite);
  return new PostgresFeatureStore({ executor, options: resolved, isPGlite: pglite, endpoint });
}
