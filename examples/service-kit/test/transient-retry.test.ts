import { connect, createServer } from 'node:net';
import { RetryExhaustedError } from '@featurescope/mysql2';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError, isTransientStoreError, withTransientRetry } from '../src/transient-retry.js';

describe('withTransientRetry', () => {
  it('retries a refused connection with capped full-jitter delays, then gives up with StoreUnavailableError', async () => {
    // A real refused connection: listen, close, connect to the freed port.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const refused = (): Promise<never> => new Promise((_, reject) => connect(port, '127.0.0.1').once('error', reject));
    const delays: number[] = [];
    const error = await withTransientRetry(refused, { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 25, random: () => 0.999, onRetry: ({ delayMs }) => delays.push(delayMs) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).attempts).toBe(5);
    expect(((error as Error).cause as { code: string }).code).toBe('ECONNREFUSED');
    // ceilings 10, 20, 25 (cap), 25 — times the jitter draw.
    expect(delays.map((d) => Math.round(d))).toEqual([10, 20, 25, 25]);
  });

  it('rethrows a non-transient error as the same object, at once', async () => {
    const syntax = Object.assign(new Error('syntax'), { code: 'ER_PARSE_ERROR', errno: 1064 });
    let calls = 0;
    await expect(
      withTransientRetry(() => {
        calls++;
        return Promise.reject(syntax);
      }),
    ).rejects.toBe(syntax);
    expect(calls).toBe(1);
  });

  it('classifies driver errors', () => {
    expect(isTransientStoreError(Object.assign(new Error(), { code: '57P01' }))).toBe(true); // admin shutdown
    expect(isTransientStoreError(Object.assign(new Error(), { code: '08006' }))).toBe(true); // connection failure
    expect(isTransientStoreError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientStoreError(Object.assign(new Error(), { errno: 1213, code: 'ER_LOCK_DEADLOCK' }))).toBe(true);
    expect(isTransientStoreError(new RetryExhaustedError(3, new Error('x')))).toBe(true);
    expect(isTransientStoreError(Object.assign(new Error(), { code: '23505' }))).toBe(false); // unique violation
    expect(isTransientStoreError(new TypeError('bad'))).toBe(false);
  });
});
