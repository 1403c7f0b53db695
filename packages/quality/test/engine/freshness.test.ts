import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FRESHNESS_BUCKETS } from '../../src/semconv.js';
import { createHarness, histogramPoint, histogramPoints, valueOf, type Harness } from './harness.js';

const amount = { 'db.collection.name': 'txn', 'featurescope.feature.name': 'amount' };

/** Index of the bucket a value falls in (upper bounds inclusive, as OpenTelemetry's explicit buckets). */
const bucketOf = (seconds: number): number => {
  const i = FRESHNESS_BUCKETS.findIndex((bound) => seconds <= bound);
  return i < 0 ? FRESHNESS_BUCKETS.length : i;
};

describe('freshness', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });
  afterEach(() => h.close());

  it('records ingest lag (write time − eventTime) per feature in fixed buckets from 1 ms to 1 day', async () => {
    const lags = [0.001, 0.2, 3, 45, 3_000, 200_000]; // seconds; the first is on the lowest bound, the last past one day
    await h.store.upsert({
      group: 'txn',
      rows: lags.map((lag, i) => ({ entityId: `e${i}`, feature: 'amount', value: i, eventTime: new Date(h.now - lag * 1000) })),
    });
    await h.store.upsert({ group: 'txn', rows: [{ entityId: 'x', feature: 'amount', value: 1 }] }); // no eventTime: no lag
    const [found, ...rest] = histogramPoints('featurescope.feature.ingest_lag', amount);
    expect(rest).toHaveLength(0);
    const { boundaries, point } = found!;
    expect(boundaries).toEqual(FRESHNESS_BUCKETS);
    expect(boundaries[0]).toBe(0.001);
    expect(boundaries.at(-1)).toBe(86_400);
    expect(point.count).toBe(6);
    expect(point.sum).toBeCloseTo(lags.reduce((a, b) => a + b, 0), 6);
    expect(point.min).toBe(0.001);
    expect(point.max).toBeCloseTo(200_000, 6);
    const expected = new Array<number>(FRESHNESS_BUCKETS.length + 1).fill(0);
    for (const lag of lags) expected[bucketOf(lag)]! += 1;
    expect(Array.from(point.bucketCounts)).toEqual(expected);
    expect(point.startTimeMs).toBe(h.now);
    const snap = h.engine.snapshot('amount')!;
    expect(snap.ingestLag.count).toBe(6);
  });

  it('records staleness (lookup time − updatedAt) of every value served', async () => {
    await h.store.upsert({ group: 'txn', rows: [{ entityId: 'old', feature: 'amount', value: 1 }] });
    h.now += 600_000;
    await h.store.upsert({ group: 'txn', rows: [{ entityId: 'new', feature: 'amount', value: 2 }] });
    h.now += 2_000;
    await h.store.lookup({ group: 'txn', entityIds: ['old', 'new', 'none'], features: ['amount'] });
    const point = histogramPoint('featurescope.feature.staleness', amount);
    expect(point.count).toBe(2);
    expect(point.min).toBe(2);
    expect(point.max).toBe(602);
    expect(point.sum).toBe(604);
    expect(point.bucketCounts[bucketOf(2)]).toBe(1);
    expect(point.bucketCounts[bucketOf(602)]).toBe(1);
  });

  it('exports the last write time as unix seconds, so `time() - gauge > 60` finds stopped features', async () => {
    await h.store.upsert({ group: 'txn', rows: [{ entityId: 'a', feature: 'amount', value: 1 }] });
    expect(await valueOf(h.telemetry, 'featurescope.feature.last_write_time', amount)).toBe(h.now / 1000);
    const written = h.now;
    h.now += 90_000;
    await h.store.lookup({ group: 'txn', entityIds: ['a'], features: ['amount'] }); // reads do not count
    const gauge = await valueOf(h.telemetry, 'featurescope.feature.last_write_time', amount);
    expect(gauge).toBe(written / 1000);
    expect(h.now / 1000 - gauge > 60).toBe(true);
  });

  it('clamps a future eventTime (clock skew) to zero lag', async () => {
    await h.store.upsert({ group: 'txn', rows: [{ entityId: 'a', feature: 'amount', value: 1, eventTime: new Date(h.now + 5_000) }] });
    const point = histogramPoint('featurescope.feature.ingest_lag', amount);
    expect(point.min).toBe(0);
    expect(point.bucketCounts[0]).toBe(1);
  });
});
