import { diag } from '@opentelemetry/api';
import { CallDeadline, withRetry, withinLimit } from '@featurescope/core';
import { MysqlFeatureStore } from './mysql-feature-store.js';
import type { MysqlPool } from './driver-types.js';
import type { MysqlFeatureStoreOptions } from './options.js';
import { ConnectionSource } from './pool/connection-source.js';
import { readPoolAddress } from './pool/pool-internals.js';
import { mysqlPoolMetrics } from './pool/pool-metrics.js';
import { resolveStoreOptions, type ResolvedStoreOptions } from './resolve-options.js';
import { isRetryableError } from './retry/retry-policy.js';
import { detectServer } from './server/detect-server.js';
import { featureTablesOf, verifyKeyTables } from './server/key-tables.js';

/** Session setup of pools the store creates: timestamps are UTC whatever the server's zone. */
export const SESSION_SQL = "SET time_zone = '+00:00'";

/**
 * Creates a {@link MysqlFeatureStore}: validates the options, creates the pool from `url` (loading
 * mysql2 only then) or uses `client`, and detects the server once (`SELECT VERSION()`,
 * `max_allowed_packet`, vector functions), with the store's retry policy.
 * Call `ensureSchema()` afterwards to create missing tables.
 */
export async function createMysqlFeatureStore(options: MysqlFeatureStoreOptions): Promise<MysqlFeatureStore> {
  const resolved = resolveStoreOptions(options);
  const ownsPool = resolved.client === undefined;
  const pool = resolved.client ?? (await createPool(resolved));
  const poolMetrics =
    resolved.meterProvider === undefined
      ? undefined
      : mysqlPoolMetrics(pool, resolved.meterProvider, resolved.poolName ?? readPoolAddress(pool) ?? 'mysql2');
  try {
    const exactTables = new Set<string>();
    const source = new ConnectionSource(pool, poolMetrics, ownsPool ? SESSION_SQL : undefined, resolved.now);
    const deadline = new CallDeadline(resolved.timeouts, resolved.now);
    const server = await withRetry(resolved.retry, async () => {
      const connection = await source.acquire(deadline.limitFor('connect'));
      try {
        const info = await withinLimit(
          (async () => ({ ...(await detectServer(connection)), notes: await verifyKeyTables(connection, featureTablesOf(resolved), exactTables) }))(),
          deadline.limitFor('query'),
          () => connection.destroy(),
        );
        source.release(connection, false);
        return info;
      } catch (error) {
        source.release(connection, true);
        throw error;
      }
    }, { isRetryable: isRetryableError, deadline });
    const { notes, ...serverInfo } = server;
    for (const note of notes) diag.warn(`@featurescope/mysql2: ${note}`);
    return new MysqlFeatureStore({ options: resolved, pool, ownsPool, source, server: Object.freeze(serverInfo), poolMetrics, exactTables });
  } catch (error) {
    poolMetrics?.shutdown();
    if (ownsPool) await pool.end().catch(() => undefined);
    throw error;
  }
}

/** mysql2 is a peer dependency, loaded only when the store creates its own pool. */
async function createPool(options: ResolvedStoreOptions): Promise<MysqlPool> {
  const mysql = await import('mysql2/promise');
  const createPoolFn = mysql.createPool ?? (mysql as unknown as { default: typeof mysql }).default.createPool;
  return createPoolFn({
    uri: options.url,
    connectionLimit: options.poolSize,
    queueLimit: options.queueLimit,
    waitForConnections: true,
    // Dates the driver formats or parses are UTC, matching the session's time_zone.
    timezone: 'Z',
    enableKeepAlive: true,
    // The socket's own handshake limit, so an unanswered handshake is torn down, not left open.
    connectTimeout: options.timeouts.connectTimeoutMs,
  });
}
