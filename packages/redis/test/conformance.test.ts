import { describeFeatureStoreConformance } from '@featurescope/test-utils';
import { afterAll } from 'vitest';
import { CAPABILITIES, createRedisFeatureStore } from '../src/index.js';
import { adminClient, deletePrefix, redisUrl, uniquePrefix } from './helpers.js';

const prefix = uniquePrefix('conformance');

describeFeatureStoreConformance('redis (ioredis) on Redis 7', {
  async create() {
    return createRedisFeatureStore({ url: await redisUrl(), keyPrefix: prefix });
  },
  // What docs/stores.md says (from CAPABILITIES) is what the suite checks: vector calls fail typed.
  vectors: CAPABILITIES.capabilities.vectors.level === 'yes' ? 'supported' : 'unsupported',
});

afterAll(async () => {
  const admin = adminClient(await redisUrl());
  try {
    await deletePrefix(admin, prefix);
  } finally {
    admin.disconnect();
  }
});
