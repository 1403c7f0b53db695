import { RETRYABLE_NETWORK_CODES } from '@featurescope/core';

/**
 * MySQL-family classification for the shared retry module of `@featurescope/core` (`withRetry`):
 * the policy (attempts, capped exponential backoff with full jitter, call deadline) lives there.
 */

/**
 * Server error numbers worth retrying: the connection was lost or killed, the transaction was
 * rolled back by a deadlock or timed out waiting for a lock, or TiDB reported a transient conflict.
 */
export const RETRYABLE_ERRNOS: ReadonlySet<number> = new Set([
  1040, // ER_CON_COUNT_ERROR: too many connections
  1053, // ER_SERVER_SHUTDOWN
  1205, // ER_LOCK_WAIT_TIMEOUT
  1213, // ER_LOCK_DEADLOCK
  1927, // ER_CONNECTION_KILLED (MariaDB)
  2006, // CR_SERVER_GONE_ERROR
  2013, // CR_SERVER_LOST
  4031, // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8.0.24+ idle disconnect)
  8002, // TiDB: SELECT … FOR UPDATE write conflict
  8022, // TiDB: transaction commit failed, retry
  8028, // TiDB: information schema changed during the transaction
  9001, // TiDB: PD server timeout
  9002, // TiDB: TiKV server timeout
  9003, // TiDB: TiKV server busy
  9005, // TiDB: region unavailable
  9007, // TiDB: write conflict
]);

/** Driver (network/protocol) error codes worth retrying: Node's network codes and mysql2's own. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  ...RETRYABLE_NETWORK_CODES,
  'PROTOCOL_CONNECTION_LOST',
  'ER_CONNECTION_KILLED',
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_CLIENT_INTERACTION_TIMEOUT',
]);

/**
 * Whether a failed attempt may be retried. Everything else (syntax 1064, data too long 1406,
 * duplicate key 1062, foreign key 1452, unknown table 1146, …) is the caller's to see at once.
 */
export function isRetryableError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { errno, code, fatal } = error as { errno?: unknown; code?: unknown; fatal?: unknown };
  if (typeof errno === 'number' && RETRYABLE_ERRNOS.has(errno)) return true;
  if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
  // mysql2 fails commands on a connection that already died ("Can't add new command when
  // connection is in closed state") with a fatal error that has neither code nor errno.
  return fatal === true && errno === undefined && code === undefined;
}

/**
 * A server error that failed one statement but left the session usable (it carries a SQL state and
 * is not fatal). Anything else — including a failed ROLLBACK — discards the connection.
 */
export function isCleanStatementError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { sqlState, fatal, errno } = error as { sqlState?: unknown; fatal?: unknown; errno?: unknown };
  return typeof sqlState === 'string' && fatal !== true && !(typeof errno === 'number' && SESSION_ENDING_ERRNOS.has(errno));
}

/** Server errors sent just before the server closes the session (killed, shutting down, idle timeout). */
const SESSION_ENDING_ERRNOS: ReadonlySet<number> = new Set([1053, 1927, 2006, 2013, 4031]);
