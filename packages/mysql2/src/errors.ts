import { FeatureStoreError } from '@featurescope/core';

/**
 * A transient database failure (lost connection, deadlock, lock-wait timeout, TiDB write conflict)
 * persisted through every allowed attempt. For an upsert nothing of the failed attempts is committed
 * — except when the connection dropped during COMMIT, where the outcome is unknown; retrying such a
 * batch is safe because upserts are idempotent.
 */
export class RetryExhaustedError extends FeatureStoreError {
  static override readonly kind: string = 'RetryExhaustedError';
  override readonly name: string = 'RetryExhaustedError';
  /** Attempts made, the first included. */
  readonly attempts: number;

  constructor(attempts: number, cause: unknown) {
    // The cause's code only: driver messages may quote values (e.g. duplicate-entry errors).
    super(`Gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}; last error: ${codeOf(cause)}`, { cause });
    this.attempts = attempts;
  }
}

/**
 * The pool's waiting queue is full (mysql2 `queueLimit`): the database is not keeping up. Not retried,
 * since retrying would add load; shed or slow down the caller instead. `cause` is mysql2's error.
 */
export class PoolQueueFullError extends FeatureStoreError {
  static override readonly kind: string = 'PoolQueueFullError';
  override readonly name: string = 'PoolQueueFullError';
  constructor(cause: unknown) {
    super('The connection pool queue is full (mysql2 queueLimit reached); nothing was sent', { cause });
  }
}

/** A short, value-free label for an error: its code, errno or class name. */
export function codeOf(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const { code, errno, name } = error as { code?: unknown; errno?: unknown; name?: unknown };
    if (typeof code === 'string' && code.length > 0) return code;
    if (typeof errno === 'number') return `errno ${errno}`;
    if (typeof name === 'string' && name.length > 0) return name;
  }
  return 'unknown error';
}
