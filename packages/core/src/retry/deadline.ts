import { InvalidOptionError } from '../errors.js';
import { StoreTimeoutError, type TimeoutPhase } from './retry-errors.js';

/** Per-call time limits shared by the SQL stores (and any networked store). */
export interface TimeoutOptions {
  /** Longest wait to obtain a connection (pool wait plus handshake), ms. @default 5000 */
  readonly connectTimeoutMs?: number;
  /** Longest run of one statement or one transaction, ms; past it the connection is destroyed. @default 10000 */
  readonly queryTimeoutMs?: number;
  /** Longest whole call, retries and backoff included, ms. @default 30000 */
  readonly callTimeoutMs?: number;
}

/** {@link TimeoutOptions} with defaults applied; frozen. */
export interface TimeoutPolicy {
  readonly connectTimeoutMs: number;
  readonly queryTimeoutMs: number;
  readonly callTimeoutMs: number;
}

/** The defaults of {@link TimeoutOptions}, declared once for every backend. */
export const DEFAULT_TIMEOUTS: TimeoutPolicy = Object.freeze({ connectTimeoutMs: 5000, queryTimeoutMs: 10_000, callTimeoutMs: 30_000 });

/** Applies defaults; each limit must be a positive integer of ms up to 24 h. */
export function resolveTimeoutPolicy(options: TimeoutOptions): TimeoutPolicy {
  const pick = (name: keyof TimeoutOptions): number => {
    const value = options[name] ?? DEFAULT_TIMEOUTS[name];
    if (!Number.isInteger(value) || value < 1 || value > 86_400_000) throw new InvalidOptionError(name, `must be an integer of ms from 1 to 86400000, got ${String(value)}`);
    return value;
  };
  return Object.freeze({ connectTimeoutMs: pick('connectTimeoutMs'), queryTimeoutMs: pick('queryTimeoutMs'), callTimeoutMs: pick('callTimeoutMs') });
}

/** One step's time limit: its own, or what remains of the call when that is shorter. */
export interface StepLimit {
  readonly ms: number;
  /** The phase to report when it runs out (`call` when the call's remainder was the shorter). */
  readonly phase: TimeoutPhase;
  /** The configured limit to name in the error. */
  readonly limitMs: number;
}

/** The deadline of one store call, started when the call starts. */
export class CallDeadline {
  readonly #endsAt: number;
  readonly #policy: TimeoutPolicy;
  readonly #now: () => number;

  constructor(policy: TimeoutPolicy, now: () => number = () => performance.now()) {
    this.#policy = policy;
    this.#now = now;
    this.#endsAt = now() + policy.callTimeoutMs;
  }

  remainingMs(): number {
    return this.#endsAt - this.#now();
  }

  /** The error for a call whose deadline has passed. */
  expired(attempts: number): StoreTimeoutError {
    return new StoreTimeoutError('call', this.#policy.callTimeoutMs, attempts);
  }

  /** The limit of a connect or query step started now. */
  limitFor(phase: 'connect' | 'query'): StepLimit {
    const own = phase === 'connect' ? this.#policy.connectTimeoutMs : this.#policy.queryTimeoutMs;
    const remaining = Math.max(0, this.remainingMs());
    return remaining < own ? { ms: remaining, phase: 'call', limitMs: this.#policy.callTimeoutMs } : { ms: own, phase, limitMs: own };
  }
}

/**
 * Settles like `work`, unless `limit` runs out first: then `onTimeout` runs (destroy the connection
 * or socket the work is blocked on) and the promise rejects with a {@link StoreTimeoutError}. A late
 * rejection of `work` is handled, so it never becomes an unhandled rejection; a late value goes to
 * `onLateValue` (e.g. to destroy a connection obtained after the connect deadline).
 */
export function withinLimit<T>(work: Promise<T>, limit: StepLimit, onTimeout: () => void, onLateValue?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      try {
        onTimeout();
      } catch {
        // Destroying a connection that is already gone: the timeout stands.
      }
      reject(new StoreTimeoutError(limit.phase, limit.limitMs));
    }, limit.ms);
    // The blocked socket keeps the process alive if anything must; this timer never should.
    timer.unref?.();
    work.then(
      (value) => {
        // A connection that arrives after its deadline is nobody's: hand it back to be destroyed.
        if (done) return onLateValue?.(value);
        done = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        // The same rejection reason, untouched (instrumentation never changes errors).
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        reject(error);
      },
    );
  });
}
