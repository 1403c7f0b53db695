import { createRequire } from 'node:module';
import { requireService } from '@featurescope/test-utils';
import type { Redis } from 'ioredis';

/** Redis's URL after checking it answers; fails with how-to-start instructions otherwise. */
export function redisUrl(): Promise<string> {
  return requireService('redis');
}

let sequence = 0;
/** A key prefix private to one test and run: tests share the server with other packages and engineers. */
export function uniquePrefix(label: string): string {
  return `fstest:${label}:${process.pid}:${Date.now().toString(36)}:${(sequence++).toString(36)}:`;
}

/** A plain ioredis client for set-up and checks, loaded through require so instrumentations can patch it. */
export function adminClient(url: string): Redis {
  const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
  return new RedisClient(url, { maxRetriesPerRequest: 2 });
}

/** Deletes every key under the prefix (SCAN, never KEYS: the server is shared). */
export async function deletePrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await client.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
