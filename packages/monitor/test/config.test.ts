import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresStoreInspector, type PGliteLike } from '@featurescope/postgres';
import { createStoreMonitor, MonitorConfigError, parseDuration, parseMonitorConfig } from '../src/index.js';
import { readCliSettings } from '../src/cli/settings.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-monitor-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keyOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MonitorConfigError);
    return (error as MonitorConfigError).key;
  }
  throw new Error('expected a MonitorConfigError');
}

describe('monitor configuration', () => {
  it('parses durations with units', () => {
    expect([parseDuration('k', 30), parseDuration('k', '30s'), parseDuration('k', '500ms'), parseDuration('k', '5m'), parseDuration('k', '1h'), parseDuration('k', '7d')]).toEqual([
      30, 30, 0.5, 300, 3600, 604800,
    ]);
    expect(keyOf(() => parseDuration('interval', '5 minutes'))).toBe('interval');
    expect(keyOf(() => parseDuration('interval', -1))).toBe('interval');
  });

  it('reads a full config document', () => {
    const config = parseMonitorConfig({
      store: 'postgres://u@h/db',
      port: 9999,
      interval: '15s',
      window: '2h',
      table: 'public.features',
      columns: { feature: 'name' },
      features: ['a', { name: 'b', maxAge: '5m' }],
      drift: { warn: 0.05, drift: 0.3 },
      sampling: { maxRows: 1000, tiflash: true },
      baselines: { file: './b.json' },
    });
    expect(config).toEqual({
      store: 'postgres://u@h/db',
      port: 9999,
      options: {
        intervalSeconds: 15,
        windowSeconds: 7200,
        table: 'public.features',
        columns: { feature: 'name' },
        features: ['a', { name: 'b', maxAgeSeconds: 300 }],
        drift: { warn: 0.05, drift: 0.3 },
        sampling: { maxRows: 1000, tiflash: true },
        baselines: { file: './b.json' },
      },
    });
  });

  it('names the offending key', () => {
    expect(keyOf(() => parseMonitorConfig({ intervall: '30s' }))).toBe('intervall');
    expect(keyOf(() => parseMonitorConfig({ drift: { warm: 1 } }))).toBe('drift.warm');
    expect(keyOf(() => parseMonitorConfig({ features: ['a', { name: 'b', maxAge: 'soon' }] }))).toBe('features[1].maxAge');
    expect(keyOf(() => parseMonitorConfig({ port: 70000 }))).toBe('port');
    expect(keyOf(() => parseMonitorConfig({ baselines: { table: 't', file: 'f' } }))).toBe('baselines');
    const source = postgresStoreInspector({} as PGliteLike);
    expect(keyOf(() => createStoreMonitor({ source, table: 'x; DROP' }))).toBe('table');
    expect(keyOf(() => createStoreMonitor({ source, columns: { value: 'v-1' } }))).toBe('columns.value');
    expect(keyOf(() => createStoreMonitor({ source, features: ['ok', 'bad name'] }))).toBe('features[1].name');
    expect(keyOf(() => createStoreMonitor({ source, drift: { warn: 0.3, drift: 0.2 } }))).toBe('drift.drift');
    expect(keyOf(() => createStoreMonitor({ source, sampling: { tablesampleMethod: 'random' as 'system' } }))).toBe('sampling.tablesampleMethod');
  });

  it('merges flags over environment over the config file', async () => {
    const file = join(dir, 'featurescope.yaml');
    writeFileSync(file, 'store: mysql://root@127.0.0.1:3306/test\nport: 9000\ninterval: 1m\nwindow: 2h\n');
    const env = { FEATURESCOPE_MONITOR_CONFIG: file, FEATURESCOPE_MONITOR_PORT: '9100' };
    const fromEnv = await readCliSettings(['monitor'], env);
    expect(fromEnv).toMatchObject({ command: 'run', store: 'mysql://root@127.0.0.1:3306/test', port: 9100, options: { intervalSeconds: 60, windowSeconds: 7200 } });
    const fromFlags = await readCliSettings(['monitor', '--store', 'pglite://memory', '--port', '9200', '--interval', '5s'], {
      ...env,
      FEATURESCOPE_STORE_URL: 'postgres://x@y/z',
    });
    expect(fromFlags).toMatchObject({ store: 'pglite://memory', port: 9200, options: { intervalSeconds: 5 } });
    expect(await readCliSettings(['monitor', '--store', 'pglite://memory'], {})).toMatchObject({ port: 9470 });
    const capture = await readCliSettings(['monitor', 'baseline', 'capture', '--window', '30m', '--features', 'a, b'], { FEATURESCOPE_STORE_URL: 'pglite://memory' });
    expect(capture).toMatchObject({ command: 'baseline-capture', captureWindowSeconds: 1800, captureFeatures: ['a', 'b'] });
    await expect(readCliSettings(['monitor'], {})).rejects.toMatchObject({ key: '--store' });
    await expect(readCliSettings(['monitor', '--port', 'x', '--store', 'pglite://memory'], {})).rejects.toMatchObject({ key: '--port' });
    await expect(readCliSettings(['monitr'], {})).rejects.toMatchObject({ key: 'command' });
    writeFileSync(file, 'store: [unclosed\n');
    await expect(readCliSettings(['monitor'], env)).rejects.toMatchObject({ key: file });
  });
});
