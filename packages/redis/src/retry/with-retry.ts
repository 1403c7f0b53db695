import { trace } from '@opentelemetry/api';
import { RedisDeadlineExceededError, RedisRetryExhaustedError, labelOf } from '../errors.js';
import { ATTR_ERROR_TYPE, ATTR_RETRY_ATTEMPT, ATTR_RETRY_DELAY, EVENT_RETRY } from '../semconv.js';
import { backoffDelayMs, type RetryPolicy } from './retry-policy.js';
import { isRetryableRedisError } from './retryable-errors.js';

/** A call's time budget: `timeoutMs` from when the call started; `Infinity` means none. */
export interface Deadline {
  readonly timeoutMs: number;
  readonly expiresAt: number;
}

export function startDeadline(timeoutMs: number, now: () => number): Deadline {
  return { timeoutMs, expiresAt: timeoutMs === Infinity ? Infinity : now() + timeoutMs };
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error (rethrown as the same object),
 * uses up the attempts ({@link RedisRetryExhaustedError}, last error as `cause`) or the deadline
 * ({@link RedisDeadlineExceededError}). Each attempt and each backoff wait is bounded by the time left.
 * Each retry adds a value-free `featurescope.retry` event to the active span.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  deadline: Deadline,
  now: () => number,
  attempt: () => Promise<T>,
  shouldStop: () => Error | undefined,
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await withinDeadline(attempt(), deadline, now);
    } catch (error) {
      if (error instanceof RedisDeadlineExceededError || !isRetryableRedisError(error)) throw error;
      if (attemptNumber >= policy.maxAttempts) throw new RedisRetryExhaustedError(attemptNumber, error);
      const delayMs = backoffDelayMs(policy, attemptNumber - 1);
      if (now() + delayMs >= deadline.expiresAt) throw new RedisDeadlineExceededError(deadline.timeoutMs, error);
      trace.getActiveSpan()?.addEvent(EVENT_RETRY, {
        [ATTR_RETRY_ATTEMPT]: attemptNumber,
        [ATTR_ERROR_TYPE]: labelOf(error),
        [ATTR_RETRY_DELAY]: delayMs / 1000,
      });
      await policy.sleep(delayMs);
      const stop = shouldStop();
      if (stop !== undefined) throw stop;
    }
  }
}

/** The promise, or a {@link RedisDeadlineExceededError} when the deadline passes first. */
function withinDeadline<T>(promise: Promise<T>, deadline: Deadline, now: () => number): Promise<T> {
  if (deadline.expiresAt === Infinity) return promise;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new RedisDeadlineExceededError(deadline.timeoutMs)), Math.max(0, deadline.expiresAt - now()));
    // The deadline must not keep the process alive on its own.
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the driver's error object, unchanged
        reject(error);
      },
    );
  });
}
