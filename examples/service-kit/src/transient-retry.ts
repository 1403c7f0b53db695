import { PoolQueueFullError, RetryExhaustedError, isRetryableError } from '@featurescope/mysql2';

/** Retry settings of {@link withTransientRetry}. */
export interface TransientRetryOptions {
  /** Attempts in all, the first included. @default 4 */
  readonly maxAttempts?: number;
  /** Backoff ceiling before the first retry, ms; it doubles per retry. @default 50 */
  readonly baseDelayMs?: number;
  /** Largest backoff ceiling, ms. @default 1000 */
  readonly maxDelayMs?: number;
  /** Called before each retry (for a log line); errors it throws are ignored. */
  readonly onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** Uniform random number in [0, 1). @default Math.random */
  readonly random?: () => number;
}

/** Every attempt failed with a transient database error; `cause` is the last one. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`The feature store was unavailable through ${attempts} attempt${attempts === 1 ? '' : 's'} (last error: ${errorCode(cause)})`, { cause });
  }
}

/** Connection-level failures any driver reports with a Node error code. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs worth retrying: connection exceptions (class 08), serialization failure,
 * deadlock, admin/crash shutdown, cannot connect now, too many connections.
 */
const PG_RETRYABLE_STATES = new Set(['40001', '40P01', '57P01', '57P02', '57P03', '53300']);

/** Whether `error` is a transient database failure: retrying the same idempotent request may succeed. */
export function isTransientStoreError(error: unknown): boolean {
  if (error instanceof PoolQueueFullError) return false; // overloaded: retrying adds load
  if (error instanceof RetryExhaustedError) return true;
  if (error === null || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || PG_RETRYABLE_STATES.has(code) || code.startsWith('08'))) return true;
  // pg reports a dropped or never-established connection without a code.
  if (typeof message === 'string' && /^Connection terminated|timeout exceeded when trying to connect/.test(message)) return true;
  if (error instanceof AggregateError) return error.errors.some(isTransientStoreError);
  return isRetryableError(error);
}

/** Whether `error` means the store cannot take the request now (answer 503, not 500). */
export function isStoreUnavailable(error: unknown): boolean {
  return error instanceof StoreUnavailableError || error instanceof PoolQueueFullError;
}

/** A value-free label for an error (its code, or its class name). */
export function errorCode(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const { code, errno, name } = error as { code?: unknown; errno?: unknown; name?: unknown };
    if (typeof code === 'string' && code !== '') return code;
    if (typeof errno === 'number') return `errno ${errno}`;
    if (typeof name === 'string' && name !== '') return name;
  }
  return 'unknown';
}

/**
 * Runs `work` until it succeeds, fails with a non-transient error (rethrown as is), or the attempts
 * run out (then {@link StoreUnavailableError}). Between attempts it sleeps a "full jitter" delay:
 * uniform in [0, min(maxDelayMs, baseDelayMs · 2^retry)), which spreads a fleet of retrying replicas
 * apart instead of having them hit a recovering database in lockstep. `work` must be idempotent
 * (feature upserts are).
 */
export async function withTransientRetry<T>(work: () => Promise<T>, options: TransientRetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 50;
  const maxDelayMs = options.maxDelayMs ?? 1000;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isTransientStoreError(error)) throw error;
      if (attempt >= maxAttempts) throw new StoreUnavailableError(attempt, error);
      const delayMs = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * random();
      try {
        options.onRetry?.({ attempt, delayMs, error });
      } catch {
        // a logging hook must not change the outcome
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
