import { createTestTelemetry } from '@featurescope/test-utils';
import { describe, expect, it } from 'vitest';
import { InMemoryFeatureStore, instrumentFeatureStore, type StoreEndpoint } from '../src/index.js';

class ServerBackedStore extends InMemoryFeatureStore {
  constructor(readonly endpoint: StoreEndpoint) {
    super();
  }
}

describe('server attributes on store spans', () => {
  it('copies the store endpoint to server.address, server.port and db.namespace on every span', async () => {
    const telemetry = createTestTelemetry();
    try {
      const store = instrumentFeatureStore(new ServerBackedStore({ address: 'db.internal', port: 4000, namespace: 'features' }), { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider });
      await store.upsert({ group: 'g', rows: [{ entityId: 'e', feature: 'f', value: 1 }] });
      await store.lookup({ group: 'g', entityIds: ['e'], features: ['f'] });
      for (const span of telemetry.spans()) expect(span.attributes).toMatchObject({ 'server.address': 'db.internal', 'server.port': 4000, 'db.namespace': 'features' });
    } finally {
      await telemetry.shutdown();
    }
  });

  it('adds nothing for in-process stores, partial endpoints or a throwing getter', async () => {
    const telemetry = createTestTelemetry();
    try {
      const broken = new InMemoryFeatureStore();
      Object.defineProperty(broken, 'endpoint', {
        get() {
          throw new Error('boom');
        },
      });
      for (const raw of [new InMemoryFeatureStore(), new ServerBackedStore({ address: '/run/redis.sock' }), broken]) {
        await instrumentFeatureStore(raw, { tracerProvider: telemetry.tracerProvider, meterProvider: telemetry.meterProvider }).lookup({ group: 'g', entityIds: ['e'], features: ['f'] });
      }
      const [memory, socket, throwing] = telemetry.spans().map((s) => s.attributes);
      expect(Object.keys(memory!).filter((k) => k.startsWith('server.') || k === 'db.namespace')).toEqual([]);
      expect(socket).toMatchObject({ 'server.address': '/run/redis.sock' });
      expect(socket!['server.port']).toBeUndefined();
      expect(Object.keys(throwing!).filter((k) => k.startsWith('server.'))).toEqual([]);
    } finally {
      await telemetry.shutdown();
    }
  });
});
