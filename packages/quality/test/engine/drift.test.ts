import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BaselineFormatError, binnedDrift } from '../../src/index.js';
import { SeededRandom } from '@featurescope/test-utils';
import { createHarness, points, valueOf, writeValues, type Harness } from './harness.js';

const WINDOW = 60_000;
const feature = { 'db.collection.name': 'txn', 'featurescope.feature.name': 'amount' };

describe('fleet drift exports and the per-pod span event', () => {
  let h: Harness;
  let dir: string;
  const random = new SeededRandom(42);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'featurescope-drift-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  afterEach(() => h?.close());

  const normal = (n: number, mean: number, sd = 10) => Array.from({ length: n }, () => random.normal(mean, sd));
  async function captured(values: number[]): Promise<string> {
    h.engine.startBaselineCapture();
    await writeValues(h.store, 'txn', 'amount', values);
    return h.engine.finishBaselineCapture().id;
  }
  /** Writes one window, then crosses the boundary with one more value so it closes. */
  async function window(values: number[]): Promise<void> {
    await writeValues(h.store, 'txn', 'amount', values);
    h.now += WINDOW;
    await writeValues(h.store, 'txn', 'amount', [values[0]!]);
  }

  it('exports all B bins from the first value, the baseline size, and deviation sums; no per-pod statistic gauge', async () => {
    h = createHarness({ window: { durationMs: WINDOW }, drift: { source: 'upsert' } });
    const id = await captured(normal(5_000, 1e9, 10));
    expect(await valueOf(h.telemetry, 'featurescope.baseline.values', { ...feature, 'featurescope.baseline.id': id })).toBe(5_000);
    expect(await points(h.telemetry, 'featurescope.drift.bin.values')).toHaveLength(0);
    await writeValues(h.store, 'txn', 'amount', [1e9 + 3]);
    const bins = await points(h.telemetry, 'featurescope.drift.bin.values', { ...feature, 'featurescope.source': 'inline', 'featurescope.baseline.id': id });
    expect(bins.map((b) => b.attributes['featurescope.drift.bin']).sort()).toEqual(Array.from({ length: 20 }, (_, i) => String(i).padStart(2, '0')));
    expect(bins.reduce((a, b) => a + (b.value as number), 0)).toBe(1);

    const values = normal(999, 1e9 + 5, 10);
    await writeValues(h.store, 'txn', 'amount', values);
    const all = [1e9 + 3, ...values];
    const where = { ...feature, 'featurescope.source': 'inline', 'featurescope.baseline.id': id };
    const positive = await valueOf(h.telemetry, 'featurescope.feature.deviation.positive', where);
    const negative = await valueOf(h.telemetry, 'featurescope.feature.deviation.negative', where);
    const squares = await valueOf(h.telemetry, 'featurescope.feature.deviation.squares', where);
    const baselineMean = await valueOf(h.telemetry, 'featurescope.baseline.mean', { ...feature, 'featurescope.baseline.id': id });
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    // A feature at 1e9: the fleet mean from shifted sums keeps ~1e-6 absolute precision.
    expect(Math.abs(baselineMean + (positive - negative) / all.length - mean)).toBeLessThan(1e-5);
    const variance = all.reduce((a, b) => a + (b - mean) ** 2, 0) / all.length;
    const d = (positive - negative) / all.length;
    expect(squares / all.length - d * d).toBeCloseTo(variance, 4);
    for (const removed of ['psi', 'ks_statistic', 'ks_pvalue', 'js_distance', 'wasserstein', 'mean_shift', 'state']) {
      expect(await points(h.telemetry, `featurescope.drift.${removed}`)).toHaveLength(0);
    }
  });

  it('keeps the per-pod state ok on stable windows and through one outlier, enters drift with one span event on a 0.5 σ shift', async () => {
    h = createHarness({ window: { durationMs: WINDOW }, drift: { source: 'upsert' } });
    await captured(normal(10_000, 100));
    await window(normal(1_000, 100));
    expect(h.engine.snapshot('amount')!.drift!.state).toBe(0);
    await window([...normal(999, 100), 1e6]);
    expect(h.engine.snapshot('amount')!.drift!.state).toBe(0);
    await window([...normal(999, 100), -1e6]);
    expect(h.engine.snapshot('amount')!.drift!.state).toBe(0);
    expect(h.telemetry.spans().flatMap((s) => s.events)).toHaveLength(0);
    await window(normal(1_000, 105));
    const snapshot = h.engine.snapshot('amount')!;
    expect(snapshot.drift!.state).toBe(2);
    const events = h.telemetry.spans().flatMap((s) => s.events).filter((e) => e.name === 'featurescope.drift');
    expect(events).toHaveLength(1);
    const attributes = events[0]!.attributes!;
    expect(attributes['featurescope.drift.state']).toBe(2);
    expect(attributes['featurescope.baseline.id']).toBe(snapshot.baseline!.id);
    for (const value of Object.values(attributes)) if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
    // The cumulative counts are what the fleet rules use: same statistic on the same counts.
    const cumulative = binnedDrift(snapshot.bins!, snapshot.baseline!.count);
    expect(cumulative.count).toBe(snapshot.bins!.reduce((a, b) => a + b, 0));
  });

  it('never exports or reports NaN or Infinity: constant baseline feature, NaN values served, σ = 0', async () => {
    h = createHarness({ window: { durationMs: WINDOW, minCount: 100 }, drift: { source: 'lookup' } });
    await writeValues(h.store, 'txn', 'amount', [5]);
    const lookup = (n: number) => Promise.all(Array.from({ length: n }, () => h.store.lookup({ group: 'txn', entityIds: ['e0'], features: ['amount'] })));
    h.engine.startBaselineCapture();
    await lookup(300);
    h.engine.finishBaselineCapture();
    await writeValues(h.store, 'txn', 'amount', [9]);
    await lookup(149);
    await writeValues(h.store, 'txn', 'amount', [1e300]); // its square would overflow the deviation sums
    await lookup(1);
    h.now += WINDOW;
    await lookup(1);
    expect(h.engine.snapshot('amount', { source: 'lookup' })!.drift!.state).toBe(2);
    const events = h.telemetry.spans().flatMap((s) => s.events).filter((e) => e.name === 'featurescope.drift');
    expect(events).toHaveLength(1);
    expect(events[0]!.attributes!['featurescope.drift.mean_shift']).toBeUndefined();
    for (const value of Object.values(events[0]!.attributes!)) if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
    h.raw.upsert({ group: 'txn', rows: [{ entityId: 'e0', feature: 'amount', value: Number.NaN }] }).catch(() => undefined);
    const collected = await h.telemetry.collect();
    for (const scope of collected.scopeMetrics) {
      for (const metric of scope.metrics) for (const point of metric.dataPoints) if (typeof point.value === 'number') expect(Number.isFinite(point.value), metric.descriptor.name).toBe(true);
    }
  });

  it('loads the artifact from the `baseline` option (file path, then an http URL) and reports a bad one without throwing', async () => {
    h = createHarness({ drift: { source: 'upsert' } });
    const id = await captured(normal(2_000, 50));
    const path = join(dir, `baseline-${process.pid}.json`);
    await h.engine.saveBaseline(path);
    const doc = h.engine.baselineDocument();
    await h.close();

    h = createHarness({ baseline: path, drift: { source: 'upsert' } });
    expect((await h.engine.baselineReady)!.id).toBe(id);
    await writeValues(h.store, 'txn', 'amount', [50]);
    expect(await points(h.telemetry, 'featurescope.drift.bin.values', { 'featurescope.baseline.id': id })).toHaveLength(20);
    await h.close();

    const server: Server = createServer((req, res) => {
      res.writeHead(req.url === '/baseline.json' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(req.url === '/baseline.json' ? JSON.stringify(doc) : '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      h = createHarness({ baseline: `http://127.0.0.1:${port}/baseline.json`, drift: { source: 'upsert' } });
      expect((await h.engine.baselineReady)!.profiles).toBe(1);
      await h.close();
      const bad = join(dir, `bad-${process.pid}.json`);
      await writeFile(bad, JSON.stringify({ ...doc, id: '000000000000' }));
      h = createHarness({ baseline: bad });
      await expect(h.engine.baselineReady).rejects.toBeInstanceOf(BaselineFormatError);
      await writeValues(h.store, 'txn', 'amount', [1]);
      expect(h.engine.snapshot('amount')!.values).toBe(1);
    } finally {
      server.close();
    }
  });
});
