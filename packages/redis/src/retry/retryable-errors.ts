/** Node socket error codes worth retrying: the connection was refused, reset or timed out. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTCONN', 'EHOSTUNREACH', 'ECONNABORTED']);

/**
 * Redis error prefixes worth retrying: the server is loading its dataset, is a replica after a
 * failover (READONLY), a cluster is reconfiguring (TRYAGAIN, CLUSTERDOWN), or a replica lost its
 * primary (MASTERDOWN).
 */
export const RETRYABLE_REPLY_PREFIXES: ReadonlySet<string> = new Set(['LOADING', 'READONLY', 'TRYAGAIN', 'CLUSTERDOWN', 'MASTERDOWN']);

/** ioredis's messages for a command that failed because its connection closed (no code is set). */
const CLOSED_CONNECTION_MESSAGES = ['Connection is closed.', "Stream isn't writeable"];

/**
 * Whether a failed attempt may be retried. Everything else (WRONGTYPE, syntax errors, NOSCRIPT,
 * out-of-memory `OOM`, a `NOPERM` ACL denial) is the caller's to see at once.
 */
export function isRetryableRedisError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { code, message, name } = error as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
  if (name === 'MaxRetriesPerRequestError') return true;
  if (typeof message !== 'string') return false;
  const prefix = /^([A-Z]+)\b/.exec(message)?.[1];
  if (prefix !== undefined && RETRYABLE_REPLY_PREFIXES.has(prefix)) return true;
  return CLOSED_CONNECTION_MESSAGES.some((text) => message.startsWith(text));
}
