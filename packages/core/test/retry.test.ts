import { describe, expect, it } from 'vitest';
import { CallDeadline, RetryExhaustedError, StoreTimeoutError, resolveRetryPolicy, resolveTimeoutPolicy, withRetry, withinLimit } from '../src/index.js';

const transient = (): Error => Object.assign(new Error('reset'), { code: 'ECONNRESET' });
const isRetryable = (error: unknown): boolean => (error as { code?: unknown }).code === 'ECONNRESET';
const noSleep = { sleep: () => Promise.resolve(), random: () => 0.5 };

describe('shared retry module', () => {
  it('retries only what the backend classifies as retryable and rethrows the same error otherwise', async () => {
    const fatal = new Error('syntax');
    let calls = 0;
    await expect(withRetry(resolveRetryPolicy(noSleep), () => (calls++, Promise.reject(fatal)), { isRetryable })).rejects.toBe(fatal);
    expect(calls).toBe(1);
    calls = 0;
    await expect(withRetry(resolveRetryPolicy({ ...noSleep, maxAttempts: 3 }), () => (calls++, Promise.reject(transient())), { isRetryable })).rejects.toBeInstanceOf(RetryExhaustedError);
    expect(calls).toBe(3);
  });

  it('never sleeps past the call deadline: it ends in StoreTimeoutError(call)', async () => {
    let now = 0;
    const deadline = new CallDeadline(resolveTimeoutPolicy({ callTimeoutMs: 100 }), () => now);
    const policy = resolveRetryPolicy({ maxAttempts: 10, baseDelayMs: 80, maxDelayMs: 80, random: () => 0.99, sleep: (ms) => ((now += ms), Promise.resolve()) });
    const error = await withRetry(policy, () => Promise.reject(transient()), { isRetryable, deadline }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreTimeoutError);
    expect((error as StoreTimeoutError).phase).toBe('call');
    expect((error as StoreTimeoutError).attempts).toBe(2);
  });

  it('a step limit is the shorter of its own and what remains of the call', () => {
    let now = 0;
    const deadline = new CallDeadline(resolveTimeoutPolicy({ connectTimeoutMs: 50, queryTimeoutMs: 500, callTimeoutMs: 300 }), () => now);
    expect(deadline.limitFor('connect')).toEqual({ ms: 50, phase: 'connect', limitMs: 50 });
    expect(deadline.limitFor('query')).toEqual({ ms: 300, phase: 'call', limitMs: 300 });
    now = 280;
    expect(deadline.limitFor('connect')).toEqual({ ms: 20, phase: 'call', limitMs: 300 });
  });

  it('withinLimit runs onTimeout and rejects typed; a late rejection stays handled', async () => {
    let destroyed = false;
    let rejectLate!: (e: Error) => void;
    const work = new Promise<never>((_, reject) => (rejectLate = reject));
    const error = await withinLimit(work, { ms: 10, phase: 'query', limitMs: 10 }, () => (destroyed = true)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreTimeoutError);
    expect(destroyed).toBe(true);
    rejectLate(new Error('late'));
  });

  it('rejects bad timeout options by name', () => {
    expect(() => resolveTimeoutPolicy({ queryTimeoutMs: 0 })).toThrow(/queryTimeoutMs/);
    expect(() => resolveRetryPolicy({ maxAttempts: 0 })).toThrow(/retry.maxAttempts/);
  });
});
