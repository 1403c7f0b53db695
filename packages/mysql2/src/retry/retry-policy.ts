/** Retry settings. Every attempt of an upsert is a whole transaction, so retries never half-apply. */
export interface RetryOptions {
  /** Attempts in all, the first included; 1 disables retrying. @default 5 */
  readonly maxAttempts?: number;
  /** Backoff ceiling of the first retry, ms; it doubles per retry. @default 25 */
  readonly baseDelayMs?: number;
  /** Largest backoff ceiling, ms. @default 1000 */
  readonly maxDelayMs?: number;
  /** Waits before a retry; tests pass a fake. @default setTimeout-based sleep */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform random number in [0, 1) for the jitter; tests pass a fake. @default Math.random */
  readonly random?: () => number;
}

/** {@link RetryOptions} with defaults applied; frozen. */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Applies defaults and fails fast on a bad setting. */
export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  const maxAttempts = options.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) {
    throw new TypeError(`retry.maxAttempts must be an integer from 1 to 100, got ${String(maxAttempts)}`);
  }
  const baseDelayMs = options.baseDelayMs ?? 25;
  const maxDelayMs = options.maxDelayMs ?? 1000;
  for (const [name, value] of [['retry.baseDelayMs', baseDelayMs], ['retry.maxDelayMs', maxDelayMs]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new TypeError(`${name} must be a finite number ≥ 0, got ${String(value)}`);
  }
  if (maxDelayMs < baseDelayMs) throw new TypeError(`retry.maxDelayMs (${maxDelayMs}) must be ≥ retry.baseDelayMs (${baseDelayMs})`);
  for (const name of ['sleep', 'random'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new TypeError(`retry.${name} must be a function`);
  }
  return Object.freeze({ maxAttempts, baseDelayMs, maxDelayMs, sleep: options.sleep ?? sleepFor, random: options.random ?? Math.random });
}

/** The backoff ceiling before retry number `retry` (0 for the first retry): min(cap, base · 2^retry). */
export function backoffCeilingMs(policy: RetryPolicy, retry: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
}

/** "Full jitter": a uniform delay in [0, ceiling), which spreads retrying clients apart. */
export function backoffDelayMs(policy: RetryPolicy, retry: number): number {
  const r = policy.random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return unit * backoffCeilingMs(policy, retry);
}

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

/** Driver (network/protocol) error codes worth retrying. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
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
