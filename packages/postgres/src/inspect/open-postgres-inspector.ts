import { describeUrl, type StoreInspector } from '@featurescope/core';
import { parseConnectionUrl } from '../driver/connection-url.js';
import { openClient } from '../driver/open-executor.js';
import { postgresStoreInspector } from './postgres-inspector.js';

/** Options of {@link openPostgresInspector}. */
export interface OpenInspectorOptions {
  /** Connections of the pool the inspector opens (the monitor runs one statement at a time). @default 2 */
  readonly poolSize?: number;
  /** How long a new connection may take (pg only). @default 5000 */
  readonly connectTimeoutMs?: number;
}

/**
 * Opens a {@link StoreInspector} on the URLs the store accepts (`postgres://`, `postgresql://`,
 * `pglite://memory`, `pglite:///abs/dir`, `pglite://rel/dir`), connecting exactly as the store does
 * (PGlite with pgvector; a pg Pool with an `error` listener). The inspector owns the pool / instance
 * and closes it on `close()`. A bad URL raises the store's typed error for option `url`.
 */
export async function openPostgresInspector(url: string, options: OpenInspectorOptions = {}): Promise<StoreInspector> {
  const target = parseConnectionUrl(url);
  const client = await openClient(target, { poolSize: options.poolSize ?? 2, connectTimeoutMs: options.connectTimeoutMs ?? 5000 });
  const description = target.kind === 'pglite' ? `pglite ${target.dataDir ?? 'memory'}` : describeUrl(new URL(target.connectionString));
  return postgresStoreInspector(client, { owned: true, description });
}
