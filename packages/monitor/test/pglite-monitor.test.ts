import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createTestTelemetry, type TestTelemetry } from '@featurescope/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStoreInspector } from '@featurescope/postgres';
import { parseBaseline } from '@featurescope/quality';
import { createStoreMonitor, type StoreMonitorOptions } from '../src/index.js';
import { oneTo, pointsOf, type7 } from './helpers.js';

const TABLE = 'monitor_test_pglite_fv';
const PRICES = oneTo(100);
const SHIFTING = Array.from({ length: 500 }, (_, i) => i / 10);

let db: PGlite;
let dir: string;

async function insert(rows: [entity: string, feature: string, value: number | null, agoSeconds: number][]): Promise<void> {
  await db.query(
    `INSERT INTO ${TABLE} SELECT e, f, v, now() - make_interval(secs => s) FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[]) AS u(e, f, v, s)`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
  );
}

function monitor(telemetry: TestTelemetry, extra: Partial<StoreMonitorOptions> = {}) {
  return createStoreMonitor({
    source: postgresStoreInspector(db),
    table: TABLE,
    volumeWindowSeconds: 60,
    baselines: { file: join(dir, 'baselines.json') },
    meterProvider: telemetry.meterProvider,
    ...extra,
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-monitor-pglite-'));
  db = await PGlite.create();
  // The layout @featurescope/postgres creates.
  await db.exec(
    `CREATE TABLE ${TABLE} (entity_id text NOT NULL, feature_name text NOT NULL, value double precision, ` +
      `updated_at timestamptz(6) NOT NULL DEFAULT now(), PRIMARY KEY (entity_id, feature_name));` +
      `CREATE INDEX ${TABLE}_feature_updated_idx ON ${TABLE} (feature_name, updated_at DESC);`,
  );
  await insert(PRICES.map((v, i) => [`e${i}`, 'price', v, 5 + 10 * i]));
  await insert(oneTo(10).map((i) => [`n${i}`, 'price', null, 100]));
  await insert(oneTo(20).map((i) => [`e${i}`, 'old_count', 10, 7200 + i]));
  await insert(SHIFTING.map((v, i) => [`e${i}`, 'shifting', v, 10 + i]));
  await db.exec(`ANALYZE ${TABLE}`);
}, 60_000);

afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('store monitor on PGlite', { timeout: 60_000 }, () => {
  it('measures freshness, volume and exact window statistics', async () => {
    const telemetry = createTestTelemetry();
    const m = monitor(telemetry, { maxAgeSeconds: 3600 });
    try {
      expect((await m.runCycle()).outcome).toBe('ok');
      const snapshot = m.snapshot()!;
      expect(snapshot.system).toBe('postgresql');
      expect([...snapshot.features.keys()]).toEqual(['old_count', 'price', 'shifting']); // discovered by skip scan
      const price = snapshot.features.get('price')!;
      expect(price.freshness!.stalenessSeconds).toBeGreaterThanOrEqual(5);
      expect(price.freshness!.stalenessSeconds).toBeLessThan(60);
      expect(price.freshness!.updatedRows).toBe(6);
      const s = price.statistics!;
      expect({ rows: s.rows, count: s.count, min: s.min, max: s.max }).toEqual({ rows: 110, count: 100, min: 1, max: 100 });
      expect(s.mean).toBeCloseTo(50.5, 10);
      expect(s.std).toBeCloseTo(Math.sqrt(833.25), 10);
      expect(s.nullRatio).toBeCloseTo(10 / 110, 12);
      expect(s.quantiles).toEqual({ p01: type7(PRICES, 0.01), p25: 25.75, p50: 50.5, p75: 75.25, p99: type7(PRICES, 0.99) });
      expect(snapshot.features.get('old_count')!.freshness).toMatchObject({ stale: true, updatedRows: 0 });
      const sampled = pointsOf(await telemetry.collect(), 'featurescope.monitor.sampled', { 'featurescope.feature.name': 'price' });
      expect(sampled[0]!.value).toBe(0);
    } finally {
      await m.close();
      await telemetry.shutdown();
    }
  });

  it('takes a TABLESAMPLE above the row estimate and says so', async () => {
    const telemetry = createTestTelemetry();
    const m = monitor(telemetry, { features: ['price'], sampling: { tablesampleAboveRows: 1, tablesamplePercent: 100 } });
    try {
      await m.runCycle();
      const s = m.snapshot()!.features.get('price')!.statistics!;
      expect(s.sampling).toEqual({ sampled: true, method: 'tablesample_system', limit: 50_000, percent: 100, values: 100 });
      // 100 % of the pages is every row: the quantiles stay exact.
      expect(s.quantiles!.p50).toBe(50.5);
      const sampled = pointsOf(await telemetry.collect(), 'featurescope.monitor.sampled', { 'featurescope.feature.name': 'price' });
      expect(sampled[0]!.value).toBe(1);
    } finally {
      await m.close();
      await telemetry.shutdown();
    }
  });

  it('caps the distribution at the newest maxRows values and keeps count/mean exact', async () => {
    const telemetry = createTestTelemetry();
    const m = monitor(telemetry, { features: ['price'], sampling: { maxRows: 50 } });
    try {
      await m.runCycle();
      const s = m.snapshot()!.features.get('price')!.statistics!;
      expect(s.sampling).toEqual({ sampled: true, method: 'limit', limit: 50, values: 50 });
      expect(s.quantiles!.p50).toBe(25.5); // the newest 50 values are 1..50
      expect(s.count).toBe(100);
      expect(s.mean).toBeCloseTo(50.5, 10);
    } finally {
      await m.close();
      await telemetry.shutdown();
    }
  });

  it('captures the quality baseline artifact into a JSON file and reports drift states ok, then drift', async () => {
    const telemetry = createTestTelemetry();
    const m = monitor(telemetry, { features: ['shifting'] });
    try {
      expect(await m.captureBaseline()).toEqual([{ feature: 'shifting', count: 500, kept: 500, sampled: false }]);
      // The artifact every replica loads (@featurescope/quality's format), with its content-hash id.
      const file = parseBaseline(JSON.parse(readFileSync(join(dir, 'baselines.json'), 'utf8')));
      expect(file.features.map((f) => [f.group, f.feature, f.count])).toEqual([[TABLE, 'shifting', 500]]);
      await m.runCycle();
      expect(m.snapshot()!.features.get('shifting')!.statistics!.drift!.state).toBe('ok');
      await db.query(`UPDATE ${TABLE} SET value = value * 3 WHERE feature_name = 'shifting'`);
      await m.runCycle();
      const drift = m.snapshot()!.features.get('shifting')!.statistics!.drift!;
      expect(drift.state).toBe('drift');
      expect(drift.psi).toBeGreaterThan(0.2);
      expect(drift.pValue).toBeLessThan(1e-6);
      expect(drift.baselineId).toBe(file.id);
    } finally {
      await db.query(`UPDATE ${TABLE} SET value = value / 3 WHERE feature_name = 'shifting'`);
      await m.close();
      await telemetry.shutdown();
    }
  });

  it('never fails a cycle on NaN or ±Infinity rows: they are left out of the distribution and the aggregates', async () => {
    await insert([['bad1', 'with_nan', Number.NaN, 5], ['bad2', 'with_nan', Number.POSITIVE_INFINITY, 5], ['bad3', 'with_nan', Number.NEGATIVE_INFINITY, 5]]);
    await insert(oneTo(50).map((i) => [`w${i}`, 'with_nan', i, 5]));
    const telemetry = createTestTelemetry();
    const m = monitor(telemetry, { features: ['with_nan'] });
    try {
      expect((await m.runCycle()).outcome).toBe('ok');
      const s = m.snapshot()!.features.get('with_nan')!.statistics!;
      expect(s.sampling.values).toBe(50);
      expect(s.quantiles!.p50).toBe(25.5);
      expect(s.mean).toBeNull();
    } finally {
      await m.close();
      await telemetry.shutdown();
    }
  });
});
