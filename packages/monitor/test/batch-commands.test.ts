import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The installed `featurescope` bin dispatches `profile` / `drift` to @featurescope/quality.
const BIN = fileURLToPath(new URL('../dist/esm/cli.js', import.meta.url));
const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), `featurescope-bin-${process.pid}-`));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('featurescope profile / drift through the bin', () => {
  it('writes a baseline, then reports drift with exit code 3 under --fail-on-drift', { timeout: 120_000 }, async () => {
    const values = (offset: number) => ['x', ...Array.from({ length: 400 }, (_, i) => String(offset + (i % 100) / 10))].join('\n');
    await writeFile(join(dir, 'base.csv'), values(0));
    await writeFile(join(dir, 'shifted.csv'), values(5));
    const profiled = await run(process.execPath, [BIN, 'profile', join(dir, 'base.csv')], { timeout: 60_000 });
    expect(JSON.parse(profiled.stdout).features[0].count).toBe(400);
    await writeFile(join(dir, 'baseline.json'), profiled.stdout);
    const failed = await run(process.execPath, [BIN, 'drift', '--baseline', join(dir, 'baseline.json'), join(dir, 'shifted.csv'), '--fail-on-drift'], { timeout: 60_000 }).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(3);
    expect(JSON.parse(failed!.stdout).features[0].state).toBe('drift');
  });
});
