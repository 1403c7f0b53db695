import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createStoreMonitor, type StoreMonitor } from '@featurescope/monitor';
import { postgresStoreInspector } from '@featurescope/postgres';
import { profileColumns } from '@featurescope/quality';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMETHEUS_DIR } from './support/paths.js';
import { PrometheusServer } from './support/prometheus-server.js';

// The store monitor's in-database rank bins reach the shipped fleet rules: a real Prometheus scrapes
// the monitor's /metrics and its recording rules give, for featurescope_source="monitor", the
// statistics and state the monitor computed itself.
const TABLE = 'fleet_monitor_fv';

/** Seeded normal draws (mulberry32 + Box–Muller). */
function normals(seed: number, n: number, mean: number): number[] {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () => mean + Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()));
}

let dir: string;
let db: PGlite;
let monitor: StoreMonitor;
let provider: MeterProvider;
let server: Server;
let prometheus: PrometheusServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-monitor-fleet-'));
  const file = join(dir, 'baseline.json');
  const reference = normals(1, 10_000, 0);
  writeFileSync(file, JSON.stringify(profileColumns(new Map([['stable', reference], ['shifted', reference]]), TABLE)));
  db = await PGlite.create();
  await db.exec(`CREATE TABLE ${TABLE} (entity_id text NOT NULL, feature_name text NOT NULL, value double precision, updated_at timestamptz NOT NULL, PRIMARY KEY (entity_id, feature_name))`);
  for (const [feature, seed, mean] of [['stable', 2, 0], ['shifted', 3, 0.5]] as const) {
    const values = normals(seed, 1000, mean);
    await db.query(`INSERT INTO ${TABLE} SELECT 'e' || i, $1, v, now() - interval '10 seconds' FROM unnest($2::float8[]) WITH ORDINALITY AS u(v, i)`, [feature, values]);
  }
  const exporter = new PrometheusExporter({ preventServerStart: true });
  provider = new MeterProvider({ readers: [exporter] });
  monitor = createStoreMonitor({ source: postgresStoreInspector(db), table: TABLE, baselines: { file }, meterProvider: provider });
  server = createServer((req, res) => exporter.getMetricsRequestHandler(req, res));
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const outcome = await monitor.runCycle();
  expect(outcome.outcome).toBe('ok');
  prometheus = await PrometheusServer.start(
    {
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: ['featurescope-drift.yml'],
      scrape_configs: [{ job_name: 'monitor', static_configs: [{ targets: [`127.0.0.1:${(server.address() as AddressInfo).port}`] }] }],
    },
    { 'featurescope-drift.yml': readFileSync(join(PROMETHEUS_DIR, 'rules', 'featurescope-drift.yml'), 'utf8') },
  );
  await prometheus.waitFor('featurescope:drift_state:total{featurescope_source="monitor"}', (s) => s.length === 2, 60_000);
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
  server?.close();
  await monitor?.close();
  await provider?.shutdown();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe('store monitor drift through a real Prometheus with the shipped rules', () => {
  for (const feature of ['stable', 'shifted']) {
    it(`${feature}: the rules' PSI, chi-square, binned KS and state equal the monitor's own`, async () => {
      const own = monitor.snapshot()!.features.get(feature)!.statistics!.drift!;
      const sel = `{featurescope_source="monitor", featurescope_feature_name="${feature}"}`;
      expect(await prometheus.value(`featurescope:drift_values:total${sel}`)).toBe(1000);
      expect(await prometheus.value(`featurescope:drift_bins:total${sel}`)).toBe(20);
      expect(await prometheus.value(`featurescope:drift_baseline_values:total${sel}`)).toBe(10_000);
      close(await prometheus.value(`featurescope:drift_psi:total${sel}`), own.psi);
      close(await prometheus.value(`featurescope:drift_chi_square:total${sel}`), own.chiSquare);
      close(await prometheus.value(`featurescope:drift_ks_binned:total${sel}`), own.ksBinned);
      const state = await prometheus.value(`featurescope:drift_state:total${sel}`);
      expect(state).toBe(feature === 'shifted' ? 2 : 0);
      expect(own.state).toBe(feature === 'shifted' ? 'drift' : 'ok');
    });
  }
});
