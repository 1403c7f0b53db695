import { defineCapabilities } from '@featurescope/core';

/** What `@featurescope/mysql2` can do (docs/stores.md is generated from this). */
export const CAPABILITIES = defineCapabilities({
  store: 'MySQL / MariaDB / TiDB (mysql2)',
  packageName: '@featurescope/mysql2',
  capabilities: {
    upsert: { level: 'yes', note: 'multi-row INSERT … ON DUPLICATE KEY UPDATE, one transaction' },
    lookup: { level: 'yes', note: 'IN-list SELECT per chunk on one connection' },
    vectors: { level: 'partial', note: 'MySQL ≥ 9.0, MariaDB ≥ 11.7, TiDB ≥ 8.4 (VEC_COSINE_DISTANCE); detected per server, typed error otherwise' },
    retries: { level: 'yes', note: "core's shared retry module; deadlocks, lock waits, lost connections, TiDB conflicts" },
    deadlines: { level: 'yes', note: 'connect, query and call deadlines; timed-out connections destroyed' },
    poolMetrics: { level: 'yes', note: 'db.client.connection.* including wait time' },
    driverSpans: { level: 'yes', note: 'instrumentation-mysql2 spans nest under the store span; SQL masked' },
    monitor: { level: 'yes', note: 'mysqlMonitorSource' },
  },
});
