import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/index.js';

const TABLE = 'monitor_test_cli_fv';
// startTelemetry reads process.env: no SDK (and no Prometheus port) inside the test worker.
process.env.OTEL_SDK_DISABLED = 'true';
const dir = mkdtempSync(join(tmpdir(), 'fs-monitor-cli-'));
const dataDir = join(dir, 'pgdata');
const store = `pglite://${dataDir}`;

function captureIo(): { out: string[]; err: string[]; io: { out(l: string): void; err(l: string): void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

beforeAll(async () => {
  const db = await PGlite.create(dataDir);
  await db.exec(
    `CREATE TABLE ${TABLE} (entity_id text NOT NULL, feature_name text NOT NULL, value double precision, updated_at timestamptz(6) NOT NULL, ` +
      `PRIMARY KEY (entity_id, feature_name)); CREATE INDEX ON ${TABLE} (feature_name, updated_at DESC);` +
      `INSERT INTO ${TABLE} SELECT 'e' || i, 'clicks', i, now() - make_interval(secs => 30 + i) FROM generate_series(1, 40) AS i;`,
  );
  await db.close();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('featurescope CLI', { timeout: 60_000 }, () => {
  it('prints usage and refuses bad configuration with the key and exit code 2', async () => {
    const help = captureIo();
    expect(await runCli(['--help'], {}, help.io)).toBe(0);
    expect(help.out.join('\n')).toMatch(/featurescope monitor \[--store <url>\]/);
    const bad = captureIo();
    expect(await runCli(['monitor', '--store', store, '--interval', 'often'], {}, bad.io)).toBe(2);
    expect(bad.err[0]).toBe('featurescope: Invalid monitor configuration at --interval: must be a positive duration such as 30, "30s", "500ms", "5m", "1h" or "7d", got "often"');
    const scheme = captureIo();
    expect(await runCli(['monitor', '--store', 'redis://localhost'], {}, scheme.io)).toBe(2);
    expect(scheme.err[0]).toMatch(/at store: must start with mysql:\/\//);
    const cors = captureIo();
    expect(await runCli(['monitor', '--store', store, '--cors-origins', 'https://ok.example,*'], {}, cors.io)).toBe(2);
    expect(cors.err[0]).toMatch(/at --cors-origins\[1\]: must be an origin/);
  });

  it('captures baselines into a file and then serves stats and drift over HTTP', async () => {
    const env = { FEATURESCOPE_STORE_URL: store, OTEL_SDK_DISABLED: 'true' };
    const baselineFile = join(dir, 'baselines.json');
    const yaml = join(dir, 'featurescope.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(yaml, `table: ${TABLE}\nwindow: 1h\nmaxAge: 10m\nbaselines:\n  file: ${baselineFile}\ndrift:\n  minCount: 10\n`);

    const capture = captureIo();
    expect(await runCli(['monitor', 'baseline', 'capture', '--config', yaml], env, capture.io)).toBe(0);
    expect(capture.out).toEqual(['baseline clicks: 40 values in the window, 40 kept', `captured 1 baseline from pglite ${dataDir}`]);

    const run = captureIo();
    const abort = new AbortController();
    const exit = runCli(['monitor', '--config', yaml, '--port', '0', '--interval', '1h', '--cors-origins', 'http://wiki.example.com'], env, run.io, abort.signal);
    const port = await new Promise<number>((resolve, reject) => {
      const poll = setInterval(() => {
        const started = run.out.find((l) => / API on 127\.0\.0\.1:\d+/.test(l)); // loopback by default
        const cycled = run.out.some((l) => / cycle 1: /.test(l));
        if (started !== undefined && cycled) {
          clearInterval(poll);
          resolve(Number(/ API on 127\.0\.0\.1:(\d+)/.exec(started)![1]));
        }
        if (run.err.length > 0) reject(new Error(run.err.join('\n')));
      }, 25);
    });
    try {
      expect(run.out.find((l) => / cycle 1: /.test(l))).toMatch(/cycle 1: 1 feature, 0 stale, 0 drifting, \d+ ms$/);
      const stats = (await (await fetch(`http://127.0.0.1:${port}/api/v1/features/clicks/stats`)).json()) as Record<string, unknown>;
      expect(stats).toMatchObject({ name: 'clicks', count: 40, p50: 20.5, min: 1, max: 40, stale: false, hasBaseline: true, drift: { state: 'ok', psi: 0 } });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      // The panel the log line points at, and the CORS allow-list from the flag.
      expect(run.out.find((l) => / API on 127\.0\.0\.1:\d+/.test(l))).toContain(`panel on http://127.0.0.1:${port}/`);
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('<feature-monitor-overview>');
      const cors = await fetch(`http://127.0.0.1:${port}/api/v1/features`, { headers: { origin: 'http://wiki.example.com' } });
      expect(cors.headers.get('access-control-allow-origin')).toBe('http://wiki.example.com');
    } finally {
      abort.abort();
    }
    expect(await exit).toBe(0);
    expect(run.out.at(-1)).toMatch(/ stopping$/);
  });
});
