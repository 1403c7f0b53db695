import { defineCapabilities } from '@featurescope/core';

/** What `@featurescope/postgres` can do (docs/stores.md is generated from this). */
export const CAPABILITIES = defineCapabilities({
  store: 'PostgreSQL / PGlite (pg)',
  packageName: '@featurescope/postgres',
  capabilities: {
    upsert: { level: 'yes', note: 'INSERT … ON CONFLICT from unnest() arrays, one transaction' },
    lookup: { level: 'yes', note: 'one query with array parameters' },
    vectors: { level: 'partial', note: 'needs pgvector (PGlite ships it); detected, typed error otherwise' },
    retries: { level: 'partial', note: "pg pools: core's shared retry module; PGlite runs in process (nothing to retry)" },
    deadlines: { level: 'partial', note: 'pg pools: connect, query and call deadlines; PGlite: none' },
    poolMetrics: { level: 'partial', note: 'pg.Pool: db.client.connection.* including wait time; PGlite: no pool' },
    driverSpans: { level: 'yes', note: 'instrumentation-pg spans nest under the store span' },
    monitor: { level: 'yes', note: 'postgresMonitorSource (PostgreSQL and PGlite)' },
  },
});
