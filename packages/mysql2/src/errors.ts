import { FeatureStoreError } from '@featurescope/core';

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

/** A short, value-free label for an error (shared with core's retry module). */
export { errorCodeOf as codeOf } from '@featurescope/core';
