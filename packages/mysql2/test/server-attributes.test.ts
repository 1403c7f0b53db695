import { instrumentFeatureStore } from '@featurescope/core';
import { createTestTelemetry } from '@featurescope/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { createMysqlFeatureStore } from '../src/index.js';
import { adminPool, dropTables, mysqlUrl, uniqueTable } from './helpers.js';

const table = uniqueTable('fs_server_attrs');

describe('store spans name the MariaDB server', () => {
  afterAll(async () => {
    const pool = await adminPool(await mysqlUrl());
    await dropTables(pool, [table]).finally(() => pool.end());
  });

  it('carries server.address, server.port and db.namespace from the pool, for a url and for your own pool', async () => {
    const url = await mysqlUrl();
    const { hostname, port, pathname } = new URL(url);
    const expected = { 'server.address': hostname, 'server.port': Number(port || 3306), 'db.namespace': pathname.slice(1) };
    const telemetry = createTestTelemetry();
    const own = await adminPool(url);
    try {
      const fromUrl = await createMysqlFeatureStore({ url, table });
      await fromUrl.ensureSchema();
      const fromPool = await createMysqlFeatureStore({ client: own, table, poolMetrics: false });
      for (const raw of [fromUrl, fromPool]) {
        expect(raw.endpoint).toEqual({ address: hostname, port: Number(port || 3306), namespace: pathname.slice(1) });
        const store = instrumentFeatureStore(raw, { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider });
        await store.lookup({ group: 'g', entityIds: ['e'], features: ['f'] });
      }
      await fromUrl.close();
      const spans = telemetry.spans();
      expect(spans).toHaveLength(2);
      for (const span of spans) expect(span.attributes).toMatchObject(expected);
    } finally {
      await own.end();
      await telemetry.shutdown();
    }
  });
});
