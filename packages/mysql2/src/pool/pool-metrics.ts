import { PoolMetrics } from '@featurescope/core';
import type { MeterProvider } from '@opentelemetry/api';
import { INSTRUMENTATION_SCOPE } from '../semconv.js';
import { VERSION } from '../version.js';
import { readConnectionLimit, readPoolSnapshot } from './pool-internals.js';

export type { PoolMetrics };

/**
 * Core's `db.client.connection.*` metrics over a mysql2 pool, read from mysql2 3.x internals
 * (`@opentelemetry/instrumentation-mysql2` has none). Gauges are skipped when the internals are absent.
 */
export function mysqlPoolMetrics(pool: unknown, meterProvider: MeterProvider, poolName: string): PoolMetrics {
  return new PoolMetrics(meterProvider, {
    scope: INSTRUMENTATION_SCOPE,
    version: VERSION,
    poolName,
    read: () => {
      const snapshot = readPoolSnapshot(pool);
      return snapshot === undefined ? undefined : { ...snapshot, max: readConnectionLimit(pool) };
    },
  });
}
