import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { adminClient, deletePrefix, redisUrl, uniquePrefix } from './helpers.js';

const packageDir = join(import.meta.dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const prefix = uniquePrefix('readme');
const script = join(packageDir, `readme-snippet-${process.pid}.mjs`);

describe('README', () => {
  afterAll(async () => {
    rmSync(script, { force: true });
    const admin = adminClient(await redisUrl());
    await deletePrefix(admin, prefix).finally(() => admin.disconnect());
  });

  it('runs the quick-start snippet against the real Redis', async () => {
    const snippet = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(snippet).toContain("url: 'redis://127.0.0.1:6379', keyPrefix: 'fs:'");
    // The snippet is plain JavaScript; only the server and the key prefix change (the server is shared).
    writeFileSync(script, snippet.replace("'redis://127.0.0.1:6379'", JSON.stringify(await redisUrl())).replace("keyPrefix: 'fs:'", `keyPrefix: ${JSON.stringify(prefix)}`));
    const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: packageDir, timeout: 30_000 });
    expect(stdout.trim()).toBe('3');
  });

  it('documents every retried reply and socket error the code retries', async () => {
    const { RETRYABLE_CODES, RETRYABLE_REPLY_PREFIXES } = await import('../src/index.js');
    for (const name of [...RETRYABLE_REPLY_PREFIXES, 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']) expect(readme).toContain(`\`${name}\``);
    expect(RETRYABLE_CODES.size).toBeGreaterThan(0);
  });
});
