import { describe, expect, it } from 'vitest';
import { createTestTelemetry } from '../../test-utils/src/index.js'; // by path: test-utils depends on core
import { attachHistogramExport, HistogramExport, InMemoryFeatureStore, instrumentFeatureStore, PoolMetrics, RecentNameLists, ServedValuesBuffer, SlotHistograms } from '../src/index.js';

describe('RecentNameLists: slots resolved once per recently seen feature list', () => {
  it('matches by content (a list rebuilt per call hits), and by key', () => {
    const lists = new RecentNameLists();
    const entry = lists.remember('g', ['a', 'b']);
    entry.slots[0] = 3;
    entry.slots[1] = 4;
    expect(lists.find('g', ['a', 'b'])).toBe(entry);
    expect(lists.find('g', ['a'])).toBeUndefined();
    expect(lists.find('g', ['b', 'a'])).toBeUndefined();
    expect(lists.find('other', ['a', 'b'])).toBeUndefined();
  });

  it('never answers for an array changed in place since it was remembered', () => {
    const lists = new RecentNameLists();
    const features = ['a', 'b'];
    lists.remember('g', features);
    features[1] = 'c';
    expect(lists.find('g', features)).toBeUndefined();
    features.push('d');
    expect(lists.find('g', features)).toBeUndefined();
  });

  it('keeps the four most recent lists, reusing the oldest entry for the fifth', () => {
    const lists = new RecentNameLists();
    for (const name of ['a', 'b', 'c', 'd']) lists.remember('g', [name]);
    expect(['a', 'b', 'c', 'd'].every((name) => lists.find('g', [name]) !== undefined)).toBe(true);
    const fifth = lists.remember('g', ['e', 'f', ...Array.from({ length: 40 }, (_, i) => `x${i}`)]);
    expect(fifth.slots.length).toBeGreaterThanOrEqual(42);
    expect(fifth.flags).toBe(0);
    expect(lists.find('g', ['a'])).toBeUndefined();
    expect(lists.find('g', ['b'])).toBeDefined();
  });

  it('gives the instrumented store the right per-feature counts when lists change, repeat and overflow', async () => {
    const telemetry = createTestTelemetry();
    try {
      const store = instrumentFeatureStore(new InMemoryFeatureStore(), { tracing: false, meterProvider: telemetry.meterProvider, maxFeatureNames: 2 });
      await store.upsert({ group: 'g', rows: ['a', 'b', 'c'].map((feature) => ({ entityId: 'e', feature, value: 1 })) });
      const features = ['a', 'b'];
      await store.lookup({ group: 'g', entityIds: ['e'], features });
      features[1] = 'c'; // changed in place: must not reuse b's slot for c
      await store.lookup({ group: 'g', entityIds: ['e'], features });
      await store.lookup({ group: 'g', entityIds: ['e'], features: ['a', 'c'] });
      const read = (feature: string): Promise<number> => telemetry.sumOf('featurescope.values.read', { 'featurescope.feature.name': feature });
      expect(await read('a')).toBe(3);
      expect(await read('b')).toBe(1);
      // c arrived after the two-name limit was reached: it lands in the overflow series every time.
      expect(await read('c')).toBe(0);
      expect(await read('_other')).toBe(2);
    } finally {
      await telemetry.shutdown();
    }
  });
});

describe('SlotHistograms: the last-bucket shortcut', () => {
  it('puts every value in the bucket a binary search would, boundaries inclusive, whatever came before', () => {
    const boundaries = [0.001, 0.01, 0.1, 1, 10];
    const histograms = new SlotHistograms('h', 'h', 's', boundaries);
    const expected = new Array<number>(boundaries.length + 1).fill(0);
    const values = [0.5, 0.5, 1, 1.0000001, 0.001, 0, -3, 10, 11, 1e9, 0.0099, 0.01, 0.010001, 5, 5, 0.5, Number.MIN_VALUE];
    for (const value of values) {
      histograms.record(1, value, 0);
      const bucket = boundaries.findIndex((bound) => value <= bound);
      expected[bucket === -1 ? boundaries.length : bucket]! += 1;
    }
    expect(histograms.bucketCounts(1)).toEqual(expected);
    expect(histograms.summary(1)).toMatchObject({ count: values.length, min: -3, max: 1e9 });
    // Slots keep their own shortcut.
    histograms.record(0, 20, 0);
    histograms.record(1, 0.5, 0);
    expect(histograms.bucketCounts(0)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(histograms.bucketCounts(1)[3]).toBe(expected[3]! + 1);
  });
});

describe('PoolMetrics wait time', () => {
  it('is aggregated into the HistogramExport attached to the provider, not recorded on an SDK histogram', async () => {
    const telemetry = createTestTelemetry();
    const histograms = new HistogramExport();
    attachHistogramExport(telemetry.meterProvider, histograms);
    try {
      const pool = new PoolMetrics(telemetry.meterProvider, { scope: 'test-scope', version: '1', poolName: 'p', read: () => undefined });
      pool.recordWait(0.002);
      pool.recordWait(0.2);
      const [source] = histograms.sources();
      expect(source!.scope).toEqual({ name: 'test-scope', version: '1' });
      const [snapshot] = source!.collect();
      expect(snapshot).toMatchObject({ name: 'db.client.connection.wait_time', unit: 's' });
      expect(snapshot!.points).toHaveLength(1);
      expect(snapshot!.points[0]).toMatchObject({ attributes: { 'db.client.connection.pool.name': 'p' }, count: 2, sum: 0.202, min: 0.002, max: 0.2 });
      expect(await telemetry.sumOf('db.client.connection.wait_time')).toBe(0);
      pool.shutdown();
      pool.shutdown(); // idempotent
    } finally {
      await telemetry.shutdown();
    }
  });
});

describe('ServedValuesBuffer: a lookup flattened once for counters and observers', () => {
  const at = (ms: number): Date => new Date(ms);
  const result = {
    values: new Map([
      ['e1', new Map([['a', { value: 1.5, updatedAt: at(1000) }], ['b', { value: null, updatedAt: at(2000) }]])],
      ['e2', new Map([['b', { value: -3, updatedAt: at(3000) }]])],
    ]),
  };

  it('lists found pairs in request order with feature index, value, null flag and write time; counts found per feature', () => {
    const served = new ServedValuesBuffer().collect({ group: 'g', entityIds: ['e1', 'missing', 'e2', 'e1'], features: ['b', 'a', 'c'] }, result);
    expect(served.count).toBe(5);
    expect(Array.from(served.featureIndex.subarray(0, 5))).toEqual([0, 1, 0, 0, 1]);
    expect(Array.from(served.nulls.subarray(0, 5))).toEqual([1, 0, 0, 1, 0]);
    expect(Array.from(served.values.subarray(0, 5)).map((v, i) => (served.nulls[i] === 1 ? null : v))).toEqual([null, 1.5, -3, null, 1.5]);
    expect(Array.from(served.updatedAtMs.subarray(0, 5))).toEqual([2000, 1000, 3000, 2000, 1000]);
    expect(Array.from(served.foundPerFeature.subarray(0, 3))).toEqual([3, 2, 0]);
  });

  it('grows past its initial size, is reused call after call, and can count without per-entry arrays', () => {
    const buffer = new ServedValuesBuffer();
    const features = Array.from({ length: 30 }, (_, i) => `f${i}`);
    const wide = { values: new Map(['x', 'y', 'z'].map((e) => [e, new Map(features.map((f, i) => [f, { value: i, updatedAt: at(i) }]))])) };
    buffer.collect({ group: 'g', entityIds: ['x', 'y', 'z'], features }, wide);
    expect(buffer.count).toBe(90);
    expect(buffer.values[89]).toBe(29);
    expect(buffer.featureIndex[89]).toBe(29);
    buffer.collect({ group: 'g', entityIds: ['e2'], features: ['a', 'b'] }, result, false);
    expect(buffer.count).toBe(1);
    expect(Array.from(buffer.foundPerFeature.subarray(0, 2))).toEqual([0, 1]);
  });

  it('is what observers get in afterLookup, matching the result', async () => {
    const seen: { count: number; values: number[] }[] = [];
    const store = instrumentFeatureStore(new InMemoryFeatureStore(), {
      tracing: false,
      metrics: false,
      observers: [{ afterLookup: (_request, _result, _span, _now, served) => void seen.push({ count: served.count, values: Array.from(served.values.subarray(0, served.count)) }) }],
    });
    await store.upsert({ group: 'g', rows: [{ entityId: 'e', feature: 'a', value: 7 }, { entityId: 'e', feature: 'b', value: 8 }] });
    await store.lookup({ group: 'g', entityIds: ['e', 'nobody'], features: ['b', 'a'] });
    expect(seen).toEqual([{ count: 2, values: [8, 7] }]);
  });
});
