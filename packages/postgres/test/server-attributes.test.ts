import { instrumentFeatureStore } from '@featurescope/core';
import { createTestTelemetry } from '@featurescope/test-utils';
import { describe, expect, it } from 'vitest';
import { createPostgresFeatureStore } from '../src/index.js';
import { serverUrl } from './helpers.js';

describe('store spans name the server', () => {
  it('carries server.address, server.port and db.namespace for PostgreSQL (url and own pool), db.namespace only for PGlite', { timeout: 60_000 }, async () => {
    const url = await serverUrl();
    const { hostname, port, pathname } = new URL(url);
    const server = { 'server.address': hostname, 'server.port': Number(port || 5432), 'db.namespace': pathname.slice(1) };
    const { Pool } = (await import('pg')).default;
    const own = new Pool({ host: hostname, port: Number(port || 5432), database: pathname.slice(1), user: 'postgres', max: 1 });
    const telemetry = createTestTelemetry();
    try {
      const stores = [await createPostgresFeatureStore({ url }), await createPostgresFeatureStore({ client: own }), await createPostgresFeatureStore({ url: 'pglite://memory' })];
      for (const raw of stores) {
        const store = instrumentFeatureStore(raw, { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider });
        // The spans are made before the call reaches the database; a missing table only fails the call.
        await store.lookup({ group: 'g', entityIds: ['e'], features: ['f'] }).catch(() => undefined);
        await raw.close();
      }
      const [fromUrl, fromPool, pglite] = telemetry.spans().map((s) => s.attributes);
      expect(fromUrl).toMatchObject(server);
      expect(fromPool).toMatchObject(server);
      expect(pglite).toMatchObject({ 'db.namespace': 'postgres' });
      expect(pglite!['server.address']).toBeUndefined();
    } finally {
      await own.end();
      await telemetry.shutdown();
    }
  });
});
