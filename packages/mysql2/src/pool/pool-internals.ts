/**
 * Reads a mysql2 pool's state. mysql2 has no public API for it, so this reads the private fields of
 * mysql2 3.x (`pool.pool._allConnections`, `_freeConnections`, `_connectionQueue`, `config`) and
 * checks each before use: if a future mysql2 renames them, the readers return `undefined` and the
 * pool gauges stop reporting instead of throwing. Tested against mysql2 3.24.
 */

import type { StoreEndpoint } from '@featurescope/core';

/** Pool state at one instant. */
export interface PoolSnapshot {
  /** Open connections (idle + used). */
  readonly total: number;
  readonly idle: number;
  /** Callers queued for a connection. */
  readonly pending: number;
}

interface QueueLike {
  readonly length: number;
}

interface CorePoolLike {
  readonly _allConnections?: QueueLike;
  readonly _freeConnections?: QueueLike;
  readonly _connectionQueue?: QueueLike;
  readonly config?: {
    readonly connectionLimit?: unknown;
    readonly queueLimit?: unknown;
    readonly connectionConfig?: { readonly host?: unknown; readonly port?: unknown; readonly database?: unknown; readonly socketPath?: unknown };
  };
}

/** The callback-style pool inside a `mysql2/promise` pool (or the pool itself if it is one). */
function corePool(pool: unknown): CorePoolLike | undefined {
  if (pool === null || typeof pool !== 'object') return undefined;
  const inner = (pool as { pool?: unknown }).pool;
  const core = inner !== null && typeof inner === 'object' ? inner : pool;
  return core;
}

const lengthOf = (queue: QueueLike | undefined): number | undefined =>
  queue !== null && typeof queue === 'object' && typeof queue.length === 'number' ? queue.length : undefined;

/** Current counts, or `undefined` when the pool's internals are not the expected shape. */
export function readPoolSnapshot(pool: unknown): PoolSnapshot | undefined {
  const core = corePool(pool);
  const total = lengthOf(core?._allConnections);
  const idle = lengthOf(core?._freeConnections);
  const pending = lengthOf(core?._connectionQueue);
  if (total === undefined || idle === undefined || pending === undefined) return undefined;
  return { total, idle: Math.min(idle, total), pending };
}

/** `connectionLimit`, or `undefined` when unknown. */
export function readConnectionLimit(pool: unknown): number | undefined {
  const limit = corePool(pool)?.config?.connectionLimit;
  return typeof limit === 'number' && Number.isFinite(limit) ? limit : undefined;
}

/** `host:port/database` from the pool's configuration (the pool-name convention), or `undefined`. */
export function readPoolAddress(pool: unknown): string | undefined {
  const config = corePool(pool)?.config?.connectionConfig;
  if (config === undefined || typeof config.host !== 'string') return undefined;
  const port = typeof config.port === 'number' || typeof config.port === 'string' ? `:${config.port}` : '';
  const database = typeof config.database === 'string' && config.database !== '' ? `/${config.database}` : '';
  return `${config.host}${port}${database}`;
}

/** Host (or socket path), port and database from the pool's configuration, for span attributes. */
export function readPoolEndpoint(pool: unknown): StoreEndpoint | undefined {
  const config = corePool(pool)?.config?.connectionConfig;
  if (config === undefined) return undefined;
  const namespace = typeof config.database === 'string' && config.database !== '' ? config.database : undefined;
  if (typeof config.socketPath === 'string' && config.socketPath !== '') return { address: config.socketPath, namespace };
  const port = typeof config.port === 'number' ? config.port : typeof config.port === 'string' ? Number(config.port) : undefined;
  return {
    address: typeof config.host === 'string' && config.host !== '' ? config.host : undefined,
    port: port !== undefined && Number.isInteger(port) ? port : undefined,
    namespace,
  };
}
