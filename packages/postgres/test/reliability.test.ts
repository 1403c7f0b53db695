import { InvalidInputError, PoolQueueFullError, RetryExhaustedError, StoreTimeoutError } from '@featurescope/core';
import { createTestTelemetry, startTcpProxy, type TcpProxy } from '@featurescope/test-utils';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresFeatureStore, type PostgresFeatureStore } from '../src/index.js';
import { dropTables, serverUrl, uniqueTable } from './helpers.js';

const CONNECT_MS = 400;
const QUERY_MS = 500;
const CALL_MS = 1500;
/** Slack for a loaded CI machine: a timeout must land within deadline + this. */
const SLACK_MS = 400;

async function timed(call: () => Promise<unknown>): Promise<{ error: StoreTimeoutError; ms: number }> {
  const started = performance.now();
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = performance.now() - started;
  expect(error).toBeInstanceOf(StoreTimeoutError);
  return { error: error as StoreTimeoutError, ms };
}

describe('pg store: deadlines, retries, pool metrics, exact keys (issue 13 defects 5 and 6, issue 11 item 6)', { timeout: 60_000 }, () => {
  const table = uniqueTable('rel');
  let url: string;
  let proxy: TcpProxy | undefined;
  let store: PostgresFeatureStore | undefined;

  beforeAll(async () => {
    url = await serverUrl();
    const ready = await createPostgresFeatureStore({ url, table });
    await ready.ensureSchema();
    await ready.upsert({ group: 'g', rows: [{ entityId: 'u1', feature: 'f', value: 1 }] });
    await ready.close();
  });
  afterEach(async () => {
    await store?.close().catch(() => undefined);
    store = undefined;
    await proxy?.close();
    proxy = undefined;
  });
  afterAll(() => dropTables(url, [table]));

  const throughProxy = async (maxAttempts: number): Promise<{ store: PostgresFeatureStore; proxy: TcpProxy }> => {
    const p = (proxy = await startTcpProxy({ host: new URL(url).hostname, port: Number(new URL(url).port || 5432) }));
    const s = (store = await createPostgresFeatureStore({ url: p.urlFor(url), table, poolSize: 2, connectTimeoutMs: CONNECT_MS, queryTimeoutMs: QUERY_MS, callTimeoutMs: CALL_MS, retry: { maxAttempts, baseDelayMs: 10, maxDelayMs: 50 } }));
    return { store: s, proxy: p };
  };

  it('a lookup on a frozen connection ends in StoreTimeoutError(query) at the deadline and the connection is destroyed', async () => {
    const { store: s, proxy: p } = await throughProxy(1);
    expect((await s.lookup({ group: 'g', entityIds: ['u1'], features: ['f'] })).values.get('u1')?.get('f')?.value).toBe(1);
    const before = p.open;
    p.freeze();
    const { error, ms } = await timed(() => s.lookup({ group: 'g', entityIds: ['u1'], features: ['f'] }));
    expect(error.phase).toBe('query');
    expect(ms).toBeGreaterThanOrEqual(QUERY_MS - 5);
    expect(ms).toBeLessThan(QUERY_MS + SLACK_MS);
    await expect.poll(() => p.open, { timeout: 5000 }).toBeLessThan(before);
    console.log(`[deadlines pg] query: deadline ${QUERY_MS} ms, timed out after ${ms.toFixed(0)} ms`);
  });

  it('an unanswered handshake ends in StoreTimeoutError(connect); with retries the call ends at the call deadline', async () => {
    const { store: s, proxy: p } = await throughProxy(1);
    p.blackHole();
    const connect = await timed(() => s.lookup({ group: 'g', entityIds: ['u1'], features: ['f'] }));
    expect(connect.error.phase).toBe('connect');
    expect(connect.ms).toBeLessThan(CONNECT_MS + SLACK_MS);
    await s.close();
    const retried = await throughProxy(100);
    retried.proxy.blackHole();
    const call = await timed(() => retried.store.upsert({ group: 'g', rows: [{ entityId: 'u2', feature: 'f', value: 2 }] }));
    expect(call.error.phase).toBe('call');
    expect(call.error.attempts).toBeGreaterThan(1);
    expect(call.ms).toBeLessThan(CALL_MS + SLACK_MS);
    console.log(`[deadlines pg] connect: deadline ${CONNECT_MS} ms, after ${connect.ms.toFixed(0)} ms; call: deadline ${CALL_MS} ms, ${call.error.attempts} attempts, after ${call.ms.toFixed(0)} ms`);
  });

  it('past queueLimit waiting callers, a call fails at once with PoolQueueFullError (as with mysql2)', async () => {
    const p = (proxy = await startTcpProxy({ host: new URL(url).hostname, port: Number(new URL(url).port || 5432) }));
    const s = (store = await createPostgresFeatureStore({ url: p.urlFor(url), table, poolSize: 1, queueLimit: 1, connectTimeoutMs: 1000, queryTimeoutMs: 1500, retry: { maxAttempts: 1 } }));
    await s.lookup({ group: 'g', entityIds: ['u1'], features: ['f'] });
    p.freeze();
    const lookup = (): Promise<unknown> => s.lookup({ group: 'g', entityIds: ['u1'], features: ['f'] });
    const holding = lookup().catch((e: unknown) => e); // holds the only connection (frozen)
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = lookup().catch((e: unknown) => e); // waits for it
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    await expect(lookup()).rejects.toBeInstanceOf(PoolQueueFullError);
    expect(performance.now() - started).toBeLessThan(100);
    expect(await holding).toBeInstanceOf(StoreTimeoutError);
    await waiting;
  });

  it('retries a killed connection under the shared policy (the same one as mysql2)', async () => {
    // Only this test's own sessions are terminated: they carry a unique application_name. Each is
    // killed while its lookup is in flight (blocked on a table lock the test holds), so the call
    // sees the termination itself, never a pool that already dropped the dead connection.
    const appName = `fs_rel_${process.pid}_${Date.now().toString(36)}`;
    const own = `${url}${url.includes('?') ? '&' : '?'}application_name=${appName}`;
    const admin = new pg.Pool({ connectionString: url, max: 2 });
    const lookupKilledInFlight = async (target: PostgresFeatureStore): Promise<unknown> => {
      const locker = await admin.connect();
      try {
        await locker.query('BEGIN');
        await locker.query(`LOCK TABLE "${table}" IN ACCESS EXCLUSIVE MODE`);
        const call = target.lookup({ group: 'g', entityIds: ['u1'], features: ['f'] }).then((r) => r, (e: unknown) => e);
        await expect
          .poll(async () => (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [appName])).rows[0]!.n, { timeout: 10_000 })
          .toBe(1);
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [appName]);
        await locker.query('COMMIT');
        return await call;
      } finally {
        locker.release();
      }
    };
    try {
      store = await createPostgresFeatureStore({ url: own, table, poolSize: 1, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
      // The in-flight lookup fails once (terminated) and succeeds on the retry.
      const retried = (await lookupKilledInFlight(store)) as { values: Map<string, Map<string, { value: unknown }>> };
      expect(retried.values.get('u1')?.get('f')?.value).toBe(1);
      const single = await createPostgresFeatureStore({ url: own, table, poolSize: 1, retry: { maxAttempts: 1 } });
      try {
        expect(await lookupKilledInFlight(single)).toBeInstanceOf(RetryExhaustedError);
      } finally {
        await single.close();
      }
    } finally {
      await admin.end();
    }
  });

  it('reports db.client.connection.* for its pg.Pool, like mysql2', async () => {
    const telemetry = createTestTelemetry();
    try {
      store = await createPostgresFeatureStore({ url, table, poolSize: 3, meterProvider: telemetry.meterProvider, poolName: 'pg-test' });
      await store.lookup({ group: 'g', entityIds: ['u1'], features: ['f'] });
      expect(await telemetry.sumOf('db.client.connection.max', { 'db.client.connection.pool.name': 'pg-test' })).toBe(3);
      expect(await telemetry.sumOf('db.client.connection.count', { 'db.client.connection.state': 'idle' })).toBe(1);
      expect(await telemetry.sumOf('db.client.connection.count', { 'db.client.connection.state': 'used' })).toBe(0);
      expect(await telemetry.sumOf('db.client.connection.pending_requests')).toBe(0);
      expect(await telemetry.sumOf('db.client.connection.wait_time')).toBe(1);
    } finally {
      await telemetry.shutdown();
    }
  });

  it('keys are exact: "u1" and "u1 " are two rows; lone surrogates are a typed error, not a raw 21000', async () => {
    store = await createPostgresFeatureStore({ url, table });
    await store.upsert({ group: 'g', rows: [{ entityId: 'k1', feature: 'f', value: 1 }, { entityId: 'k1 ', feature: 'f', value: 2 }] });
    const { values } = await store.lookup({ group: 'g', entityIds: ['k1', 'k1 '], features: ['f'] });
    expect([values.get('k1')?.get('f')?.value, values.get('k1 ')?.get('f')?.value]).toEqual([1, 2]);
    const error = (await store.upsert({ group: 'g', rows: [{ entityId: 'a\uD800', feature: 'f', value: 1 }, { entityId: 'a\uDBFF', feature: 'f', value: 2 }] }).catch((e: unknown) => e)) as InvalidInputError;
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.problems.map((p) => p.field)).toEqual(['rows[0].entityId', 'rows[1].entityId']);
    await expect(store.upsert({ group: 'g', rows: [{ entityId: 'k2', feature: 'n'.repeat(256), value: 1 }] })).rejects.toBeInstanceOf(InvalidInputError);
  });
});
