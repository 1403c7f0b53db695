/**
 * Retry settings: the same contract, defaults and backoff as `@featurescope/mysql2` (full-jitter
 * exponential backoff). When core's shared retry module lands, this file becomes a re-export of it.
 */
export interface RetryOptions {
  /** Attempts in all, the first included; 1 disables retrying. @default 5 */
  readonly maxAttempts?: number;
  /** Backoff ceiling of the first retry, ms; it doubles per retry. @default 25 */
  readonly baseDelayMs?: number;
  /** Largest backoff ceiling, ms. @default 1000 */
  readonly maxDelayMs?: number;
  /** Waits before a retry; tests pass a fake. @default setTimeout-based sleep (unref'd) */
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

// unref: a backoff wait must not keep a process alive that has nothing else to do.
const sleepFor = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref?.());

/** Applies defaults and fails fast on a bad setting. */
export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  if (options === null || typeof options !== 'object') throw new TypeError('retry must be an object');
  const maxAttempts = options.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) {
    throw new TypeError(`retry.maxAttempts must be an integer from 1 to 100, got ${String(maxAttempts)}`);
  }
  const baseDelayMs = options.baseDelayMs ?? 25;
  const maxDelayMs = options.maxDelayMs ?? 1000;
  for (const [name, value] of [['retry.baseDelayMs', baseDelayMs], ['retry.maxDelayMs', maxDelayMs]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new TypeError(`${name} must be a finite number ≥ 0, got ${String(value)}`);
  }
  if (maxDelayMs < baseDelayMs) throw new TypeError(`retry.maxDelayMs (${maxDelayMs}) must be ≥ retry.baseDelayMs (${baseDelayMs})`);
  for (const name of ['sleep', 'random'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new TypeError(`retry.${name} must be a function`);
  }
  return Object.freeze({ maxAttempts, baseDelayMs, maxDelayMs, sleep: options.sleep ?? sleepFor, random: options.random ?? Math.random });
}

/** "Full jitter": a uniform delay in [0, min(cap, base · 2^retry)), which spreads retrying clients apart. */
export function backoffDelayMs(policy: RetryPolicy, retry: number): number {
  const r = policy.random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return unit * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
}
