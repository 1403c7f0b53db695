import { describe, expect, it } from 'vitest';
import { createTestTelemetry } from '../../test-utils/src/index.js'; // by path: test-utils depends on core
import { attachHistogramExport, HistogramExport, InMemoryFeatureStore, instrumentFeatureStore, type FeatureStore } from '../src/index.js';

const DURATION = 'db.client.operation.duration';

async function exercise(store: FeatureStore, group: string): Promise<void> {
  await store.upsert({ group, rows: [{ entityId: 'e', feature: 'a', value: 1 }] });
  await store.lookup({ group, entityIds: ['e'], features: ['a'] });
  await store.lookup({ group, entityIds: ['e'], features: ['a'] });
  await store.lookup({ group, entityIds: [''], features: ['a'] }).catch(() => undefined);
}

describe('db.client.operation.duration, decided per store by its meter provider', () => {
  it('is aggregated by featurescope into the HistogramExport attached to the provider, until the store closes', async () => {
    const telemetry = createTestTelemetry();
    let now = 1_000;
    const histograms = new HistogramExport({ retainRemovedMs: 60_000, now: () => now });
    attachHistogramExport(telemetry.meterProvider, histograms);
    try {
      const store = instrumentFeatureStore(new InMemoryFeatureStore(), { tracing: false, meterProvider: telemetry.meterProvider });
      await exercise(store, 'bridged');
      const sources = histograms.sources();
      expect(sources).toHaveLength(1);
      const [snapshot] = sources[0]!.collect();
      expect(snapshot).toMatchObject({ name: DURATION, unit: 's', boundaries: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10] });
      const byKey = new Map(snapshot!.points.map((p) => [`${String(p.attributes['db.operation.name'])}/${String(p.attributes['error.type'] ?? '')}`, p]));
      expect(byKey.get('upsert/')?.count).toBe(1);
      expect(byKey.get('lookup/')?.count).toBe(2);
      expect(byKey.get('lookup/InvalidInputError')?.count).toBe(1);
      const lookups = byKey.get('lookup/')!;
      expect(Array.from(lookups.bucketCounts).reduce((a, b) => a + b, 0)).toBe(2);
      expect(lookups.attributes).toEqual({ 'db.system.name': 'memory', 'db.operation.name': 'lookup', 'db.collection.name': 'bridged' });
      // Not also an SDK histogram: one series per store, exported once.
      expect(await telemetry.sumOf(DURATION)).toBe(0);
      await store.close();
      // Still exported with its final values for the shutdown flush and the next scrapes, then gone.
      now += 59_999;
      expect(histograms.sources()).toEqual(sources);
      now += 1;
      expect(histograms.sources()).toEqual([]);
    } finally {
      await telemetry.shutdown();
    }
  });

  it('is an SDK histogram of any other provider (no attached export), with the same series', async () => {
    const telemetry = createTestTelemetry();
    try {
      const store = instrumentFeatureStore(new InMemoryFeatureStore(), { tracing: false, meterProvider: telemetry.meterProvider });
      await exercise(store, 'sdk');
      expect(await telemetry.sumOf(DURATION, { 'db.operation.name': 'lookup', 'error.type': undefined })).toBe(2);
      expect(await telemetry.sumOf(DURATION, { 'error.type': 'InvalidInputError' })).toBe(1);
      const before = await telemetry.sumOf(DURATION);
      await store.close();
      await store.lookup({ group: 'sdk', entityIds: ['e'], features: ['a'] }).catch(() => undefined);
      // Recording stops with the store.
      expect(await telemetry.sumOf(DURATION)).toBe(before);
    } finally {
      await telemetry.shutdown();
    }
  });
});
