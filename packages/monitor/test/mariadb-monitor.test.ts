import { createPool, type Pool } from 'mysql2/promise';
import { createTestTelemetry, requireService, type TestTelemetry } from '@featurescope/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlStoreInspector } from '@featurescope/mysql2';
import { createStoreMonitor, type StoreMonitor } from '../src/index.js';
import { oneTo, pointsOf, TcpProxy, type7 } from './helpers.js';

const TABLE = 'monitor_test_mariadb_fv';
const BASELINES = 'monitor_test_mariadb_baselines';
const INDEX = 'ix_monitor_test_mariadb_feature_updated';
const PRICES = oneTo(100);
const SHIFTING = Array.from({ length: 500 }, (_, i) => i / 10);

let url: string;
let admin: Pool;

/** Inserts rows with `updated_at` = UTC now minus `agoSeconds` (the mysql2 store writes UTC). */
async function insert(rows: [entity: string, feature: string, value: number | null, agoSeconds: number][]): Promise<void> {
  const tuples = rows.map(() => '(?, ?, ?, UTC_TIMESTAMP(6) - INTERVAL ? MICROSECOND)').join(', ');
  await admin.query(`INSERT INTO ${TABLE} VALUES ${tuples}`, rows.flatMap(([e, f, v, s]) => [e, f, v, Math.round(s * 1e6)]));
}

function monitorOn(pool: Pool, telemetry: TestTelemetry, extra: Record<string, unknown> = {}): StoreMonitor {
  return createStoreMonitor({
    source: mysqlStoreInspector(pool, { ownsPool: true }),
    table: TABLE,
    volumeWindowSeconds: 60,
    baselines: { table: BASELINES },
    meterProvider: telemetry.meterProvider,
    ...extra,
  });
}

function poolAt(port?: number): Pool {
  const u = new URL(url);
  return createPool({
    host: port === undefined ? u.hostname : '127.0.0.1',
    port: port ?? Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    connectionLimit: 1,
    connectTimeout: 3000,
  });
}

beforeAll(async () => {
  url = await requireService('mysql');
  admin = createPool({ uri: url, connectionLimit: 2 });
  await admin.query(`DROP TABLE IF EXISTS ${TABLE}, ${BASELINES}`);
  // The layout @featurescope/mysql2 creates: (entity, feature) key, (feature, updated_at DESC) index, UTC DATETIME(6).
  await admin.query(
    `CREATE TABLE ${TABLE} (entity_id VARCHAR(255) NOT NULL, feature_name VARCHAR(255) NOT NULL, value DOUBLE NULL, ` +
      `updated_at DATETIME(6) NOT NULL, PRIMARY KEY (entity_id, feature_name), KEY ${INDEX} (feature_name, updated_at DESC))`,
  );
  // price: 1..100 written 5, 15, …, 995 s ago, plus 10 NULLs 100 s ago.
  await insert(PRICES.map((v, i) => [`e${i}`, 'price', v, 5 + 10 * i]));
  await insert(oneTo(10).map((i) => [`n${i}`, 'price', null, 100]));
  // old_count: last written two hours ago.
  await insert(oneTo(20).map((i) => [`e${i}`, 'old_count', 10, 7200 + i]));
  // shifting: 0, 0.1, …, 49.9 written 10..509 s ago.
  await insert(SHIFTING.map((v, i) => [`e${i}`, 'shifting', v, 10 + i]));
}, 60_000);

afterAll(async () => {
  await admin?.query(`DROP TABLE IF EXISTS ${TABLE}, ${BASELINES}`);
  await admin?.end();
});

describe('store monitor on MariaDB', { timeout: 60_000 }, () => {
  it('measures freshness, volume and window statistics exactly and exports them', async () => {
    const telemetry = createTestTelemetry();
    const monitor = monitorOn(poolAt(), telemetry, { features: ['price', { name: 'old_count', maxAgeSeconds: 3600 }, 'shifting'] });
    try {
      const result = await monitor.runCycle();
      expect(result.outcome).toBe('ok');
      const snapshot = monitor.snapshot()!;
      expect(snapshot.system).toBe('mariadb');
      const price = snapshot.features.get('price')!;
      expect(price.freshness!.stalenessSeconds).toBeGreaterThanOrEqual(5);
      expect(price.freshness!.stalenessSeconds).toBeLessThan(60);
      expect(price.freshness!.stale).toBe(false);
      expect(price.freshness!.updatedRows).toBe(6); // 5, 15, 25, 35, 45, 55 s ago
      const s = price.statistics!;
      expect(s.rows).toBe(110);
      expect(s.count).toBe(100);
      expect(s.nullRatio).toBeCloseTo(10 / 110, 12);
      expect(s.mean).toBeCloseTo(50.5, 10);
      expect(s.std).toBeCloseTo(Math.sqrt((100 * 100 - 1) / 12), 10); // population σ of 1..100
      expect([s.min, s.max]).toEqual([1, 100]);
      expect(s.quantiles).toEqual({ p01: type7(PRICES, 0.01), p25: 25.75, p50: 50.5, p75: 75.25, p99: type7(PRICES, 0.99) });
      expect(s.sampling).toMatchObject({ sampled: false, method: 'none', values: 100 });
      expect(s.histogram.reduce((sum, b) => sum + b.count, 0)).toBe(100);
      expect(s.drift).toBeNull();

      const old = snapshot.features.get('old_count')!;
      expect(old.freshness!.stale).toBe(true);
      expect(old.freshness!.stalenessSeconds).toBeGreaterThanOrEqual(7201);
      expect(old.freshness!.updatedRows).toBe(0);
      expect(old.statistics!.count).toBe(0);
      expect(old.statistics!.nullRatio).toBeNull();

      const collected = await telemetry.collect();
      const where = { 'featurescope.feature.name': 'price', 'featurescope.source': 'monitor', 'db.collection.name': TABLE, 'db.system.name': 'mariadb' };
      expect(pointsOf(collected, 'featurescope.feature.mean', where)).toMatchObject([{ scope: '@featurescope/monitor', value: 50.5 }]);
      expect(pointsOf(collected, 'featurescope.monitor.feature.updated_rows', where)[0]!.value).toBe(6);
      expect(pointsOf(collected, 'featurescope.feature.quantile', { ...where, 'featurescope.quantile': 0.5 })[0]!.value).toBe(50.5);
      expect(pointsOf(collected, 'featurescope.monitor.feature.stale', { 'featurescope.feature.name': 'old_count' })[0]!.value).toBe(1);
      const lastWrite = pointsOf(collected, 'featurescope.feature.last_write_time', where)[0]!.value as number;
      expect(Math.abs(lastWrite - (Date.now() / 1000 - price.freshness!.stalenessSeconds!))).toBeLessThan(120);
      expect(pointsOf(collected, 'featurescope.monitor.cycles', { 'featurescope.monitor.outcome': 'ok' })[0]!.value).toBe(1);
      expect(pointsOf(collected, 'featurescope.monitor.last_success_time').length).toBe(1);
    } finally {
      await monitor.close();
      await telemetry.shutdown();
    }
  });

  it('discovers features in name order, capped', async () => {
    const telemetry = createTestTelemetry();
    const monitor = monitorOn(poolAt(), telemetry, { maxFeatures: 2 });
    try {
      await monitor.runCycle();
      expect([...monitor.snapshot()!.features.keys()]).toEqual(['old_count', 'price']);
      expect(monitor.snapshot()!.featuresTruncated).toBe(true);
    } finally {
      await monitor.close();
      await telemetry.shutdown();
    }
  });

  it('captures a baseline and reports drift of a shifted window with the quality engine state', async () => {
    const telemetry = createTestTelemetry();
    const monitor = monitorOn(poolAt(), telemetry, { features: ['shifting'] });
    try {
      const captured = await monitor.captureBaseline();
      expect(captured).toEqual([{ feature: 'shifting', count: 500, kept: 500, sampled: false }]);
      await monitor.runCycle();
      const same = monitor.snapshot()!.features.get('shifting')!.statistics!.drift!;
      // The window is the baseline itself: every rank bin holds N/B values.
      expect(same).toMatchObject({ chiSquare: 0, pValue: 1, state: 'ok', baselineCount: 500, count: 500, bins: 20 });
      expect(same.ksBinned).toBeCloseTo(0, 12);

      await admin.query(`UPDATE ${TABLE} SET value = value + 25 WHERE feature_name = 'shifting'`);
      await monitor.runCycle();
      const drift = monitor.snapshot()!.features.get('shifting')!.statistics!.drift!;
      expect(drift.state).toBe('drift');
      expect(drift.psi).toBeGreaterThan(0.2);
      expect(drift.pValue).toBeLessThan(1e-6);
      // Half the mass moved past the other half: the binned KS is 0.5 (exact KS in [0.5, 0.55]).
      expect(drift.ksBinned).toBeCloseTo(0.5, 9);
      const collected = await telemetry.collect();
      expect(pointsOf(collected, 'featurescope.drift.state', { 'featurescope.feature.name': 'shifting' })[0]!.value).toBe(2);
    } finally {
      await admin.query(`UPDATE ${TABLE} SET value = value - 25 WHERE feature_name = 'shifting'`);
      await monitor.close();
      await telemetry.shutdown();
    }
  });

  it('skips a tick while a cycle runs, and scheduled cycles never overlap', async () => {
    const telemetry = createTestTelemetry();
    const proxy = new TcpProxy(new URL(url).hostname, Number(new URL(url).port || 3306));
    await proxy.open();
    const lines: string[] = [];
    const monitor = monitorOn(poolAt(proxy.port), telemetry, { features: ['price', 'shifting'], intervalSeconds: 0.05, log: (l: string) => lines.push(l) });
    try {
      proxy.delayMs = 40; // every server reply is late: a cycle takes several intervals
      const first = monitor.runCycle();
      const second = await monitor.runCycle();
      expect(second).toEqual({ outcome: 'skipped', runningCycle: 1 });
      expect((await first).outcome).toBe('ok');

      monitor.start();
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          if ((monitor.snapshot()?.cycle ?? 0) >= 3) {
            clearInterval(poll);
            resolve();
          }
        }, 20);
      });
      await monitor.stop();
      const finished = lines.filter((l) => /^cycle \d+: /.test(l)).map((l) => Number(/^cycle (\d+)/.exec(l)![1]));
      expect(finished).toEqual(finished.map((_, i) => i + 1)); // each cycle ended before the next began
      expect(lines.some((l) => / skipped: cycle \d+ is still running/.test(l))).toBe(true);
      const skipped = pointsOf(await telemetry.collect(), 'featurescope.monitor.cycles', { 'featurescope.monitor.outcome': 'skipped' });
      expect(skipped[0]!.value as number).toBeGreaterThanOrEqual(2);
      expect(monitor.health().skippedCycles).toBe(skipped[0]!.value);
    } finally {
      await monitor.close();
      await proxy.close();
      await telemetry.shutdown();
    }
  });

  it('keeps running through a database outage, counts the errors and recovers on the next cycle', async () => {
    const telemetry = createTestTelemetry();
    const proxy = new TcpProxy(new URL(url).hostname, Number(new URL(url).port || 3306));
    await proxy.open();
    const lines: string[] = [];
    const monitor = monitorOn(poolAt(proxy.port), telemetry, { features: ['price'], log: (l: string) => lines.push(l) });
    try {
      expect((await monitor.runCycle()).outcome).toBe('ok');
      await proxy.close(); // the database is gone: sockets dropped, connections refused

      const down = await monitor.runCycle();
      expect(down.outcome).toBe('error');
      expect(monitor.health()).toMatchObject({ status: 'degraded', consecutiveFailedCycles: 1 });
      // The API keeps serving the last measurements.
      expect(monitor.snapshot()!.features.get('price')!.statistics!.mean).toBeCloseTo(50.5, 10);
      expect(lines.at(-1)).toMatch(/^cycle 2: 1 feature, .* error/);
      const errors = pointsOf(await telemetry.collect(), 'featurescope.monitor.errors');
      expect(errors.reduce((sum, p) => sum + (p.value as number), 0)).toBeGreaterThanOrEqual(1);

      await proxy.open(); // same port
      const up = await monitor.runCycle();
      expect(up.outcome).toBe('ok');
      expect(monitor.health()).toMatchObject({ status: 'ok', consecutiveFailedCycles: 0 });
      expect(monitor.snapshot()!.features.get('price')!.statistics!.cycle).toBe(3);
    } finally {
      await monitor.close();
      await proxy.close();
      await telemetry.shutdown();
    }
  });

  it('survives its connection being KILLed from another session', async () => {
    const telemetry = createTestTelemetry();
    const pool = poolAt();
    const monitor = monitorOn(pool, telemetry, { features: ['price'] });
    try {
      expect((await monitor.runCycle()).outcome).toBe('ok');
      const [rows] = await pool.query('SELECT CONNECTION_ID() AS id');
      await admin.query(`KILL ${(rows as { id: number }[])[0]!.id}`);
      const outcomes: string[] = [];
      for (let i = 0; i < 2; i++) outcomes.push((await monitor.runCycle()).outcome);
      // The killed connection may fail one cycle; the one after runs on a new connection.
      expect(outcomes[1]).toBe('ok');
      expect(monitor.snapshot()!.features.get('price')!.statistics!.count).toBe(100);
    } finally {
      await monitor.close();
      await telemetry.shutdown();
    }
  });
});
