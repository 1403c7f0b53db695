import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requireService } from '@featurescope/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, commandOf, readmeBlocks } from './readme-blocks.js';

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * "Add it to an existing service", as a new user runs it: the README's install line (with the
 * featurescope packages taken from their packed tarballs), its server.mjs, its start command —
 * against MariaDB, in a scratch app outside the monorepo.
 */
describe('README: add it to an existing service', () => {
  const blocks = readmeBlocks();
  let app: string;

  beforeAll(async () => {
    app = mkdtempSync(join(tmpdir(), 'featurescope-readme-'));
    const { packPackages } = (await import(join(REPO_ROOT, 'scripts/lib/pack-packages.mjs'))) as {
      packPackages: (destination: string) => { name: string; tarball: string; manifest: { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> } }[];
    };
    const packed = packPackages(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'readme-app', private: true }));

    const install = commandOf(blocks.get('install') ?? '').split(/\s+/);
    expect(install.slice(0, 2)).toEqual(['npm', 'install']);
    const named = install.slice(2);
    for (const name of named.filter((arg) => arg.startsWith('@featurescope/'))) {
      expect(packed.map((p) => p.name), `${name} is a published package`).toContain(name);
    }
    // The named packages' tarballs and those of the featurescope packages they depend on, so their
    // dependencies on each other resolve locally too (what a registry install would bring).
    const byName = new Map(packed.map((p) => [p.name, p]));
    const needed = new Set<string>();
    const visit = (name: string): void => {
      const pkg = byName.get(name);
      if (pkg === undefined || needed.has(name)) return;
      needed.add(name);
      for (const dep of Object.keys({ ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies })) if (dep.startsWith('@featurescope/')) visit(dep);
    };
    named.filter((arg) => arg.startsWith('@featurescope/')).forEach(visit);
    const args = [...named.filter((arg) => !arg.startsWith('@featurescope/')), ...[...needed].map((name) => byName.get(name)!.tarball)];
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...args], { cwd: app, timeout: 240_000 });
  }, 300_000);

  it('runs as written against MariaDB and exits by itself', async () => {
    const url = await requireService('mysql');
    writeFileSync(join(app, 'server.mjs'), blocks.get('server.mjs') ?? '');
    const start = commandOf(blocks.get('start') ?? '');
    expect(start).toContain('server.mjs');
    const metricsPort = await freePort();
    const { stdout, stderr } = await run('sh', ['-c', start], {
      cwd: app,
      timeout: 60_000,
      env: { ...process.env, FEATURE_DB_URL: url, OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort) },
    });
    expect(stderr).not.toMatch(/error|warn/i);
    expect(stdout).toContain('u42 amount_avg_7d = 82');
    const baseline = JSON.parse(readFileSync(join(app, 'baseline.json'), 'utf8')) as { id: string; features: { feature: string; count: number }[] };
    expect(baseline.id).toMatch(/^[0-9a-f]{12}$/);
    expect(baseline.features.find((f) => f.feature === 'amount_avg_7d')?.count).toBe(500);
  }, 90_000);
});
