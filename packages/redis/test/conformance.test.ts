import { describeFeatureStoreConformance } from '@featurescope/test-utils';
import { afterAll } from 'vitest';
import { createRedisFeatureStore } from '../src/index.js';
import { adminClient, deletePrefix, redisUrl, uniquePrefix } from './helpers.js';

const prefix = uniquePrefix('conformance');

describeFeatureStoreConformance('redis (ioredis) on Redis 7', {
  async create() {
    return createRedisFeatureStore({ url: await redisUrl(), keyPrefix: prefix });
  },
  // Redis 7 without RediSearch ≥ 2.4 or vectorset: every vector call must fail with StoreCapabilityError.
  vectors: 'unsupported',
});

afterAll(async () => {
  const admin = adminClient(await redisUrl());
  try {
    await deletePrefix(admin, prefix);
  } finally {
    admin.disconnect();
  }
});
