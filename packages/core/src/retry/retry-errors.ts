import { FeatureStoreError } from '../errors.js';

/** A short, value-free label for an error: its code, errno or class name. Driver messages may quote values. */
export function errorCodeOf(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const { code, errno, name } = error as { code?: unknown; errno?: unknown; name?: unknown };
    if (typeof code === 'string' && code.length > 0 && code.length <= 64) return code;
    if (typeof errno === 'number') return `errno ${errno}`;
    if (typeof name === 'string' && name.length > 0 && name.length <= 64) return name;
  }
  return 'unknown error';
}

/**
 * A transient failure (lost connection, deadlock, lock-wait timeout, write conflict) persisted
 * through every allowed attempt. For an upsert nothing of the failed attempts is committed — except
 * when the connection dropped during COMMIT, where the outcome is unknown; retrying such a batch is
 * safe because upserts are idempotent. `cause` is the last attempt's error.
 */
export class RetryExhaustedError extends FeatureStoreError {
  static override readonly kind: string = 'RetryExhaustedError';
  override readonly name: string = 'RetryExhaustedError';
  /** Attempts made, the first included. */
  readonly attempts: number;

  constructor(attempts: number, cause: unknown) {
    super(`Gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}; last error: ${errorCodeOf(cause)}`, { cause });
    this.attempts = attempts;
  }
}

/** Which deadline a {@link StoreTimeoutError} hit. */
export type TimeoutPhase = 'connect' | 'query' | 'call';

/**
 * A store call ran out of time: `connect` (obtaining or opening a connection), `query` (one
 * statement or transaction) or `call` (the whole call, retries included). The connection involved
 * was destroyed, never returned to the pool. A timed-out write may or may not have been applied
 * (upserts are idempotent, so repeating it is safe).
 */
export class StoreTimeoutError extends FeatureStoreError {
  static override readonly kind: string = 'StoreTimeoutError';
  override readonly name: string = 'StoreTimeoutError';
  /** Always `ETIMEDOUT`-like for `error.type` grouping: `FEATURESCOPE_TIMEOUT`. */
  readonly code = 'FEATURESCOPE_TIMEOUT';
  readonly phase: TimeoutPhase;
  /** The deadline that ran out, ms. */
  readonly timeoutMs: number;
  /** Attempts made, the first included. */
  attempts: number;

  constructor(phase: TimeoutPhase, timeoutMs: number, attempts = 1) {
    super(`The ${phase} deadline of ${timeoutMs} ms ran out${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`);
    this.phase = phase;
    this.timeoutMs = timeoutMs;
    this.attempts = attempts;
  }
}

/**
 * The connection pool's waiting queue is full (`queueLimit`): the database is not keeping up. Not
 * retried, since retrying would add load; shed or slow down the caller instead. Nothing was sent.
 */
export class PoolQueueFullError extends FeatureStoreError {
  static override readonly kind: string = 'PoolQueueFullError';
  override readonly name: string = 'PoolQueueFullError';
  constructor(cause?: unknown) {
    super('The connection pool queue is full (queueLimit reached); nothing was sent', { cause });
  }
}
