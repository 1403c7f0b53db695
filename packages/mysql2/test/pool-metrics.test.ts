import { createTestTelemetry, type TestTelemetry } from '@featurescope/test-utils';
import type { Pool, PoolConnection } from 'mysql2/promise';
import type { DataPoint, Histogram, ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlFeatureStore, semconv, type MysqlFeatureStore } from '../src/index.js';
import { adminPool, dropTables, mysqlUrl, uniqueTable } from './helpers.js';

const table = uniqueTable('fs_pool_metrics');

function points(collected: ResourceMetrics, name: string): DataPoint<unknown>[] {
  return collected.scopeMetrics.flatMap((s) => s.metrics.filter((m) => m.descriptor.name === name).flatMap((m) => m.dataPoints as DataPoint<unknown>[]));
}

function valueOf(collected: ResourceMetrics, name: string, where: Record<string, string>): number | undefined {
  const point = points(collected, name).find((p) => Object.entries(where).every(([k, v]) => p.attributes[k] === v));
  return point?.value as number | undefined;
}

describe('db.client.connection.* pool metrics from a real mysql2 pool', () => {
  let telemetry: TestTelemetry;
  let pool: Pool;
  let store: MysqlFeatureStore;
  const name = { [semconv.ATTR_DB_CLIENT_CONNECTION_POOL_NAME]: 'features-test' };
  const idle = { ...name, [semconv.ATTR_DB_CLIENT_CONNECTION_STATE]: 'idle' };
  const used = { ...name, [semconv.ATTR_DB_CLIENT_CONNECTION_STATE]: 'used' };

  beforeAll(async () => {
    telemetry = createTestTelemetry();
    pool = await adminPool(await mysqlUrl(), 2);
    store = await createMysqlFeatureStore({ client: pool, table, meterProvider: telemetry.meterProvider, poolName: 'features-test' });
    await store.ensureSchema();
    await store.upsert({ group: 'g', rows: [{ entityId: 'e', feature: 'f', value: 1 }] });
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await dropTables(pool, [table]);
    await pool?.end();
    await telemetry?.shutdown();
  });

  it('reports idle/used connections, the maximum and waiting requests as the pool changes', async () => {
    let collected = await telemetry.collect();
    expect(valueOf(collected, semconv.METRIC_DB_CLIENT_CONNECTION_MAX, name)).toBe(2);
    expect(valueOf(collected, semconv.METRIC_DB_CLIENT_CONNECTION_COUNT, used)).toBe(0);
    expect(valueOf(collected, semconv.METRIC_DB_CLIENT_CONNECTION_COUNT, idle)).toBeGreaterThanOrEqual(1);
    expect(valueOf(collected, semconv.METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS, name)).toBe(0);

    // Hold both connections, so the store's lookup has to wait in mysql2's queue.
    const held: PoolConnection[] = [await pool.getConnection(), await pool.getConnection()];
    const waiting = store.lookup({ group: 'g', entityIds: ['e'], features: ['f'] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    collected = await telemetry.collect();
    expect(valueOf(collected, semconv.METRIC_DB_CLIENT_CONNECTION_COUNT, used)).toBe(2);
    expect(valueOf(collected, semconv.METRIC_DB_CLIENT_CONNECTION_COUNT, idle)).toBe(0);
    expect(valueOf(collected, semconv.METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS, name)).toBe(1);

    for (const connection of held) connection.release();
    expect((await waiting).values.get('e')?.get('f')?.value).toBe(1);
    collected = await telemetry.collect();
    expect(valueOf(collected, semconv.METRIC_DB_CLIENT_CONNECTION_COUNT, used)).toBe(0);
    expect(valueOf(collected, semconv.METRIC_DB_CLIENT_CONNECTION_COUNT, idle)).toBe(2);
    expect(valueOf(collected, semconv.METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS, name)).toBe(0);

    // One wait-time sample per acquisition: detection, ensureSchema, upsert, the queued lookup.
    const [wait] = points(collected, semconv.METRIC_DB_CLIENT_CONNECTION_WAIT_TIME) as DataPoint<Histogram>[];
    expect(wait!.attributes).toEqual(name);
    expect(wait!.value.count).toBe(4);
    // The queued acquisition waited at least the ~50 ms the connections were held.
    expect(wait!.value.max).toBeGreaterThanOrEqual(0.04);
    const descriptor = collected.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === semconv.METRIC_DB_CLIENT_CONNECTION_WAIT_TIME)!.descriptor;
    expect(descriptor.unit).toBe('s');
    const scopes = collected.scopeMetrics.map((s) => s.scope.name);
    expect(scopes).toEqual([semconv.INSTRUMENTATION_SCOPE]);
  }, 30_000);

  it('stops reporting the gauges once the store is closed, and leaves the caller pool open', async () => {
    const other = createTestTelemetry();
    try {
      const second = await createMysqlFeatureStore({ client: pool, table, meterProvider: other.meterProvider, poolName: 'second' });
      const usedSecond = { [semconv.ATTR_DB_CLIENT_CONNECTION_POOL_NAME]: 'second', [semconv.ATTR_DB_CLIENT_CONNECTION_STATE]: 'used' };
      expect(valueOf(await other.collect(), semconv.METRIC_DB_CLIENT_CONNECTION_COUNT, usedSecond)).toBe(0);
      await second.close();
      // The pool is not observed any more: holding a connection no longer changes the reported count
      // (the SDK keeps re-exporting the last cumulative value).
      const held = await pool.getConnection();
      try {
        expect(valueOf(await other.collect(), semconv.METRIC_DB_CLIENT_CONNECTION_COUNT, usedSecond)).not.toBe(1);
        const [rows] = await held.query('SELECT 1 AS one');
        expect(rows).toEqual([{ one: 1 }]);
      } finally {
        held.release();
      }
    } finally {
      await other.shutdown();
    }
  }, 30_000);

  it('reports nothing with poolMetrics: false', async () => {
    const other = createTestTelemetry();
    try {
      const quiet = await createMysqlFeatureStore({ client: pool, table, meterProvider: other.meterProvider, poolMetrics: false });
      await quiet.lookup({ group: 'g', entityIds: ['e'], features: ['f'] });
      expect((await other.collect()).scopeMetrics).toEqual([]);
      await quiet.close();
    } finally {
      await other.shutdown();
    }
  }, 30_000);
});
