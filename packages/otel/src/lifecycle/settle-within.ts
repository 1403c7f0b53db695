/** How a bounded wait ended. */
export type Settlement = 'done' | 'failed' | 'timed-out';

/**
 * Waits for `work` at most `timeoutMillis`. Never rejects: a collector that is down must not
 * hang or crash the app's exit. The timer is cleared as soon as `work` settles, so a fast
 * shutdown leaves nothing behind.
 */
export function settleWithin(work: Promise<unknown>, timeoutMillis: number): Promise<Settlement> {
  return new Promise<Settlement>((resolve) => {
    const timer = setTimeout(() => resolve('timed-out'), timeoutMillis);
    work.then(
      () => {
        clearTimeout(timer);
        resolve('done');
      },
      () => {
        clearTimeout(timer);
        resolve('failed');
      },
    );
  });
}
