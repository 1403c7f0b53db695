import { diag } from '@opentelemetry/api';

/** Runs user or plug-in code that must never break the store call: errors are logged, then dropped. */
export function safeCall<A, B>(what: string, fn: (a: A, b: B) => void, a: A, b: B): void {
  try {
    fn(a, b);
  } catch (error) {
    diag.warn(`featurescope: ${what} threw; the store call is unaffected`, error);
  }
}
