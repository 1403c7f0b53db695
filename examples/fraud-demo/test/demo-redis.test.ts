import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { requireService } from '@featurescope/test-utils';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';

const demoDir = fileURLToPath(new URL('..', import.meta.url));
const prefix = `fsdemo:${process.pid}:${Date.now().toString(36)}:`;

async function deletePrefix(url: string): Promise<void> {
  const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
  const client: Redis = new RedisClient(url, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

describe('the demo on Redis (FEATURESCOPE_STORE_URL=redis://…)', () => {
  afterAll(async () => deletePrefix(await requireService('redis')));

  it('serves scalar features and reports vectors as unsupported in one line', { timeout: 90_000 }, async () => {
    const url = await requireService('redis');
    const child = spawn(process.execPath, ['--import', '@featurescope/otel/register', 'dist/main.js', '--duration', '8', '--summary-every', '2', '--users', '200', '--drift-after', '0'], {
      cwd: demoDir,
      env: { ...process.env, FEATURESCOPE_STORE_URL: url, FEATURESCOPE_REDIS_KEY_PREFIX: prefix, OTEL_METRICS_EXPORTER: 'none', OTEL_TRACES_EXPORTER: 'none' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(0);
    expect(stderr).not.toMatch(/Error|error/);
    expect(stdout).toMatch(/store redis:\/\/127\.0\.0\.1:6379\/? \(redis\)/);
    const vectorLines = stdout.split('\n').filter((line) => line.startsWith('vectors unsupported'));
    expect(vectorLines).toEqual([
      expect.stringMatching(/^vectors unsupported by this store, similarity search skipped: Vectors are not available: Redis [\d.]+ has no vector index module/),
    ]);
    expect(stdout).toMatch(/lookups +[1-9]\d*\/s p99 [\d.]+ ms \| upserts +\d+\/s p99 [\d.]+ ms \| vectors: not supported by this store/);
    expect(stdout).toMatch(/stopping after \d+s: [1-9]\d* feature values written, 0 errors/);
  });
});
