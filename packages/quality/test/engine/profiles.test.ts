import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryFeatureStore, type LookupRequest, type LookupResult } from '@featurescope/core';
import { SeededRandom } from '@featurescope/test-utils';
import { createHarness, exactStats, points, valueOf, writeValues, type Harness } from './harness.js';

describe('feature profiles', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness({ window: { durationMs: 60_000, minCount: 10 } });
  });
  afterEach(() => h.close());

  it('keeps exact count, mean, variance, min and max of the values written in the window', async () => {
    const random = new SeededRandom(7);
    const values = Array.from({ length: 2_000 }, () => random.normal(120, 35));
    await writeValues(h.store, 'txn', 'amount', values);
    const exact = exactStats(values);
    const window = h.engine.snapshot('amount')!.window!;
    expect(window.count).toBe(2_000);
    expect(window.mean).toBeCloseTo(exact.mean, 9);
    expect(window.variance).toBeCloseTo(exact.variance, 6);
    expect(window.stddev).toBeCloseTo(Math.sqrt(exact.variance), 9);
    expect(window.min).toBe(exact.min);
    expect(window.max).toBe(exact.max);
  });

  it('exports cumulative counters with the source, and no per-window gauge (raw extremes or unmergeable statistics)', async () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    await writeValues(h.store, 'txn', 'amount', [...values, null, null]);
    // No window has completed yet: no profile gauges, but the counters are live.
    expect(await points(h.telemetry, 'featurescope.feature.mean')).toHaveLength(0);
    const series = { 'db.collection.name': 'txn', 'featurescope.feature.name': 'amount', 'featurescope.source': 'upsert' };
    expect(await valueOf(h.telemetry, 'featurescope.feature.values', series)).toBe(14);
    expect(await valueOf(h.telemetry, 'featurescope.feature.nulls', series)).toBe(2);

    h.now += 60_000; // past the window boundary: the next call closes the window
    await writeValues(h.store, 'txn', 'amount', [100]);
    const exact = exactStats(values);
    for (const removed of ['mean', 'stddev', 'min', 'max', 'quantile']) expect(await points(h.telemetry, `featurescope.feature.${removed}`)).toHaveLength(0);
    expect(h.engine.snapshot('amount')!.lastWindow!.mean).toBeCloseTo(exact.mean, 12);
    expect(h.engine.snapshot('amount')!.lastWindow!.max).toBe(12);
    expect(h.engine.snapshot('amount')!.lastWindow!.count).toBe(12);
    expect(h.engine.snapshot('amount')!.window!.count).toBe(1);
  });

  it('keeps a window open past the boundary until it has minCount values', async () => {
    await writeValues(h.store, 'txn', 'amount', [1, 2, 3]);
    h.now += 60_000;
    await writeValues(h.store, 'txn', 'amount', [4]);
    expect(h.engine.snapshot('amount')!.lastWindow).toBeUndefined();
    expect(h.engine.snapshot('amount')!.window!.count).toBe(4);
  });

  it('profiles the values served by lookups separately from the values written', async () => {
    await writeValues(h.store, 'txn', 'amount', [10, 20, 30]);
    await h.store.lookup({ group: 'txn', entityIds: ['e0', 'e1', 'missing'], features: ['amount'] });
    await h.store.lookup({ group: 'txn', entityIds: ['e0'], features: ['amount'] });
    const served = h.engine.snapshot('amount', { source: 'lookup' })!;
    expect(served.values).toBe(3);
    expect(served.window!.mean).toBeCloseTo(40 / 3, 12);
    expect(h.engine.snapshot('amount', { source: 'upsert' })!.values).toBe(3);
    expect(await valueOf(h.telemetry, 'featurescope.feature.values', { 'featurescope.feature.name': 'amount', 'featurescope.source': 'lookup' })).toBe(3);
  });

  it('counts NaN and ±Infinity served from legacy data without profiling them', async () => {
    // A store holding values written before validation existed: lookups return what it holds.
    class LegacyStore extends InMemoryFeatureStore {
      override lookup(request: LookupRequest): Promise<LookupResult> {
        const updatedAt = new Date(h.now);
        const legacy = [Number.NaN, Number.POSITIVE_INFINITY, 5];
        return Promise.resolve({ values: new Map(request.entityIds.map((id, i) => [id, new Map([[request.features[0]!, { value: legacy[i % 3]!, updatedAt }]])])) });
      }
    }
    const legacy = h.instrument(new LegacyStore());
    await legacy.lookup({ group: 'old', entityIds: ['a', 'b', 'c'], features: ['score'] });
    const snap = h.engine.snapshot('score', { source: 'lookup' })!;
    expect(snap.values).toBe(3);
    expect(snap.nonFinite).toBe(2);
    expect(snap.window!.count).toBe(1);
    expect(await valueOf(h.telemetry, 'featurescope.feature.non_finite', { 'featurescope.feature.name': 'score', 'featurescope.source': 'lookup' })).toBe(2);
  });

  it('profiles neither source when both are switched off, but still tracks freshness', async () => {
    const off = createHarness({ profileUpserts: false, profileLookups: false });
    try {
      await writeValues(off.store, 'txn', 'amount', [1, 2]);
      await off.store.lookup({ group: 'txn', entityIds: ['e0'], features: ['amount'] });
      const snap = off.engine.snapshot('amount')!;
      expect(snap.values).toBe(0);
      expect(snap.window).toBeUndefined();
      expect(snap.lastWriteTimeMs).toBe(off.now);
      expect(off.engine.snapshot('amount', { source: 'lookup' })!.values).toBe(0);
    } finally {
      await off.close();
    }
  });

  it('keeps a window\'s memory fixed: at most 4 KiB per feature profile, not growing with the values', async () => {
    const empty = h.engine.memoryBytes();
    await writeValues(h.store, 'txn', 'amount', [1]);
    const one = h.engine.memoryBytes();
    // One feature, one source, no freshness samples yet: profile, sketch, moments, state, attributes.
    expect(one - empty).toBeLessThanOrEqual(4096);
    const random = new SeededRandom(3);
    await writeValues(h.store, 'txn', 'amount', Array.from({ length: 20_000 }, () => random.uniform(-1e6, 1e6)));
    expect(h.engine.memoryBytes()).toBe(one);
  });
});
