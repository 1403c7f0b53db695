import {
  FeatureStoreError,
  RetryExhaustedError,
  backoffCeilingMs,
  backoffDelayMs,
  resolveRetryPolicy,
  withRetry as sharedWithRetry,
  type RetryPolicy,
} from '@featurescope/core';
import { createTestTelemetry } from '@featurescope/test-utils';
import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlFeatureStore, type MysqlFeatureStore } from '../src/index.js';
import { RETRYABLE_CODES, RETRYABLE_ERRNOS, isRetryableError } from '../src/retry/retry-policy.js';
import { adminPool, dropTables, mysqlUrl, narrowEntityColumn, uniqueTable } from './helpers.js';

/** A seeded generator, so the spread checks are deterministic. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A fake clock: sleeping records the delay and returns at once. */
function fakeSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: (ms) => (delays.push(ms), Promise.resolve()) };
}

/** The shared policy of @featurescope/core with this backend's classification. */
const withRetry = <T>(policy: RetryPolicy, attempt: (attemptNumber: number) => Promise<T>): Promise<T> => sharedWithRetry(policy, attempt, { isRetryable: isRetryableError });

const deadlock = (): Error => Object.assign(new Error('Deadlock found when trying to get lock'), { errno: 1213, code: 'ER_LOCK_DEADLOCK', sqlState: '40001' });

describe('backoff: capped exponential with full jitter', () => {
  const policy = resolveRetryPolicy({ baseDelayMs: 10, maxDelayMs: 100, maxAttempts: 10 });

  it('ceilings double from the base and stop at the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((k) => backoffCeilingMs(policy, k))).toEqual([10, 20, 40, 80, 100, 100, 100]);
  });

  it('delays spread uniformly over [0, ceiling) for every retry', () => {
    for (const retry of [0, 2, 5]) {
      const random = lcg(42 + retry);
      const seeded: RetryPolicy = { ...policy, random };
      const ceiling = backoffCeilingMs(policy, retry);
      const bins = new Array<number>(10).fill(0);
      const samples = 5000;
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < samples; i++) {
        const delay = backoffDelayMs(seeded, retry);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(ceiling);
        min = Math.min(min, delay);
        max = Math.max(max, delay);
        bins[Math.floor((delay / ceiling) * 10)]!++;
      }
      // Full jitter reaches both ends, and each tenth of the range gets about a tenth of the delays.
      expect(min).toBeLessThan(ceiling * 0.01);
      expect(max).toBeGreaterThan(ceiling * 0.99);
      for (const count of bins) expect(Math.abs(count - samples / 10)).toBeLessThan(samples / 10 * 0.15);
    }
  });

  it('withRetry sleeps random · ceiling before each retry and gives up after maxAttempts with the last error', async () => {
    const { sleep, delays } = fakeSleep();
    const randoms = [0.5, 0.25, 0.999, 0, 0.75];
    const seeded = resolveRetryPolicy({ baseDelayMs: 10, maxDelayMs: 50, maxAttempts: 6, sleep, random: () => randoms.shift()! });
    const errors: Error[] = [];
    const error = await withRetry(seeded, (attempt) => {
      const e = deadlock();
      errors.push(e);
      expect(attempt).toBe(errors.length);
      return Promise.reject(e);
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryExhaustedError);
    expect(error).toBeInstanceOf(FeatureStoreError);
    expect((error as RetryExhaustedError).name).toBe('RetryExhaustedError');
    expect((error as RetryExhaustedError).attempts).toBe(6);
    expect((error as RetryExhaustedError).cause).toBe(errors[5]);
    expect(errors).toHaveLength(6);
    // Ceilings 10, 20, 40, 50 (capped), 50.
    expect(delays).toEqual([0.5 * 10, 0.25 * 20, 0.999 * 40, 0, 0.75 * 50]);
  });

  it('returns the first success', async () => {
    const { sleep, delays } = fakeSleep();
    let calls = 0;
    const result = await withRetry(resolveRetryPolicy({ sleep, random: () => 0.5 }), () => (++calls < 3 ? Promise.reject(deadlock()) : Promise.resolve('ok')));
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toEqual([12.5, 25]);
  });

  it('maxAttempts 1 never retries, and still types a transient failure', async () => {
    const { sleep, delays } = fakeSleep();
    const error = await withRetry(resolveRetryPolicy({ maxAttempts: 1, sleep }), () => Promise.reject(deadlock())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryExhaustedError);
    expect((error as RetryExhaustedError).attempts).toBe(1);
    expect(delays).toEqual([]);
  });
});

describe('which errors are retried', () => {
  it.each([
    ['lost connection', { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }],
    ['reset', { code: 'ECONNRESET', errno: -104, fatal: true }],
    ['killed (MariaDB)', { code: 'ER_CONNECTION_KILLED', errno: 1927, sqlState: '70100' }],
    ['server gone', { errno: 2006 }],
    ['server lost', { errno: 2013 }],
    ['deadlock', { code: 'ER_LOCK_DEADLOCK', errno: 1213 }],
    ['lock wait timeout', { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }],
    ['TiDB write conflict', { errno: 9007 }],
    ['TiDB commit retry', { errno: 8022 }],
    ['TiDB for-update conflict', { errno: 8002 }],
    ["mysql2 closed state (fatal, no code)", { fatal: true }],
  ])('retries %s', async (_label, fields) => {
    const error = Object.assign(new Error('transient'), fields);
    expect(isRetryableError(error)).toBe(true);
    const { sleep, delays } = fakeSleep();
    let calls = 0;
    await withRetry(resolveRetryPolicy({ sleep }), () => (++calls === 1 ? Promise.reject(error) : Promise.resolve()));
    expect(calls).toBe(2);
    expect(delays).toHaveLength(1);
  });

  it.each([
    ['syntax', { code: 'ER_PARSE_ERROR', errno: 1064, sqlState: '42000' }],
    ['data too long', { code: 'ER_DATA_TOO_LONG', errno: 1406, sqlState: '22001' }],
    ['duplicate key', { code: 'ER_DUP_ENTRY', errno: 1062, sqlState: '23000' }],
    ['foreign key', { code: 'ER_NO_REFERENCED_ROW_2', errno: 1452, sqlState: '23000' }],
    ['unknown table', { code: 'ER_NO_SUCH_TABLE', errno: 1146, sqlState: '42S02' }],
    ['a plain Error', {}],
  ])('passes %s through as the same object, after one attempt', async (_label, fields) => {
    const error = Object.assign(new Error('permanent'), fields);
    expect(isRetryableError(error)).toBe(false);
    const { sleep, delays } = fakeSleep();
    let calls = 0;
    const thrown = await withRetry(resolveRetryPolicy({ sleep }), () => (calls++, Promise.reject(error))).catch((e: unknown) => e);
    expect(thrown).toBe(error);
    expect(calls).toBe(1);
    expect(delays).toEqual([]);
  });

  it('lists the documented transient errors', () => {
    expect([...RETRYABLE_ERRNOS]).toEqual(expect.arrayContaining([1205, 1213, 1927, 2006, 2013, 9007, 8022, 8002]));
    expect([...RETRYABLE_CODES]).toEqual(expect.arrayContaining(['PROTOCOL_CONNECTION_LOST', 'ECONNRESET']));
    expect(isRetryableError(null)).toBe(false);
    expect(isRetryableError('ECONNRESET')).toBe(false);
  });
});

describe('retry span events', () => {
  it('adds featurescope.retry (attempt, error.type, delay) to the active span, and no values', async () => {
    const telemetry = createTestTelemetry({ global: true });
    try {
      const { sleep } = fakeSleep();
      const policy = resolveRetryPolicy({ sleep, random: () => 0.5, baseDelayMs: 10 });
      let calls = 0;
      await trace.getTracer('test').startActiveSpan('upsert g', async (span) => {
        await withRetry(policy, () =>
          ++calls <= 2 ? Promise.reject(Object.assign(new Error("Deadlock on 'canary-entity-1'"), { errno: 1213, code: 'ER_LOCK_DEADLOCK' })) : Promise.resolve(),
        );
        span.end();
      });
      const [span] = telemetry.spans();
      expect(span!.events.map((e) => [e.name, e.attributes])).toEqual([
        ['featurescope.retry', { 'featurescope.retry.attempt': 1, 'error.type': 'ER_LOCK_DEADLOCK', 'featurescope.retry.delay': 0.005 }],
        ['featurescope.retry', { 'featurescope.retry.attempt': 2, 'error.type': 'ER_LOCK_DEADLOCK', 'featurescope.retry.delay': 0.01 }],
      ]);
      expect(JSON.stringify(span!.events)).not.toContain('canary');
    } finally {
      await telemetry.shutdown();
    }
  });
});

describe('against the real server: permanent errors are not retried', () => {
  const table = uniqueTable('fs_retry');
  const { sleep, delays } = fakeSleep();
  let store: MysqlFeatureStore;

  beforeAll(async () => {
    store = await createMysqlFeatureStore({ url: await mysqlUrl(), table, retry: { sleep } });
    await store.ensureSchema();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    const pool = await adminPool(await mysqlUrl());
    await dropTables(pool, [table]).finally(() => pool.end());
  });

  it('data too long (1406) reaches the caller as the driver error, once, and nothing is written', async () => {
    const admin = await adminPool(await mysqlUrl());
    await narrowEntityColumn(admin, table, 64).finally(() => admin.end());
    const error = await store
      .upsert({ group: 'g', rows: [{ entityId: 'ok-1406', feature: 'f', value: 1 }, { entityId: 'x'.repeat(100), feature: 'f', value: 2 }] })
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(RetryExhaustedError);
    expect((error as { errno?: number }).errno).toBe(1406);
    expect(delays).toEqual([]);
    const { values } = await store.lookup({ group: 'g', entityIds: ['ok-1406'], features: ['f'] });
    expect(values.size).toBe(0);
  });

  it('unknown table (1146) passes through once', async () => {
    // No ensureSchema(): the group's table does not exist.
    const unready = await createMysqlFeatureStore({ url: await mysqlUrl(), table, groupTables: { missing: uniqueTable('fs_never_created') }, retry: { sleep } });
    try {
      const error = await unready.lookup({ group: 'missing', entityIds: ['a'], features: ['f'] }).catch((e: unknown) => e);
      expect((error as { errno?: number }).errno).toBe(1146);
      expect(delays).toEqual([]);
    } finally {
      await unready.close();
    }
  });

  it('a real syntax error (1064) passes through withRetry once', async () => {
    const pool = await adminPool(await mysqlUrl(), 1);
    try {
      let calls = 0;
      const error = await withRetry(resolveRetryPolicy({ sleep }), () => (calls++, pool.query('SELEC 1'))).catch((e: unknown) => e);
      expect((error as { errno?: number }).errno).toBe(1064);
      expect(calls).toBe(1);
      expect(delays).toEqual([]);
    } finally {
      await pool.end();
    }
  });
});
