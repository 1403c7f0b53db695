import { FeatureStoreError } from '@featurescope/core';

/**
 * A transient Redis failure (connection lost or refused, server loading or read-only after a
 * failover) persisted through every allowed attempt. An upsert's MULTI/EXEC either ran whole or not
 * at all on the server, except when the connection dropped after EXEC was sent, where the outcome is
 * unknown; retrying is safe because upserts are idempotent.
 */
export class RedisRetryExhaustedError extends FeatureStoreError {
  static override readonly kind: string = 'RedisRetryExhaustedError';
  override readonly name: string = 'RedisRetryExhaustedError';
  /** Attempts made, the first included. */
  readonly attempts: number;
  constructor(attempts: number, cause: unknown) {
    // The cause's label only: Redis error messages can quote keys, which embed entity ids.
    super(`Gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}; last error: ${labelOf(cause)}`, { cause });
    this.attempts = attempts;
  }
}

/**
 * The call did not finish within its deadline (`timeoutMs`). A write may still have been applied by
 * the server; the connection is kept (late replies are discarded by the client).
 */
export class RedisDeadlineExceededError extends FeatureStoreError {
  static override readonly kind: string = 'RedisDeadlineExceededError';
  override readonly name: string = 'RedisDeadlineExceededError';
  readonly timeoutMs: number;
  constructor(timeoutMs: number, cause?: unknown) {
    super(`The Redis call did not finish within ${timeoutMs} ms`, cause === undefined ? undefined : { cause });
    this.timeoutMs = timeoutMs;
  }
}

/** A hash under one of the batch's keys holds another type (WRONGTYPE); the rest of the batch was applied. */
export class RedisWrongTypeError extends FeatureStoreError {
  static override readonly kind: string = 'RedisWrongTypeError';
  override readonly name: string = 'RedisWrongTypeError';
  constructor(cause: unknown) {
    super('A key of the batch holds a non-hash value (WRONGTYPE): check the key layout or prefix', { cause });
  }
}

/**
 * A short, value-free label for an error: a Redis error prefix (`LOADING`, `READONLY`), a Node
 * error code (`ECONNREFUSED`) or the class name.
 */
export function labelOf(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const { code, message, name } = error as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string' && code.length > 0) return code;
    if (typeof message === 'string') {
      const prefix = /^([A-Z][A-Z_]{2,})\b/.exec(message)?.[1];
      if (prefix !== undefined) return prefix;
    }
    if (typeof name === 'string' && name.length > 0) return name;
  }
  return 'unknown error';
}
