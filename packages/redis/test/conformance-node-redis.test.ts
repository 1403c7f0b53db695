import { createRequire } from 'node:module';
import { instrumentFeatureStore } from '@featurescope/core';
import { createTestTelemetry, describeFeatureStoreConformance } from '@featurescope/test-utils';
import type { RedisClientType } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { CAPABILITIES, RedisWrongTypeError, createRedisFeatureStore, type NodeRedisLike } from '../src/index.js';
import { adminClient, deletePrefix, redisUrl, uniquePrefix } from './helpers.js';

const { createClient } = createRequire(import.meta.url)('redis') as typeof import('redis');
const prefix = uniquePrefix('conformance-node-redis');
const clients: RedisClientType[] = [];

/** A connected node-redis client; the store never closes a client it was given, so the test does. */
async function nodeRedis(): Promise<NodeRedisLike> {
  const client = createClient({ url: await redisUrl() }) as RedisClientType;
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}

describeFeatureStoreConformance('redis (node-redis client) on Redis 7', {
  async create() {
    return createRedisFeatureStore({ client: await nodeRedis(), keyPrefix: prefix });
  },
  vectors: CAPABILITIES.capabilities.vectors.level === 'yes' ? 'supported' : 'unsupported',
});

describe('a node-redis client', () => {
  it('names its server on the store spans and surfaces WRONGTYPE from MULTI/EXEC as RedisWrongTypeError', async () => {
    const admin = adminClient(await redisUrl());
    const telemetry = createTestTelemetry();
    try {
      const p = `${prefix}extra:`;
      await admin.set(`${p}g:e1`, 'a string');
      const store = instrumentFeatureStore(await createRedisFeatureStore({ client: await nodeRedis(), keyPrefix: p }), { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider });
      const error = await store.upsert({ group: 'g', rows: [{ entityId: 'e1', feature: 'f', value: 1 }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RedisWrongTypeError);
      const { hostname, port } = new URL(await redisUrl());
      expect(telemetry.spans()[0]!.attributes).toMatchObject({ 'db.system.name': 'redis', 'server.address': hostname, 'server.port': Number(port || 6379), 'db.namespace': '0' });
    } finally {
      admin.disconnect();
      await telemetry.shutdown();
    }
  });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
  const admin = adminClient(await redisUrl());
  try {
    await deletePrefix(admin, prefix);
  } finally {
    admin.disconnect();
  }
});
