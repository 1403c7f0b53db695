// The pool-queue error is core's, shared by the SQL backends.
export { PoolQueueFullError } from '@featurescope/core';

/** A short, value-free label for an error (shared with core's retry module). */
export { errorCodeOf as codeOf } from '@featurescope/core';
