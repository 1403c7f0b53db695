import { trace } from '@opentelemetry/api';
import { RetryExhaustedError, codeOf } from '../errors.js';
import { ATTR_ERROR_TYPE, ATTR_RETRY_ATTEMPT, ATTR_RETRY_DELAY, EVENT_RETRY } from '../semconv.js';
import { backoffDelayMs, isRetryableError, type RetryPolicy } from './retry-policy.js';

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error (rethrown as the same object),
 * or uses up `policy.maxAttempts` (then {@link RetryExhaustedError} with the last error as `cause`).
 * Each retry adds a `featurescope.retry` event to the active span; the event carries no values.
 * `shouldStop` is checked before each retry (e.g. the store was closed meanwhile).
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  attempt: (attemptNumber: number) => Promise<T>,
  shouldStop: () => Error | undefined = () => undefined,
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!isRetryableError(error)) throw error;
      if (attemptNumber >= policy.maxAttempts) throw new RetryExhaustedError(attemptNumber, error);
      const delayMs = backoffDelayMs(policy, attemptNumber - 1);
      trace.getActiveSpan()?.addEvent(EVENT_RETRY, {
        [ATTR_RETRY_ATTEMPT]: attemptNumber,
        [ATTR_ERROR_TYPE]: codeOf(error),
        [ATTR_RETRY_DELAY]: delayMs / 1000,
      });
      await policy.sleep(delayMs);
      const stop = shouldStop();
      if (stop !== undefined) throw stop;
    }
  }
}
