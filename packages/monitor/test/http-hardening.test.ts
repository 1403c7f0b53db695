import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requireService } from '@featurescope/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MONITOR_HOST, createMonitorServer, createStoreMonitor, openMonitorSource, type StoreMonitor } from '../src/index.js';
import { readCliSettings } from '../src/cli/settings.js';

// Issue 13, monitor HTTP hardening: a real MariaDB refuses an unknown user, whose name, host and
// port the driver's message carries; /healthz must not pass them on.
describe('monitor HTTP API hardening', { timeout: 60_000 }, () => {
  const user = `fs_probe_${process.pid}`;
  let monitor: StoreMonitor;
  let server: Server;
  let base: string;
  let port: string;

  beforeAll(async () => {
    const url = new URL(await requireService('mysql'));
    port = url.port || '3306';
    const source = await openMonitorSource(`mysql://${user}:wrong@${url.hostname}:${port}/test`);
    monitor = createStoreMonitor({ source, table: 'feature_values', log: () => undefined });
    await monitor.runCycle();
    server = createMonitorServer(monitor);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await monitor?.close();
  });

  it('/healthz names the failed check and error type, not the database user, host or port', async () => {
    const response = await fetch(`${base}/healthz`);
    const text = await response.text();
    expect(response.status).toBe(503);
    const body = JSON.parse(text) as { lastErrors: { check: string; type: string }[] };
    expect(body.lastErrors.length).toBeGreaterThan(0);
    expect(body.lastErrors[0]!.type).toMatch(/^[A-Z_]+$/);
    for (const secret of [user, `:${port}`, '127.0.0.1', 'localhost']) expect(text).not.toContain(secret);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('404 bodies do not echo the path; every reply says nosniff', async () => {
    const canary = 'probe-<script>alert(1)</script>-7f3a';
    const response = await fetch(`${base}/${encodeURIComponent(canary)}`);
    const text = await response.text();
    expect(response.status).toBe(404);
    expect(text).not.toContain('probe');
    expect(text).not.toContain('script');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the CLI binds the API to loopback unless told otherwise', async () => {
    expect(DEFAULT_MONITOR_HOST).toBe('127.0.0.1');
    expect((await readCliSettings(['monitor', '--store', 'pglite://memory'], {})).host).toBe('127.0.0.1');
    expect((await readCliSettings(['monitor', '--store', 'pglite://memory', '--host', '0.0.0.0'], {})).host).toBe('0.0.0.0');
    expect((await readCliSettings(['monitor', '--store', 'pglite://memory'], { FEATURESCOPE_MONITOR_HOST: '::' })).host).toBe('::');
  });
});
