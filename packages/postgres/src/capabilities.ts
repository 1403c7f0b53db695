import { defineCapabilities } from '@featurescope/core';

/** What `@featurescope/postgres` can do (docs/stores.md is generated from this). */
export const CAPABILITIES = defineCapabilities({
  store: 'PostgreSQL / PGlite (pg)',
  packageName: '@featurescope/postgres',
  capabilities: {
    upsert: { level: 'yes', note: 'INSERT … ON CONFLICT from unnest() arrays, one transaction' },
    lookup: { level: 'yes', note: 'one query with array parameters' },
    vectors: { level: 'partial', note: 'needs pgvector (PGlite ships it); detected, typed error otherwise' },
    retries: { level: 'no', note: 'not yet: errors reach the caller at once' },
    deadlines: { level: 'no', note: 'not yet: use pg statement_timeout' },
    poolMetrics: { level: 'no', note: 'not yet' },
    driverSpans: { level: 'yes', note: 'instrumentation-pg spans nest under the store span' },
    monitor: { level: 'yes', note: 'postgresMonitorSource (PostgreSQL and PGlite)' },
  },
});
