import { diag } from '@opentelemetry/api';

/** At most one warning per kind of failure per window; the rest are counted and reported with the next one. */
const WARN_WINDOW_MS = 10_000;
const warnings = new Map<string, { lastMs: number; suppressed: number }>();

/**
 * Logs a failure of user or plug-in code through `diag.warn`, rate-limited per `what` (a fixed,
 * low-cardinality label): a hook throwing on every call must not flood the log.
 */
export function warnLimited(what: string, error: unknown): void {
  const now = performance.now();
  const state = warnings.get(what);
  if (state !== undefined && now - state.lastMs < WARN_WINDOW_MS) {
    state.suppressed++;
    return;
  }
  const suppressed = state?.suppressed ?? 0;
  warnings.set(what, { lastMs: now, suppressed: 0 });
  const more = suppressed > 0 ? ` (${suppressed} more since the last warning)` : '';
  diag.warn(`featurescope: ${what} failed; the store call is unaffected${more}`, error);
}

/** Handles a promise a hook or observer may have returned, so its rejection is logged, never unhandled. */
export function settleQuietly(what: string, returned: unknown): void {
  if (returned !== null && (typeof returned === 'object' || typeof returned === 'function') && typeof (returned as PromiseLike<unknown>).then === 'function') {
    try {
      (returned as PromiseLike<unknown>).then(undefined, (error: unknown) => warnLimited(what, error));
    } catch (error) {
      warnLimited(what, error);
    }
  }
}

/** Runs user or plug-in code that must never break the store call: errors and rejections are logged, then dropped. */
export function safeCall<A, B>(what: string, fn: (a: A, b: B) => unknown, a: A, b: B): void {
  try {
    settleQuietly(what, fn(a, b));
  } catch (error) {
    warnLimited(what, error);
  }
}
