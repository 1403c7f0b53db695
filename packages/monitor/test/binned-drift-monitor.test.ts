import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { binnedDrift, parseBaseline, profileColumns, RankBinner, writeBaselineFile, type BaselineDocument } from '@featurescope/quality';
import { createTestTelemetry, requireService } from '@featurescope/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStoreInspector } from '@featurescope/postgres';
import { createStoreMonitor, openMonitorSource, type StoreMonitor } from '../src/index.js';
import { pointsOf } from './helpers.js';

// The monitor's drift against the quality baseline artifact, counted in the database by rank bin
// (StoreInspector.driftBins), on PGlite, a real PostgreSQL server and MariaDB.
const SUFFIX = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const TABLE = `monitor_binned_${SUFFIX}`;
const MEAN = 1000;
const SIGMA = 10;

/** Seeded normal draws (mulberry32 + Box–Muller): the same rows on every backend and run. */
function normals(seed: number, n: number, mean: number, sigma: number): number[] {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () => mean + sigma * Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()));
}

interface Backend {
  readonly name: string;
  readonly nonFinite: boolean;
  open(): Promise<void>;
  /** Inserts rows of one feature written `agoSeconds` ago (null = NULL). */
  insert(feature: string, values: readonly (number | null)[], agoSeconds: number, prefix: string): Promise<void>;
  monitor(file: string, telemetry: ReturnType<typeof createTestTelemetry>, features: string[]): Promise<StoreMonitor>;
  close(): Promise<void>;
}

const DDL_PG = `CREATE TABLE ${TABLE} (entity_id text NOT NULL, feature_name text NOT NULL, value double precision, updated_at timestamptz NOT NULL, PRIMARY KEY (entity_id, feature_name))`;
const INSERT_PG = `INSERT INTO ${TABLE} SELECT e, $2, v, now() - make_interval(secs => $4) FROM unnest($1::text[], $3::float8[]) AS u(e, v)`;
const pgValue = (v: number | null): string | null => (v === null ? null : String(v));

function pgliteBackend(): Backend {
  let db: PGlite;
  return {
    name: 'PGlite',
    nonFinite: true,
    async open() {
      db = await PGlite.create();
      await db.exec(DDL_PG);
    },
    async insert(feature, values, ago, prefix) {
      await db.query(INSERT_PG, [values.map((_, i) => `${prefix}${i}`), feature, values.map(pgValue), ago]);
    },
    monitor: (file, telemetry, features) =>
      Promise.resolve(createStoreMonitor({ source: postgresStoreInspector(db), table: TABLE, features, baselines: { file }, meterProvider: telemetry.meterProvider })),
    close: () => db.close(),
  };
}

function postgresBackend(): Backend {
  let pool: import('pg').Pool;
  let url: string;
  return {
    name: 'PostgreSQL',
    nonFinite: true,
    async open() {
      url = await requireService('postgres');
      const { Pool } = (await import('pg')).default;
      pool = new Pool({ connectionString: url, max: 1 });
      await pool.query(DDL_PG);
    },
    async insert(feature, values, ago, prefix) {
      await pool.query(INSERT_PG, [values.map((_, i) => `${prefix}${i}`), feature, values.map(pgValue), ago]);
    },
    monitor: async (file, telemetry, features) =>
      createStoreMonitor({ source: await openMonitorSource(url), table: TABLE, features, baselines: { file }, meterProvider: telemetry.meterProvider }),
    async close() {
      await pool.query(`DROP TABLE IF EXISTS ${TABLE}`);
      await pool.end();
    },
  };
}

function mariadbBackend(): Backend {
  let pool: import('mysql2/promise').Pool;
  let url: string;
  return {
    name: 'MariaDB',
    nonFinite: false, // DOUBLE cannot hold NaN or ±Infinity
    async open() {
      url = await requireService('mysql');
      pool = (await import('mysql2/promise')).createPool({ uri: url, connectionLimit: 1 });
      await pool.query(
        `CREATE TABLE ${TABLE} (entity_id VARCHAR(255) NOT NULL, feature_name VARCHAR(255) NOT NULL, value DOUBLE NULL, updated_at DATETIME(6) NOT NULL, PRIMARY KEY (entity_id, feature_name))`,
      );
    },
    async insert(feature, values, ago, prefix) {
      for (let start = 0; start < values.length; start += 500) {
        const chunk = values.slice(start, start + 500);
        const tuples = chunk.map(() => '(?, ?, ?, UTC_TIMESTAMP(6) - INTERVAL ? MICROSECOND)').join(', ');
        await pool.query(`INSERT INTO ${TABLE} VALUES ${tuples}`, chunk.flatMap((v, i) => [`${prefix}${start + i}`, feature, v, Math.round(ago * 1e6)]));
      }
    },
    monitor: async (file, telemetry, features) =>
      createStoreMonitor({ source: await openMonitorSource(url), table: TABLE, features, baselines: { file }, meterProvider: telemetry.meterProvider }),
    async close() {
      await pool.query(`DROP TABLE IF EXISTS ${TABLE}`);
      await pool.end();
    },
  };
}

let dir: string;
let file: string;
let baseline: BaselineDocument;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-monitor-binned-'));
  file = join(dir, 'baseline.json');
  const reference = normals(1, 10_000, MEAN, SIGMA);
  baseline = profileColumns(new Map(['stable', 'small', 'shifted', 'dirty'].map((f) => [f, reference])), TABLE);
  await writeBaselineFile(file, baseline);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([pgliteBackend(), postgresBackend(), mariadbBackend()])('monitor drift on the quality baseline rank bins ($name)', { timeout: 120_000 }, (backend) => {
  beforeAll(() => backend.open());
  afterAll(() => backend.close());

  it('stable windows are ok (n = 1000) or insufficient (n = 30), a 0.5σ shift at 1000 is drift, non-finite rows are counted apart; the bins are exported', async () => {
    const stable = normals(2, 1000, MEAN, SIGMA);
    await backend.insert('stable', stable, 30, 's');
    await backend.insert('small', normals(3, 30, MEAN, SIGMA), 30, 'm');
    await backend.insert('shifted', normals(4, 1000, MEAN + 0.5 * SIGMA, SIGMA), 30, 'x');
    const dirty: (number | null)[] = [...normals(5, 1000, MEAN, SIGMA), null];
    if (backend.nonFinite) dirty.push(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
    await backend.insert('dirty', dirty, 30, 'd');

    const telemetry = createTestTelemetry();
    const monitor = await backend.monitor(file, telemetry, ['stable', 'small', 'shifted', 'dirty']);
    try {
      const outcome = await monitor.runCycle();
      expect(outcome.outcome === 'skipped' ? [] : outcome.snapshot.errors).toEqual([]);
      const drift = (name: string) => monitor.snapshot()!.features.get(name)!.statistics!.drift!;
      expect(drift('stable')).toMatchObject({ state: 'ok', count: 1000, bins: 20, baselineCount: 10_000, baselineId: baseline.id });
      expect(drift('small')).toMatchObject({ state: 'insufficient', count: 30 });
      expect(drift('shifted').state).toBe('drift');
      expect(drift('shifted').pValue).toBeLessThan(0.01);
      expect(drift('shifted').psi).toBeGreaterThanOrEqual(0.1);
      expect(drift('dirty')).toMatchObject({ state: 'ok', count: 1000, nulls: 1, nonFinite: backend.nonFinite ? 3 : 0 });
      // The API's histogram: the 20 rank bins with value edges (outer ones open) and N/B baseline values each.
      const bins = monitor.snapshot()!.features.get('stable')!.statistics!.histogram;
      expect(bins.length).toBe(20);
      expect(bins[0]!.lower).toBe(Number.NEGATIVE_INFINITY);
      expect(bins[19]!.upper).toBe(Number.POSITIVE_INFINITY);
      expect(bins.every((b) => b.baselineCount === 500)).toBe(true);

      let collected = await telemetry.collect();
      const binPoints = (feature: string) => pointsOf(collected, 'featurescope.drift.bin.values', { 'featurescope.feature.name': feature, 'featurescope.source': 'monitor' });
      const shifted = binPoints('shifted');
      expect(shifted.length).toBe(20);
      expect(shifted.map((p) => p.attributes['featurescope.drift.bin']).sort()).toEqual(Array.from({ length: 20 }, (_, i) => String(i).padStart(2, '0')));
      expect(shifted.every((p) => p.attributes['featurescope.baseline.id'] === baseline.id && p.attributes['db.collection.name'] === TABLE)).toBe(true);
      expect(shifted.reduce((a, p) => a + (p.value as number), 0)).toBe(1000);
      expect(binPoints('dirty').reduce((a, p) => a + (p.value as number), 0)).toBe(1000);
      expect(pointsOf(collected, 'featurescope.baseline.values', { 'featurescope.feature.name': 'shifted' }).map((p) => p.value)).toEqual([10_000]);
      // The same bins as the engine: its RankBinner on the same values gives the exported counts,
      // and binnedDrift on them the monitor's statistics.
      const binner = new RankBinner(parseBaseline(baseline).features.find((f) => f.feature === 'stable')!.cdf, 20);
      const expected = new Array<number>(20).fill(0);
      for (const v of stable) expected[binner.binOf(v)]! += 1;
      const exported = new Array<number>(20).fill(0);
      for (const p of binPoints('stable')) exported[Number(p.attributes['featurescope.drift.bin'])] = p.value as number;
      expect(exported).toEqual(expected);
      const reference = binnedDrift(expected, 10_000);
      expect(drift('stable').psi).toBeCloseTo(reference.psi, 12);
      expect(drift('stable').pValue).toBeCloseTo(reference.chiSquarePValue, 12);

      // Cumulative over non-overlapping windows: the next cycle adds only the rows written since.
      await backend.insert('shifted', normals(6, 100, MEAN + 0.5 * SIGMA, SIGMA), 0, 'y');
      await monitor.runCycle();
      collected = await telemetry.collect();
      expect(binPoints('shifted').reduce((a, p) => a + (p.value as number), 0)).toBe(1100);
      expect(binPoints('stable').reduce((a, p) => a + (p.value as number), 0)).toBe(1000);
      expect(drift('shifted').count).toBe(1100);
    } finally {
      await monitor.close();
      await telemetry.shutdown();
    }
  });
});
