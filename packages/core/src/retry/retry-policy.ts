import { InvalidOptionError } from '../errors.js';
/**
 * Retry settings shared by every store backend (mysql2, postgres, redis, …). Each attempt of a write
 * is a whole transaction (or an idempotent command), so retries never half-apply.
 */
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

/** The defaults of {@link RetryOptions}, declared once for every backend. */
export const DEFAULT_RETRY = Object.freeze({ maxAttempts: 5, baseDelayMs: 25, maxDelayMs: 1000 });

// unref: a backoff wait must not keep a process alive that has nothing else to do.
const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref?.());

// Option errors name the option; never the caller's other settings.
const optionError = (option: string, problem: string): InvalidOptionError => new InvalidOptionError(option, problem);

/** Applies defaults and fails fast on a bad setting (an InvalidOptionError naming the option). */
export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  if (options === null || typeof options !== 'object') throw optionError('retry', 'must be an object');
  const maxAttempts = options.maxAttempts ?? DEFAULT_RETRY.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) {
    throw optionError('retry.maxAttempts', `must be an integer from 1 to 100, got ${String(maxAttempts)}`);
  }
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  for (const [name, value] of [['retry.baseDelayMs', baseDelayMs], ['retry.maxDelayMs', maxDelayMs]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw optionError(name, `must be a finite number ≥ 0, got ${String(value)}`);
  }
  if (maxDelayMs < baseDelayMs) throw optionError('retry.maxDelayMs', `(${maxDelayMs}) must be ≥ retry.baseDelayMs (${baseDelayMs})`);
  for (const name of ['sleep', 'random'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw optionError(`retry.${name}`, 'must be a function');
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
