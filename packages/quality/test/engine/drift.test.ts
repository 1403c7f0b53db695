import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BaselineFormatError, createQualityEngine } from '../../src/index.js';
import { SeededRandom } from '../../src/stats/index.js';
import { createHarness, valueOf, writeValues, type Harness } from './harness.js';

const series = { 'db.collection.name': 'txn', 'featurescope.feature.name': 'amount', 'featurescope.source': 'upsert' };
const WINDOW = 60_000;

describe('drift against a baseline', () => {
  let h: Harness;
  let random: SeededRandom;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'featurescope-quality-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  beforeEach(() => {
    h = createHarness({ window: { durationMs: WINDOW, minCount: 200 } });
    random = new SeededRandom(42);
  });
  afterEach(() => h.close());

  const normal = (n: number, mean: number, sd = 10) => Array.from({ length: n }, () => random.normal(mean, sd));
  /** Writes a window's values, then moves past the boundary and writes one more value so the window closes. */
  async function window(values: number[]): Promise<void> {
    await writeValues(h.store, 'txn', 'amount', values);
    h.now += WINDOW;
    await writeValues(h.store, 'txn', 'amount', [values[0]!]);
  }

  it('goes ok → drift → ok with the statistics exported as gauges, and one span event on entering drift', async () => {
    await writeValues(h.store, 'txn', 'amount', normal(5_000, 100));
    const summary = h.engine.captureBaseline();
    expect(summary.profiles).toBe(1);

    await window(normal(1_000, 100));
    expect(h.engine.snapshot('amount')!.drift!.state).toBe(0);
    expect(await valueOf(h.telemetry, 'featurescope.drift.state', series)).toBe(0);
    expect(await valueOf(h.telemetry, 'featurescope.drift.psi', series)).toBeLessThan(0.1);
    expect(h.telemetry.spans().flatMap((s) => s.events)).toHaveLength(0);

    h.telemetry.reset();
    await window(normal(1_000, 110)); // +1 σ
    const drift = h.engine.snapshot('amount')!.drift!;
    expect(drift.state).toBe(2);
    expect(drift.psi).toBeGreaterThan(0.2);
    expect(drift.meanShift).toBeGreaterThan(0.8);
    expect(drift.meanShift).toBeLessThan(1.2);
    expect(drift.wasserstein).toBeGreaterThan(0.8);
    expect(drift.ksStatistic).toBeGreaterThan(0.3);
    expect(drift.ksPValue).toBeLessThan(1e-6);
    expect(drift.jsDistance).toBeGreaterThan(0.2);
    expect(await valueOf(h.telemetry, 'featurescope.drift.state', series)).toBe(2);
    expect(await valueOf(h.telemetry, 'featurescope.drift.psi', series)).toBe(drift.psi);
    expect(await valueOf(h.telemetry, 'featurescope.drift.ks_statistic', series)).toBe(drift.ksStatistic);
    expect(await valueOf(h.telemetry, 'featurescope.drift.ks_pvalue', series)).toBe(drift.ksPValue);
    expect(await valueOf(h.telemetry, 'featurescope.drift.js_distance', series)).toBe(drift.jsDistance);
    expect(await valueOf(h.telemetry, 'featurescope.drift.wasserstein', series)).toBe(drift.wasserstein);
    expect(await valueOf(h.telemetry, 'featurescope.drift.mean_shift', series)).toBe(drift.meanShift);

    // The event is on the upsert span during which the window closed; no values, only statistics.
    const withEvent = h.telemetry.spans().filter((s) => s.events.some((e) => e.name === 'featurescope.drift'));
    expect(withEvent).toHaveLength(1);
    expect(withEvent[0]!.name).toBe('upsert txn');
    const event = withEvent[0]!.events.find((e) => e.name === 'featurescope.drift')!;
    expect(event.attributes).toEqual({
      'db.collection.name': 'txn',
      'featurescope.feature.name': 'amount',
      'featurescope.source': 'upsert',
      'featurescope.drift.state': 2,
      'featurescope.drift.psi': drift.psi,
      'featurescope.drift.ks_statistic': drift.ksStatistic,
      'featurescope.drift.ks_pvalue': drift.ksPValue,
      'featurescope.drift.js_distance': drift.jsDistance,
      'featurescope.drift.wasserstein': drift.wasserstein,
      'featurescope.drift.mean_shift': drift.meanShift,
      'featurescope.drift.window_count': 1_001, // the value that closed the previous window opened this one
    });

    // Staying in drift adds no second event.
    h.telemetry.reset();
    await window(normal(1_000, 110));
    expect(h.engine.snapshot('amount')!.drift!.state).toBe(2);
    expect(h.telemetry.spans().flatMap((s) => s.events)).toHaveLength(0);

    await window(normal(1_000, 100));
    expect(h.engine.snapshot('amount')!.drift!.state).toBe(0);
  });

  it('psi rule: warn for a moderate shift (0.1 <= PSI < 0.2), drift at 0.2', async () => {
    await h.close();
    h = createHarness({ window: { durationMs: WINDOW, minCount: 200 }, drift: { rule: 'psi' } });
    await writeValues(h.store, 'txn', 'amount', normal(5_000, 100));
    h.engine.captureBaseline();
    await window(normal(5_000, 104)); // +0.4 σ: PSI ≈ 0.16
    const drift = h.engine.snapshot('amount')!.drift!;
    expect(drift.psi).toBeGreaterThanOrEqual(0.1);
    expect(drift.psi).toBeLessThan(0.2);
    expect(drift.ksPValue).toBeLessThan(1e-6);
    expect(drift.state).toBe(1);
    await window(normal(5_000, 106)); // +0.6 σ
    expect(h.engine.snapshot('amount')!.drift!.state).toBe(2);
  });

  it('recommended rule: a significant but small shift is ok, a large one without significance is warn', async () => {
    await writeValues(h.store, 'txn', 'amount', normal(20_000, 100));
    h.engine.captureBaseline();
    await window(normal(20_000, 101.5)); // +0.15 σ: KS p tiny, PSI ≈ 0.02
    let drift = h.engine.snapshot('amount')!.drift!;
    expect(drift.ksPValue).toBeLessThan(0.05);
    expect(drift.psi).toBeLessThan(0.1);
    expect(drift.state).toBe(0);
    await window(normal(20_000, 104)); // +0.4 σ: significant and PSI >= 0.1
    drift = h.engine.snapshot('amount')!.drift!;
    expect(drift.psi).toBeGreaterThanOrEqual(0.1);
    expect(drift.state).toBe(2);
  });

  it('captures a baseline over a period with start/finish, merging every window in between', async () => {
    await writeValues(h.store, 'txn', 'amount', normal(300, 500)); // before the capture: excluded
    h.engine.startBaselineCapture();
    await window(normal(300, 100));
    await window(normal(300, 100));
    await writeValues(h.store, 'txn', 'amount', normal(300, 100));
    const summary = h.engine.finishBaselineCapture();
    expect(summary.profiles).toBe(1);
    const baseline = h.engine.snapshot('amount')!.baseline!;
    expect(baseline.count).toBe(902); // 3 × 300 plus the two values that closed the windows
    expect(baseline.mean).toBeGreaterThan(98);
    expect(baseline.mean).toBeLessThan(102);
    expect(() => h.engine.finishBaselineCapture()).toThrow(/no capture is running/);
  });

  it('saves and loads a baseline: same drift numbers, versioned JSON without raw values', async () => {
    await writeValues(h.store, 'txn', 'amount', normal(2_000, 100));
    h.engine.captureBaseline();
    const path = join(dir, 'baseline.json');
    await h.engine.saveBaseline(path);
    const doc = JSON.parse(await readFile(path, 'utf8'));
    expect(doc.format).toBe('featurescope.baseline');
    expect(doc.version).toBe(1);
    expect(doc.profiles).toHaveLength(1);
    expect(doc.profiles[0]).toMatchObject({ group: 'txn', feature: 'amount', source: 'upsert', values: 2_000, nulls: 0 });

    const shifted = normal(1_000, 108);
    await window(shifted);
    const original = h.engine.snapshot('amount')!.drift!;

    // A fresh engine that never saw the baseline data loads it and judges the same window alike.
    const other = createHarness({ window: { durationMs: WINDOW, minCount: 200 } });
    try {
      const loaded = await other.engine.loadBaseline(path);
      expect(loaded).toMatchObject({ profiles: 1, vectors: 0, skipped: 0 });
      await writeValues(other.store, 'txn', 'amount', shifted);
      other.now += WINDOW;
      await writeValues(other.store, 'txn', 'amount', [shifted[0]!]);
      const reloaded = other.engine.snapshot('amount')!.drift!;
      expect(reloaded.psi).toBe(original.psi);
      expect(reloaded.ksStatistic).toBe(original.ksStatistic);
      expect(reloaded.meanShift).toBeCloseTo(original.meanShift, 12);
      expect(reloaded.state).toBe(original.state);
      // Saving again gives the same document.
      await other.engine.saveBaseline(join(dir, 'again.json'));
      expect(JSON.parse(await readFile(join(dir, 'again.json'), 'utf8')).profiles).toEqual(doc.profiles);
    } finally {
      await other.close();
    }
  });

  it('refuses invalid baseline files with BaselineFormatError naming the field, keeping the current baseline', async () => {
    await writeValues(h.store, 'txn', 'amount', normal(500, 100));
    h.engine.captureBaseline();
    const path = join(dir, 'good.json');
    await h.engine.saveBaseline(path);
    const good = JSON.parse(await readFile(path, 'utf8'));
    const cases: [unknown, RegExp][] = [
      [{ ...good, version: 2 }, /at version/],
      [{ ...good, format: 'other' }, /at format/],
      [{ ...good, profiles: [{ ...good.profiles[0], source: 'both' }] }, /profiles\[0\]\.source/],
      [{ ...good, profiles: [{ ...good.profiles[0], sketch: { ...good.profiles[0].sketch, count: 3 } }] }, /profiles\[0\]\.sketch\.count/],
      [{ ...good, profiles: [good.profiles[0], good.profiles[0]] }, /profiles\[1\].*duplicate/],
      [{ ...good, vectors: [{ collection: 'emb', count: 1, centroid: [1, 'x'] }] }, /vectors\[0\]\.centroid\[1\]/],
    ];
    for (const [content, message] of cases) {
      const bad = join(dir, 'bad.json');
      await writeFile(bad, JSON.stringify(content));
      const error = await h.engine.loadBaseline(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BaselineFormatError);
      expect((error as Error).message).toMatch(message);
    }
    await writeFile(join(dir, 'text.json'), 'not json');
    await expect(h.engine.loadBaseline(join(dir, 'text.json'))).rejects.toThrow(BaselineFormatError);
    await expect(h.engine.loadBaseline(join(dir, 'missing.json'))).rejects.toThrow(/ENOENT/);
    expect(h.engine.snapshot('amount')!.baseline!.count).toBe(500);
  });

  it('cannot save before a baseline exists', async () => {
    const engine = createQualityEngine();
    await expect(engine.saveBaseline(join(dir, 'none.json'))).rejects.toThrow(/No baseline yet/);
    engine.shutdown();
  });
});
