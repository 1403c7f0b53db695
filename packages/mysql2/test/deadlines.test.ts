import { StoreTimeoutError } from '@featurescope/core';
import { startTcpProxy, type TcpProxy } from '@featurescope/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlFeatureStore, type MysqlFeatureStore } from '../src/index.js';
import { adminPool, dropTables, mysqlUrl, uniqueTable } from './helpers.js';

/** Deadlines under test, ms; the figures asserted are the measured delay past each. */
const CONNECT_MS = 400;
const QUERY_MS = 500;
const CALL_MS = 1500;
/** Slack for a loaded CI machine (timers, event-loop lag): a timeout must land within deadline + this. */
const SLACK_MS = 400;

/** Runs `call`, expects a StoreTimeoutError, returns it and the elapsed ms. */
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

describe('mysql2 store deadlines through a frozen network (issue 13 defect 6)', () => {
  const table = uniqueTable('fs_deadline');
  let url: string;
  let proxy: TcpProxy;
  let store: MysqlFeatureStore | undefined;

  beforeAll(async () => {
    url = await mysqlUrl();
    const ready = await createMysqlFeatureStore({ url, table });
    await ready.ensureSchema();
    await ready.upsert({ group: 'g', rows: [{ entityId: 'u1', feature: 'f', value: 1 }] });
    await ready.close();
  });
  afterEach(async () => {
    await store?.close().catch(() => undefined);
    store = undefined;
    await proxy?.close();
  });
  afterAll(async () => {
    const pool = await adminPool(url);
    await dropTables(pool, [table]);
    await pool.end();
  });

  const open = async (retry: { maxAttempts: number }): Promise<MysqlFeatureStore> => {
    proxy = await startTcpProxy({ host: new URL(url).hostname, port: Number(new URL(url).port || 3306) });
    store = await createMysqlFeatureStore({ url: proxy.urlFor(url), table, poolSize: 2, connectTimeoutMs: CONNECT_MS, queryTimeoutMs: QUERY_MS, callTimeoutMs: CALL_MS, retry: { ...retry, baseDelayMs: 10, maxDelayMs: 50 } });
    // The pool holds one open connection through the proxy.
    expect((await store.lookup({ group: 'g', entityIds: ['u1'], features: ['f'] })).values.get('u1')?.get('f')?.value).toBe(1);
    return store;
  };

  it('a lookup on a frozen open connection ends in StoreTimeoutError(query) at the query deadline, and the connection is destroyed', async () => {
    const s = await open({ maxAttempts: 1 });
    const before = proxy.open;
    proxy.freeze();
    const { error, ms } = await timed(() => s.lookup({ group: 'g', entityIds: ['u1'], features: ['f'] }));
    expect(error.phase).toBe('query');
    expect(ms).toBeGreaterThanOrEqual(QUERY_MS - 5);
    expect(ms).toBeLessThan(QUERY_MS + SLACK_MS);
    // Destroyed, not returned to the pool: the proxy sees the client side close.
    await expect.poll(() => proxy.open, { timeout: 5000 }).toBeLessThan(before);
    console.log(`[deadlines] query: deadline ${QUERY_MS} ms, timed out after ${ms.toFixed(0)} ms`);
  });

  it('an unanswered handshake ends in StoreTimeoutError(connect) at the connect deadline', async () => {
    proxy = await startTcpProxy({ host: new URL(url).hostname, port: Number(new URL(url).port || 3306) });
    proxy.blackHole();
    const { error, ms } = await timed(() => createMysqlFeatureStore({ url: proxy.urlFor(url), table, connectTimeoutMs: CONNECT_MS, callTimeoutMs: CALL_MS, retry: { maxAttempts: 1 } }));
    expect(error.phase).toBe('connect');
    expect(ms).toBeGreaterThanOrEqual(CONNECT_MS - 5);
    expect(ms).toBeLessThan(CONNECT_MS + SLACK_MS);
    console.log(`[deadlines] connect: deadline ${CONNECT_MS} ms, timed out after ${ms.toFixed(0)} ms`);
  });

  it('with retries, the whole call ends in StoreTimeoutError(call) at the call deadline', async () => {
    const s = await open({ maxAttempts: 100 });
    proxy.freeze();
    proxy.blackHole();
    const { error, ms } = await timed(() => s.lookup({ group: 'g', entityIds: ['u1'], features: ['f'] }));
    expect(error.phase).toBe('call');
    expect(error.attempts).toBeGreaterThan(1);
    expect(ms).toBeLessThan(CALL_MS + SLACK_MS);
    console.log(`[deadlines] call: deadline ${CALL_MS} ms, ${error.attempts} attempts, timed out after ${ms.toFixed(0)} ms`);
  });

  it('store creation against a black hole, with retries, fails typed within the call deadline', async () => {
    proxy = await startTcpProxy({ host: new URL(url).hostname, port: Number(new URL(url).port || 3306) });
    proxy.blackHole();
    const { error, ms } = await timed(() => createMysqlFeatureStore({ url: proxy.urlFor(url), table, connectTimeoutMs: CONNECT_MS, callTimeoutMs: CALL_MS }));
    expect(error.phase).toBe('call');
    expect(ms).toBeLessThan(CALL_MS + SLACK_MS);
  });
});
