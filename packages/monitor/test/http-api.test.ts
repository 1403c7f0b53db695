import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresStoreInspector } from '@featurescope/postgres';
import { createMonitorServer, createStoreMonitor, type StoreMonitor } from '../src/index.js';

const TABLE = 'monitor_test_http_fv';
let db: PGlite;
let monitor: StoreMonitor;
let server: Server;
let base: string;

async function get(path: string, method = 'GET'): Promise<{ status: number; body: Record<string, unknown>; text: string; allow: string | null }> {
  const response = await fetch(`${base}${path}`, { method });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text, allow: response.headers.get('allow') };
}

beforeAll(async () => {
  db = await PGlite.create();
  await db.exec(
    `CREATE TABLE ${TABLE} (entity_id text NOT NULL, feature_name text NOT NULL, value double precision, updated_at timestamptz(6) NOT NULL, ` +
      `PRIMARY KEY (entity_id, feature_name)); CREATE INDEX ON ${TABLE} (feature_name, updated_at DESC);` +
      `INSERT INTO ${TABLE} SELECT 'e' || i, 'amount', i, now() - make_interval(secs => i) FROM generate_series(1, 10) AS i;`,
  );
  monitor = createStoreMonitor({ source: postgresStoreInspector(db), table: TABLE, histogramBins: 3, maxAgeSeconds: 600 });
  server = createMonitorServer(monitor);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000); // PGlite start-up takes seconds on a loaded machine

afterAll(async () => {
  server?.close();
  await monitor?.close();
  await db?.close();
});

describe('monitor HTTP API', { timeout: 30_000 }, () => {
  it('answers 503 until the first cycle has finished', async () => {
    expect(await get('/api/v1/features')).toMatchObject({ status: 503, body: { error: 'not_ready' } });
    expect(await get('/healthz')).toMatchObject({ status: 503, body: { status: 'starting', cycles: 0 } });
  });

  it('serves the feature list, stats and histogram of the last cycle', async () => {
    await monitor.runCycle();
    const health = await get('/healthz');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', cycles: 1, consecutiveFailedCycles: 0, lastErrors: [] } });

    const list = await get('/api/v1/features');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ cycle: 1, table: TABLE, system: 'postgresql', featuresTruncated: false });
    expect(list.body.features).toEqual([{ name: 'amount', stalenessSeconds: expect.any(Number), stale: false, updatedRows: 10, count: 10, driftState: null, hasBaseline: false }]);

    const stats = await get('/api/v1/features/amount/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      name: 'amount', cycle: 1, count: 10, rows: 10, min: 1, max: 10, p25: 3.25, p50: 5.5, p75: 7.75, nullRatio: 0,
      stale: false, drift: null, sampling: { sampled: false, method: 'none', values: 10 },
    });
    expect(stats.body.mean).toBeCloseTo(5.5, 12);
    expect(stats.body.std).toBeCloseTo(Math.sqrt(8.25), 12);
    expect(stats.body.stalenessSeconds as number).toBeGreaterThanOrEqual(1);

    const histogram = await get('/api/v1/features/amount/histogram');
    expect(histogram.status).toBe(200);
    expect(histogram.body).toMatchObject({ name: 'amount', count: 10, total: 10, baselineTotal: null, hasBaseline: false });
    expect(histogram.body.bins).toEqual([
      { lower: 1, upper: 4, count: 3, share: 0.3, baselineCount: null, baselineShare: null },
      { lower: 4, upper: 7, count: 3, share: 0.3, baselineCount: null, baselineShare: null },
      { lower: 7, upper: 10, count: 4, share: 0.4, baselineCount: null, baselineShare: null },
    ]);
  });

  it('serves the same bodies until the next cycle, never querying per request', async () => {
    const before = await get('/api/v1/features/amount/stats');
    await db.query(`INSERT INTO ${TABLE} SELECT 'x' || i, 'amount', 100, now() FROM generate_series(1, 5) AS i`);
    expect((await get('/api/v1/features/amount/stats')).text).toBe(before.text);
    await monitor.runCycle();
    const after = await get('/api/v1/features/amount/stats');
    expect(after.body).toMatchObject({ cycle: after.body.cycle, count: 15, max: 100 });
    expect(after.text).not.toBe(before.text);
  });

  it('answers 404, 400 and 405 with JSON {error, message} and no stack', async () => {
    const cases: [string, string, number, string][] = [
      ['/api/v1/features/nope/stats', 'GET', 404, 'not_found'],
      ['/api/v1/features/amount/whatever', 'GET', 404, 'not_found'],
      ['/nothing', 'GET', 404, 'not_found'],
      ['/api/v1/features/bad%20name/stats', 'GET', 400, 'bad_request'],
      ['/api/v1/features/%E0%A4%A/stats', 'GET', 400, 'bad_request'],
      ['/api/v1/features/x%2Fy/histogram', 'GET', 400, 'bad_request'],
      ['/api/v1/features/amount/stats', 'POST', 405, 'method_not_allowed'],
      ['/api/v1/features', 'DELETE', 405, 'method_not_allowed'],
      ['/healthz', 'PUT', 405, 'method_not_allowed'],
    ];
    for (const [path, method, status, error] of cases) {
      const reply = await get(path, method);
      expect({ path, status: reply.status, error: reply.body.error }).toEqual({ path, status, error });
      expect(Object.keys(reply.body).sort()).toEqual(['error', 'message']);
      expect(reply.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
      if (status === 405) expect(reply.allow).toBe('GET, HEAD');
    }
  });
});
