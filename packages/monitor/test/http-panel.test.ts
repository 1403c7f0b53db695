import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PANEL_BUNDLE_PATH } from '@featurescope/panel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { postgresStoreInspector } from '@featurescope/postgres';
import { createMonitorServer, createStoreMonitor, MonitorConfigError, parseMonitorConfig, type StoreMonitor } from '../src/index.js';

const TABLE = `monitor_test_panel_${process.pid}`;
let db: PGlite;
let dir: string;
let monitor: StoreMonitor;
let server: Server;
let base: string;

/** Reads Server-Sent Events from a real HTTP stream; `next(event)` waits for the next one of that type. */
async function openEvents(url: string): Promise<{ next(type: string): Promise<{ id?: string; data: Record<string, unknown> }>; close(): void; raw(): string }> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal });
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let all = '';
  const queue: { type: string; id?: string; data: Record<string, unknown> }[] = [];
  const pump = async (): Promise<void> => {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended');
    const text = decoder.decode(value, { stream: true });
    buffer += text;
    all += text;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
      if (fields.data !== undefined) queue.push({ type: fields.event ?? 'message', ...(fields.id === undefined ? {} : { id: fields.id }), data: JSON.parse(fields.data) });
    }
  };
  return {
    async next(type) {
      for (;;) {
        const index = queue.findIndex((e) => e.type === type);
        if (index >= 0) return queue.splice(index, 1)[0]!;
        await pump();
      }
    },
    close: () => abort.abort(),
    raw: () => all,
  };
}

interface HistogramBody {
  readonly total: number;
  readonly bins: readonly { lower: number | null; upper: number | null; count: number; share: number; baselineCount: number; baselineShare: number }[];
}
interface HistoryBody {
  readonly points: readonly { cycle: number; driftState: string; nullRatio: number; psi: number; pValue: number }[];
}
interface StatsBody {
  readonly drift: { psi: number; pValue: number };
}

async function insert(prefix: string, values: number[]): Promise<void> {
  await db.query(`INSERT INTO ${TABLE} SELECT $1 || i, 'amount', v, now() FROM unnest($2::float8[]) WITH ORDINALITY AS u(v, i)`, [prefix, values]);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-monitor-panel-'));
  db = await PGlite.create();
  await db.exec(
    `CREATE TABLE ${TABLE} (entity_id text NOT NULL, feature_name text NOT NULL, value double precision, updated_at timestamptz(6) NOT NULL, ` +
      `PRIMARY KEY (entity_id, feature_name)); CREATE INDEX ON ${TABLE} (feature_name, updated_at DESC);`,
  );
  await insert('b', Array.from({ length: 200 }, (_, i) => i / 10)); // 0 … 19.9
  monitor = createStoreMonitor({ source: postgresStoreInspector(db), table: TABLE, histogramBins: 4, baselines: { file: join(dir, 'baselines.json') } });
  await monitor.captureBaseline();
  server = createMonitorServer(monitor, { corsOrigins: ['http://dash.example.com'] });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  server?.close();
  await monitor?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('monitor HTTP API for the panel', { timeout: 60_000 }, () => {
  it('streams one cycle event per cycle and a state event when the drift state changes', async () => {
    const events = await openEvents(`${base}/api/v1/events`);
    try {
      await monitor.runCycle();
      const first = await events.next('cycle');
      expect(first).toMatchObject({ id: '1', data: { cycle: 1, status: 'ok', features: 1, drifting: 0, stale: 0 } });
      expect(events.raw()).toMatch(/^retry: 2000\n\n/);
      await db.query(`DELETE FROM ${TABLE}`);
      await insert('s', Array.from({ length: 200 }, (_, i) => 15 + i / 10)); // shifted by 15
      await monitor.runCycle();
      const change = await events.next('state');
      expect(change.data).toEqual({ cycle: 2, name: 'amount', kind: 'drift', from: 'ok', to: 'drift' });
      expect((await events.next('cycle')).data).toMatchObject({ cycle: 2, drifting: 1 });
    } finally {
      events.close();
    }
    // A new stream hears the last cycle at once.
    const late = await openEvents(`${base}/api/v1/events`);
    expect((await late.next('cycle')).data).toMatchObject({ cycle: 2 });
    late.close();
  });

  it('serves histogram bins with their baseline counterpart, the history and the overview', async () => {
    const histogram = (await (await fetch(`${base}/api/v1/features/amount/histogram`)).json()) as HistogramBody;
    expect(histogram).toMatchObject({ total: 200, baselineTotal: 200, hasBaseline: true });
    // The baseline's 20 rank bins (equal baseline mass: 10 of its 200 values each, outer edges open);
    // the window 15 … 34.9 lands in the top quarter (its values equal to a baseline edge ranked
    // inside the edge's CDF jump) and above the baseline's largest value, in the last bin.
    expect(histogram.bins.length).toBe(20);
    expect(histogram.bins.every((b) => b.baselineCount === 10)).toBe(true);
    expect(histogram.bins.slice(0, 14).every((b) => b.count === 0)).toBe(true);
    expect(histogram.bins[19]!.count).toBeGreaterThanOrEqual(150);
    expect([histogram.bins[0]!.lower, histogram.bins[19]!.upper]).toEqual([null, null]);
    histogram.bins.slice(1).forEach((b, k) => expect(b.lower).toBe(histogram.bins[k]!.upper));
    for (const b of histogram.bins) {
      expect(b.share).toBeCloseTo(b.count / 200, 15);
      expect(b.baselineShare).toBeCloseTo(b.baselineCount / 200, 15);
    }
    const history = (await (await fetch(`${base}/api/v1/features/amount/history`)).json()) as HistoryBody;
    expect(history.points.map((p) => [p.cycle, p.driftState, p.nullRatio])).toEqual([
      [1, 'ok', 0],
      [2, 'drift', 0],
    ]);
    expect(history.points[1]!.psi).toBeGreaterThan(1);
    const stats = (await (await fetch(`${base}/api/v1/features/amount/stats`)).json()) as StatsBody;
    expect(history.points[1]!.psi).toBe(stats.drift.psi);
    expect(history.points[1]!.pValue).toBe(stats.drift.pValue);
    const overview = (await (await fetch(`${base}/api/v1/overview`)).json()) as { features: unknown[] };
    expect(overview.features).toEqual([
      {
        name: 'amount', driftState: 'drift', psi: stats.drift.psi, pValue: stats.drift.pValue, stale: false, stalenessSeconds: expect.any(Number),
        count: 200, nullRatio: 0, hasBaseline: true, shares: histogram.bins.map((b) => b.share), baselineShares: histogram.bins.map(() => 0.05),
      },
    ]);
  });

  it('answers CORS only for allow-listed origins', async () => {
    const allowed = await fetch(`${base}/api/v1/features`, { headers: { origin: 'http://dash.example.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://dash.example.com');
    expect(allowed.headers.get('vary')).toBe('Origin');
    const other = await fetch(`${base}/api/v1/features`, { headers: { origin: 'http://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${base}/api/v1/events`, { method: 'OPTIONS', headers: { origin: 'http://dash.example.com', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
    const refused = await fetch(`${base}/api/v1/events`, { method: 'OPTIONS', headers: { origin: 'http://evil.example.com' } });
    expect([refused.status, refused.headers.get('access-control-allow-origin')]).toEqual([405, null]);

    // Off by default: no CORS header for any origin.
    const plain = createMonitorServer(monitor);
    plain.listen(0, '127.0.0.1');
    await once(plain, 'listening');
    const reply = await fetch(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/api/v1/features`, { headers: { origin: 'http://dash.example.com' } });
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    plain.close();
    expect(() => createMonitorServer(monitor, { corsOrigins: ['*'] })).toThrow(MonitorConfigError);
    expect(() => createMonitorServer(monitor, { corsOrigins: ['http://ok.example', 'https://x.example/path'] })).toThrow(/corsOrigins\[1\]/);
  });

  it('reads corsOrigins from the README config example and refuses a bad one by key', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = /## Config file[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(parseMonitorConfig(parse(example)).corsOrigins).toEqual(['https://wiki.example.com']);
    expect(() => parseMonitorConfig({ corsOrigins: ['https://ok.example', 'ftp://x'] })).toThrow(/corsOrigins\[1\]/);
  });

  it('serves the overview page and the panel bundle', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="/panel.js"></script>');
    expect(html).toContain('<feature-monitor-overview></feature-monitor-overview>');
    const bundle = await fetch(`${base}/panel.js`);
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await bundle.text()).toBe(readFileSync(PANEL_BUNDLE_PATH, 'utf8'));
    const etag = bundle.headers.get('etag')!;
    expect((await fetch(`${base}/panel.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('ends open event streams when the server closes', async () => {
    const extra = createMonitorServer(monitor);
    extra.listen(0, '127.0.0.1');
    await once(extra, 'listening');
    const events = await openEvents(`http://127.0.0.1:${(extra.address() as AddressInfo).port}/api/v1/events`);
    await events.next('cycle');
    const closed = new Promise<void>((resolve) => extra.close(() => resolve()));
    await expect(events.next('cycle')).rejects.toThrow('stream ended');
    await closed;
  });
});
