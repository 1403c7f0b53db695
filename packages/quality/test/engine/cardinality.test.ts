import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryFeatureStore, type LookupRequest, type LookupResult } from '@featurescope/core';
import { createHarness, points, valueOf, type Harness } from './harness.js';

describe('bounded cardinality', () => {
  let h: Harness;
  afterEach(() => h?.close());

  it('puts features past maxFeatures into one _other series and counts them', async () => {
    h = createHarness({ maxFeatures: 2 });
    await h.store.upsert({
      group: 'g',
      rows: ['a', 'b', 'c', 'd', 'd'].map((feature, i) => ({ entityId: `e${i}`, feature, value: i })),
    });
    expect(h.engine.featureCount).toBe(2);
    expect(await valueOf(h.telemetry, 'featurescope.cardinality.overflow', {})).toBe(3);
    const other = { 'featurescope.feature.name': '_other', 'db.collection.name': '_other', 'featurescope.source': 'upsert' };
    expect(await valueOf(h.telemetry, 'featurescope.feature.values', other)).toBe(3);
    const names = (await points(h.telemetry, 'featurescope.feature.values')).map((p) => p.attributes['featurescope.feature.name']);
    expect(names.sort()).toEqual(['_other', 'a', 'b']);
    expect(h.engine.snapshot('c')).toBeUndefined();
    // The overflow series only counts: statistics of a mix of features would mean nothing.
    expect(h.engine.snapshot('_other')).toBeUndefined();
  });

  it('keeps room for registered features and honours the allow-list', async () => {
    h = createHarness({ maxFeatures: 3, features: { vip: { min: 0 } }, featureAllowList: ['a', 'b', 'c', 'd'] });
    await h.store.upsert({
      group: 'g',
      rows: ['x', 'a', 'b', 'c', 'vip'].map((feature, i) => ({ entityId: `e${i}`, feature, value: i })),
    });
    const names = (await points(h.telemetry, 'featurescope.feature.values')).map((p) => p.attributes['featurescope.feature.name']);
    // x is off the allow-list; c found the unregistered room used up (one slot is held for vip).
    expect(names.sort()).toEqual(['_other', 'a', 'b', 'vip']);
    expect(await valueOf(h.telemetry, 'featurescope.cardinality.overflow', {})).toBe(2);
  });

  it('profiles 10,000 distinct features without exceeding the cap', async () => {
    h = createHarness(); // default cap: 1000
    for (let batch = 0; batch < 10; batch++) {
      await h.store.upsert({
        group: 'wide',
        rows: Array.from({ length: 1_000 }, (_, i) => ({ entityId: 'e', feature: `f${batch * 1_000 + i}`, value: i })),
      });
    }
    expect(h.engine.featureCount).toBe(1_000);
    const series = await points(h.telemetry, 'featurescope.feature.values');
    expect(series).toHaveLength(1_001);
    expect(await valueOf(h.telemetry, 'featurescope.cardinality.overflow', {})).toBe(9_000);
    expect(series.reduce((total, p) => total + (p.value as number), 0)).toBe(10_000); // nothing dropped
  });

  it('a failure inside the engine never breaks the store call', async () => {
    h = createHarness();
    // A legacy store whose updatedAt is not a Date makes the engine's staleness code throw.
    class BrokenDates extends InMemoryFeatureStore {
      override lookup(request: LookupRequest): Promise<LookupResult> {
        const value = { value: 1, updatedAt: 'yesterday' as unknown as Date };
        return Promise.resolve({ values: new Map([[request.entityIds[0]!, new Map([[request.features[0]!, value]])]]) });
      }
    }
    const store = h.instrument(new BrokenDates());
    const result = await store.lookup({ group: 'g', entityIds: ['a'], features: ['f'] });
    expect(result.values.get('a')!.get('f')!.value).toBe(1);
    expect(h.telemetry.spans().at(-1)!.status.code).not.toBe(2);
    // After shutdown the engine ignores calls and exports nothing.
    h.engine.shutdown();
    await h.store.upsert({ group: 'g', rows: [{ entityId: 'a', feature: 'late', value: 1 }] });
    expect(h.engine.snapshot('late')).toBeUndefined();
    expect(await points(h.telemetry, 'featurescope.feature.values', { 'featurescope.feature.name': 'late' })).toHaveLength(0);
  });
});
