import { trace } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE, ATTR_RETRY_ATTEMPT, ATTR_RETRY_DELAY, EVENT_RETRY } from '../semconv.js';
import type { CallDeadline } from './deadline.js';
import { RetryExhaustedError, StoreTimeoutError, errorCodeOf } from './retry-errors.js';
import { backoffDelayMs, type RetryPolicy } from './retry-policy.js';

/** What a backend tells {@link withRetry} about one call. */
export interface RetryRun {
  /** The backend's classification: may this failed attempt be retried? (A connect or query timeout always may.) */
  readonly isRetryable: (error: unknown) => boolean;
  /** Checked before each retry; an error returned is thrown instead (e.g. the store was closed meanwhile). */
  readonly shouldStop?: () => Error | undefined;
  /** The whole call's deadline: no retry starts or sleeps past it. */
  readonly deadline?: CallDeadline;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error (rethrown as the same object),
 * or uses up `policy.maxAttempts` (then {@link RetryExhaustedError} with the last error as `cause`;
 * a {@link StoreTimeoutError} is rethrown itself, with `attempts` set). Each retry adds a
 * `featurescope.retry` event to the active span; the event carries no values.
 */
export async function withRetry<T>(policy: RetryPolicy, attempt: (attemptNumber: number) => Promise<T>, run: RetryRun): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const timedOut = error instanceof StoreTimeoutError;
      if (timedOut) error.attempts = attemptNumber;
      if (timedOut ? error.phase === 'call' : !run.isRetryable(error)) throw error;
      if (attemptNumber >= policy.maxAttempts) throw timedOut ? error : new RetryExhaustedError(attemptNumber, error);
      const delayMs = backoffDelayMs(policy, attemptNumber - 1);
      const remaining = run.deadline?.remainingMs() ?? Number.POSITIVE_INFINITY;
      if (remaining <= delayMs) throw run.deadline!.expired(attemptNumber);
      trace.getActiveSpan()?.addEvent(EVENT_RETRY, {
        [ATTR_RETRY_ATTEMPT]: attemptNumber,
        [ATTR_ERROR_TYPE]: errorCodeOf(error),
        [ATTR_RETRY_DELAY]: delayMs / 1000,
      });
      await policy.sleep(delayMs);
      const stop = run.shouldStop?.();
      if (stop !== undefined) throw stop;
    }
  }
}

/** Network error codes of Node.js sockets worth retrying, whatever the database. */
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
