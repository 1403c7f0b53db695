import { describe, expect, it } from 'vitest';
import { announceHistogramConsumer, histogramSources, InMemoryFeatureStore, instrumentFeatureStore } from '../src/index.js';

// Its own file: announcing a consumer is process-wide, and other files test the SDK path.
describe('db.client.operation.duration through the histogram bridge', () => {
  it('is aggregated by featurescope once an exporter announces it reads the bridge', async () => {
    const before = histogramSources().length;
    announceHistogramConsumer();
    const store = instrumentFeatureStore(new InMemoryFeatureStore(), { tracing: false });
    await store.upsert({ group: 'bridged', rows: [{ entityId: 'e', feature: 'a', value: 1 }] });
    await store.lookup({ group: 'bridged', entityIds: ['e'], features: ['a'] });
    await store.lookup({ group: 'bridged', entityIds: ['e'], features: ['a'] });
    await store.lookup({ group: 'bridged', entityIds: [''], features: ['a'] }).catch(() => undefined);

    const sources = histogramSources();
    expect(sources).toHaveLength(before + 1);
    const [snapshot] = sources.at(-1)!.collect();
    expect(snapshot).toMatchObject({ name: 'db.client.operation.duration', unit: 's', boundaries: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10] });
    const byKey = new Map(snapshot!.points.map((p) => [`${String(p.attributes['db.operation.name'])}/${String(p.attributes['error.type'] ?? '')}`, p]));
    expect(byKey.get('upsert/')?.count).toBe(1);
    expect(byKey.get('lookup/')?.count).toBe(2);
    expect(byKey.get('lookup/InvalidInputError')?.count).toBe(1);
    const lookups = byKey.get('lookup/')!;
    expect(Array.from(lookups.bucketCounts).reduce((a, b) => a + b, 0)).toBe(2);
    expect(lookups.attributes).toEqual({ 'db.system.name': 'memory', 'db.operation.name': 'lookup', 'db.collection.name': 'bridged' });
    expect(lookups.sum).toBeGreaterThan(0);
    expect(lookups.max).toBeGreaterThanOrEqual(lookups.min);
  });
});
