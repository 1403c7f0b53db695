import { defineCapabilities } from '@featurescope/core';

/** What `@featurescope/redis` can do (docs/stores.md is generated from this). */
export const CAPABILITIES = defineCapabilities({
  store: 'Redis (ioredis or node-redis)',
  packageName: '@featurescope/redis',
  capabilities: {
    upsert: { level: 'yes', note: 'HSET per entity in one MULTI/EXEC, one round trip; TTL per group' },
    lookup: { level: 'yes', note: 'HMGET per entity in one pipeline, one round trip' },
    vectors: { level: 'no', note: 'typed capability error; vector modules detected (MODULE LIST / FT._LIST), not used yet' },
    retries: { level: 'yes', note: "core's shared retry module; LOADING, READONLY, TRYAGAIN, socket errors" },
    deadlines: { level: 'yes', note: 'connect, query (per batch) and call deadlines; the shared connection is kept' },
    poolMetrics: { level: 'partial', note: 'ioredis: db.client.connection.* for the one multiplexed connection (no wait time); node-redis: none' },
    driverSpans: { level: 'yes', note: 'instrumentation-ioredis spans nest under the store span; statements redacted (tested for ioredis)' },
    monitor: { level: 'no', note: 'the monitor reads SQL tables' },
  },
});
