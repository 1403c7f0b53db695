import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { InvalidInputError, RetryExhaustedError, StoreCapabilityError, StoreTimeoutError, instrumentFeatureStore } from '@featurescope/core';
import { createTestTelemetry } from '@featurescope/test-utils';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisWrongTypeError, createRedisFeatureStore, type RedisFeatureStore } from '../src/index.js';
import { adminClient, deletePrefix, redisUrl, uniquePrefix } from './helpers.js';

const prefixes: string[] = [];
const prefix = (label: string): string => {
  const p = uniquePrefix(label);
  prefixes.push(p);
  return p;
};

describe('RedisFeatureStore on the real Redis', () => {
  let url: string;
  let admin: Redis;
  const stores: RedisFeatureStore[] = [];
  const open = async (options: Parameters<typeof createRedisFeatureStore>[0]): Promise<RedisFeatureStore> => {
    const store = await createRedisFeatureStore(options);
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    url = await redisUrl();
    admin = adminClient(url);
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    for (const p of prefixes) await deletePrefix(admin, p);
    admin.disconnect();
  });

  it('stores one hash per (group, entity): a field per feature and a _ts: field with its write time (the documented layout)', async () => {
    const p = prefix('layout');
    const store = await open({ url, keyPrefix: p, clock: () => 1_700_000_000_123 });
    await store.upsert({ group: 'user:txn', rows: [{ entityId: 'u1', feature: 'amount', value: 0.1 + 0.2 }, { entityId: 'u1', feature: 'missing', value: null }] });
    // ':' in the group is percent-encoded, so the first ':' after the prefix ends the group.
    expect(await admin.hgetall(`${p}user%3Atxn:u1`)).toEqual({
      amount: '0.30000000000000004',
      '_ts:amount': '1700000000123',
      missing: '',
      '_ts:missing': '1700000000123',
    });
    expect(await admin.pttl(`${p}user%3Atxn:u1`)).toBe(-1);
  });

  it('sets a TTL per group on every write', async () => {
    const p = prefix('ttl');
    const store = await open({ url, keyPrefix: p, groupTtlSeconds: { session: 30 } });
    await store.upsert({ group: 'session', rows: [{ entityId: 'a', feature: 'f', value: 1 }] });
    await store.upsert({ group: 'profile', rows: [{ entityId: 'a', feature: 'f', value: 1 }] });
    const ttl = await admin.pttl(`${p}session:a`);
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    expect(await admin.pttl(`${p}profile:a`)).toBe(-1);
  });

  it('reads hashes another tool wrote through a configured key scheme', async () => {
    const p = prefix('custom');
    await admin.hset(`${p}driver_stats|1001`, { conv_rate: '0.52', ts_conv_rate: '1700000000000' });
    const store = await open({
      url,
      keyLayout: { key: (group, id) => `${p}${group}|${id}`, valueField: (f) => f, timeField: (f) => `ts_${f}` },
    });
    const { values } = await store.lookup({ group: 'driver_stats', entityIds: ['1001', '1002'], features: ['conv_rate'] });
    expect(values.get('1001')?.get('conv_rate')).toEqual({ value: 0.52, updatedAt: new Date(1_700_000_000_000) });
    expect(values.has('1002')).toBe(false);
  });

  it('rejects feature names that would overwrite write times, naming the row', async () => {
    const store = await open({ url, keyPrefix: prefix('reserved') });
    const error = await store.upsert({ group: 'g', rows: [{ entityId: 'a', feature: 'ok', value: 1 }, { entityId: 'a', feature: '_ts:ok', value: 2 }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems.map((x) => [x.index, x.field, x.code])).toEqual([[1, 'rows[1].feature', 'INVALID_FEATURE_NAME']]);
    expect(await admin.exists(`${prefixes.at(-1)!}g:a`)).toBe(0);
  });

  it('raises RedisWrongTypeError when a key holds another type, without the key in the message', async () => {
    const p = prefix('wrongtype');
    await admin.set(`${p}g:secret-entity-42`, 'a string');
    const store = await open({ url, keyPrefix: p });
    const error = await store.upsert({ group: 'g', rows: [{ entityId: 'secret-entity-42', feature: 'f', value: 1 }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisWrongTypeError);
    expect((error as Error).message).not.toContain('secret-entity-42');
    expect(((error as Error).cause as Error).message).toMatch(/^WRONGTYPE/);
  });

  it('detects that the server has no vector index module and says so in the capability error', async () => {
    const store = await open({ url, keyPrefix: prefix('vectors') });
    expect(store.server.version).toMatch(/^\d+\.\d+/);
    expect(store.server.vectorModule).toBeUndefined();
    const error = await store.searchVectors({ collection: 'c', vector: [1], topK: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCapabilityError);
    expect((error as Error).message).toBe(`Vectors are not available: Redis ${store.server.version} has no vector index module (MODULE LIST shows neither RediSearch ≥ 2.4 nor vectorset); nothing was sent`);
  });

  it('puts server.address, server.port and db.namespace on the store spans', async () => {
    const telemetry = createTestTelemetry();
    try {
      const store = instrumentFeatureStore(await open({ url, keyPrefix: prefix('endpoint') }), { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider });
      await store.lookup({ group: 'g', entityIds: ['a'], features: ['f'] });
      const { hostname, port } = new URL(url);
      expect(telemetry.spans()[0]!.attributes).toMatchObject({ 'db.system.name': 'redis', 'server.address': hostname, 'server.port': Number(port || 6379), 'db.namespace': '0' });
    } finally {
      await telemetry.shutdown();
    }
  });

  it('reports the connection as db.client.connection.* metrics', async () => {
    const telemetry = createTestTelemetry();
    try {
      const store = await open({ url, keyPrefix: prefix('metrics'), meterProvider: telemetry.meterProvider, poolName: 'features' });
      await store.lookup({ group: 'g', entityIds: ['a'], features: ['f'] });
      expect(await telemetry.sumOf('db.client.connection.count', { 'db.client.connection.pool.name': 'features', 'db.client.connection.state': 'idle' })).toBe(1);
      expect(await telemetry.sumOf('db.client.connection.max', { 'db.client.connection.pool.name': 'features' })).toBe(1);
      expect(await telemetry.sumOf('db.client.connection.pending_requests', { 'db.client.connection.pool.name': 'features' })).toBe(0);
    } finally {
      await telemetry.shutdown();
    }
  });

  it('survives its connection being killed by the server: the next upsert reconnects and succeeds', async () => {
    const p = prefix('kill');
    const store = await open({ url, keyPrefix: p });
    await store.upsert({ group: 'g', rows: [{ entityId: 'a', feature: 'f', value: 1 }] });
    const clients = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'normal'));
    const ids = clients.split('\n').filter((line) => line.includes(' name=featurescope ')).map((line) => /^id=(\d+)/.exec(line)![1]!);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) await admin.call('CLIENT', 'KILL', 'ID', id);
    await store.upsert({ group: 'g', rows: [{ entityId: 'a', feature: 'f', value: 2 }] });
    expect(await admin.hget(`${p}g:a`, 'f')).toBe('2');
  });
});

describe('deadlines against a server that never answers', () => {
  let blackHole: Server;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    // Accepts connections and reads, never replies: a hung server or a partitioned network.
    blackHole = createServer((socket) => {
      sockets.add(socket);
      socket.on('data', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackHole.close(resolve));
  });

  it('fails creation with StoreTimeoutError within the call deadline and leaves nothing running', async () => {
    const { port } = blackHole.address() as AddressInfo;
    const started = performance.now();
    const error = await createRedisFeatureStore({ url: `redis://127.0.0.1:${port}`, callTimeoutMs: 300 }).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(StoreTimeoutError);
    expect((error as StoreTimeoutError).timeoutMs).toBe(300);
    expect((error as StoreTimeoutError).phase).toBe('call');
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3000);
  });
});

describe('retries against a port nothing listens on', () => {
  it('retries the refused connection, then fails with RetryExhaustedError carrying the driver error', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const delays: number[] = [];
    const error = await createRedisFeatureStore({
      url: `redis://127.0.0.1:${port}`,
      callTimeoutMs: 20_000,
      retry: { maxAttempts: 3, sleep: (ms) => Promise.resolve(void delays.push(ms)), random: () => 0.5 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryExhaustedError);
    expect((error as RetryExhaustedError).attempts).toBe(3);
    expect((error as Error).message).toMatch(/^Gave up after 3 attempts; last error: /);
    expect(delays).toEqual([12.5, 25]);
  });
});
