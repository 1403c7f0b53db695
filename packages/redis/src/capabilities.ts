import { defineCapabilities } from '@featurescope/core';

/** What `@featurescope/redis` can do (docs/stores.md is generated from this). */
export const CAPABILITIES = defineCapabilities({
  store: 'Redis (ioredis)',
  packageName: '@featurescope/redis',
  capabilities: {
    upsert: { level: 'yes', note: 'HSET per entity in one MULTI/EXEC, one round trip; TTL per group' },
    lookup: { level: 'yes', note: 'HMGET per entity in one pipeline, one round trip' },
    vectors: { level: 'no', note: 'typed capability error; vector modules detected (MODULE LIST / FT._LIST), not used yet' },
    retries: { level: 'yes', note: "core's shared retry module; LOADING, READONLY, TRYAGAIN, socket errors" },
    deadlines: { level: 'yes', note: 'connect, query (per batch) and call deadlines; the shared connection is kept' },
    poolMetrics: { level: 'yes', note: 'db.client.connection.* for the one multiplexed connection (no wait time)' },
    driverSpans: { level: 'yes', note: 'instrumentation-ioredis spans nest under the store span; statements redacted' },
    monitor: { level: 'no', note: 'the monitor reads SQL tables' },
  },
});
