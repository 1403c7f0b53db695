import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoolQueueFullError, createMysqlFeatureStore, type MysqlPool, type MysqlPoolConnection, type MysqlQueryOptions } from '../src/index.js';
import { adminPool, dropTables, mysqlUrl, narrowEntityColumn, uniqueTable } from './helpers.js';

const wrapped = uniqueTable('fs_wrapped');
const chunked = uniqueTable('fs_chunked');
let admin: Pool;

/** The test's own pool, passed through untouched except that every statement's first words are logged. */
function recordingClient(pool: Pool, log: string[]): MysqlPool {
  return {
    async getConnection(): Promise<MysqlPoolConnection> {
      const connection = (await pool.getConnection()) as unknown as MysqlPoolConnection;
      return {
        get threadId() {
          return connection.threadId;
        },
        query(options: MysqlQueryOptions, values?: unknown) {
          log.push(options.sql.split(' (')[0]!.split(' VALUES')[0]!);
          return connection.query(options, values);
        },
        release: () => connection.release(),
        destroy: () => connection.destroy(),
      };
    },
    end: () => pool.end(),
  };
}

beforeAll(async () => {
  admin = await adminPool(await mysqlUrl());
  // An existing table with its own names, a narrower id and a CHECK constraint (MariaDB enforces CHECK).
  await admin.query(`CREATE TABLE \`${wrapped}\` (
    user_id VARCHAR(40) NOT NULL,
    signal_name VARCHAR(64) NOT NULL,
    signal_value DOUBLE NULL CHECK (signal_value IS NULL OR signal_value < 1000),
    changed_at DATETIME(6) NOT NULL,
    PRIMARY KEY (user_id, signal_name)
  ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
}, 60_000);

afterAll(async () => {
  await dropTables(admin, [wrapped, chunked]);
  await admin.end();
});

describe('wrapping an existing table with custom column names', () => {
  it('writes and reads through user_id / signal_name / signal_value / changed_at, in UTC', async () => {
    const store = await createMysqlFeatureStore({
      url: await mysqlUrl(),
      table: 'never_used_default',
      groupTables: { risk: wrapped },
      columns: { entityId: 'user_id', feature: 'signal_name', value: 'signal_value', updatedAt: 'changed_at' },
    });
    try {
      const before = Date.now();
      await store.upsert({ group: 'risk', rows: [{ entityId: 'u1', feature: 'score', value: 0.75 }, { entityId: 'u2', feature: 'score', value: null }] });
      const { values } = await store.lookup({ group: 'risk', entityIds: ['u1', 'u2', 'u3'], features: ['score'] });
      expect(values.get('u1')?.get('score')?.value).toBe(0.75);
      expect(values.get('u2')?.get('score')?.value).toBeNull();
      expect(values.has('u3')).toBe(false);
      const updatedAt = values.get('u1')!.get('score')!.updatedAt.getTime();
      expect(Math.abs(updatedAt - before)).toBeLessThan(5000);
      // The stored DATETIME is UTC: compare with the server's own UTC clock in a session of another time zone.
      const connection = await admin.getConnection();
      try {
        await connection.query("SET time_zone = '+05:00'");
        const [rows] = await connection.query(`SELECT TIMESTAMPDIFF(SECOND, changed_at, UTC_TIMESTAMP(6)) AS age FROM \`${wrapped}\` WHERE user_id = 'u1'`);
        expect(Math.abs(Number((rows as { age: number }[])[0]!.age))).toBeLessThan(5);
      } finally {
        connection.release();
      }
    } finally {
      await store.close();
    }
  }, 30_000);

  it('a CHECK violation in the last of several chunks writes nothing of the batch', async () => {
    const log: string[] = [];
    const client = await adminPool(await mysqlUrl());
    const store = await createMysqlFeatureStore({
      client: recordingClient(client, log),
      groupTables: { risk: wrapped },
      columns: { entityId: 'user_id', feature: 'signal_name', value: 'signal_value', updatedAt: 'changed_at' },
      upsertChunkSize: 4,
      poolMetrics: false,
    });
    try {
      const rows = Array.from({ length: 14 }, (_, i) => ({ entityId: `check-${i}`, feature: 'score', value: i === 13 ? 5000 : i }));
      log.length = 0;
      const error = await store.upsert({ group: 'risk', rows }).catch((e: unknown) => e);
      expect((error as { errno?: number }).errno).toBe(4025); // ER_CONSTRAINT_FAILED
      expect(log).toEqual(['START TRANSACTION', ...Array<string>(4).fill(`INSERT INTO \`${wrapped}\``), 'ROLLBACK']);
      const [count] = await admin.query(`SELECT COUNT(*) AS n FROM \`${wrapped}\` WHERE user_id LIKE 'check-%'`);
      expect(Number((count as { n: number }[])[0]!.n)).toBe(0);
    } finally {
      await store.close();
      await client.end();
    }
  }, 30_000);
});

describe('chunking on the default table', () => {
  let client: Pool;
  const log: string[] = [];
  let store: Awaited<ReturnType<typeof createMysqlFeatureStore>>;

  beforeAll(async () => {
    client = await adminPool(await mysqlUrl(), 3);
    store = await createMysqlFeatureStore({ client: recordingClient(client, log), table: chunked, upsertChunkSize: 5, lookupChunkSize: 3, poolMetrics: false });
    await store.ensureSchema();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await client?.end();
  });

  it('writes several chunks in one transaction; a repeated pair in a later chunk wins', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ entityId: `c-${i % 6}`, feature: `f${Math.floor(i / 6)}`, value: i }));
    rows.push({ entityId: 'c-0', feature: 'f0', value: 99 });
    log.length = 0;
    expect((await store.upsert({ group: 'g', rows })).written).toBe(13);
    const insert = `INSERT INTO \`${chunked}\``;
    expect(log).toEqual(['START TRANSACTION', insert, insert, insert, 'COMMIT']);
    const { values } = await store.lookup({ group: 'g', entityIds: ['c-0', 'c-1', 'c-5'], features: ['f0', 'f1'] });
    expect(values.get('c-0')?.get('f0')?.value).toBe(99);
    expect(values.get('c-1')?.get('f1')?.value).toBe(7);
    expect(values.get('c-5')?.get('f1')?.value).toBe(11);
  }, 30_000);

  it('a too-long entity id in the last chunk rolls back the earlier chunks', async () => {
    await narrowEntityColumn(admin, chunked, 64);
    const rows = Array.from({ length: 11 }, (_, i) => ({ entityId: i === 10 ? 'x'.repeat(100) : `long-${i}`, feature: 'f', value: i }));
    log.length = 0;
    const error = await store.upsert({ group: 'g', rows }).catch((e: unknown) => e);
    expect((error as { errno?: number }).errno).toBe(1406);
    expect(log.filter((s) => s.startsWith('INSERT'))).toHaveLength(3);
    expect(log.at(-1)).toBe('ROLLBACK');
    const { values } = await store.lookup({ group: 'g', entityIds: rows.map((r) => r.entityId).slice(0, 10), features: ['f'] });
    expect(values.size).toBe(0);
  }, 30_000);

  it('a single-chunk batch is one statement without an explicit transaction', async () => {
    log.length = 0;
    await store.upsert({ group: 'g', rows: [{ entityId: 'one', feature: 'f', value: 1 }] });
    expect(log).toEqual([`INSERT INTO \`${chunked}\``]);
  });

  it('splits lookups into IN lists of at most lookupChunkSize, across entities and features', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `lk-${i}`);
    await store.upsert({ group: 'g', rows: ids.flatMap((entityId, i) => ['a', 'b', 'c', 'd'].map((feature, j) => ({ entityId, feature, value: i * 10 + j }))) });
    log.length = 0;
    const { values } = await store.lookup({ group: 'g', entityIds: [...ids, 'lk-missing', 'lk-0'], features: ['a', 'b', 'c', 'd'] });
    // 8 distinct ids → 3 chunks; 4 features → 2 chunks.
    expect(log.filter((s) => s.startsWith('SELECT'))).toHaveLength(6);
    expect([...values.keys()]).toEqual(ids);
    ids.forEach((id, i) => expect([...values.get(id)!].map(([f, v]) => [f, v.value])).toEqual(['a', 'b', 'c', 'd'].map((f, j) => [f, i * 10 + j])));
  }, 30_000);
});

describe('bounded pool queue', () => {
  it('a full mysql2 queue surfaces PoolQueueFullError at once, other calls succeed', async () => {
    const store = await createMysqlFeatureStore({ url: await mysqlUrl(), table: chunked, poolSize: 1, queueLimit: 1, poolMetrics: false });
    try {
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => store.lookup({ group: 'g', entityIds: ['one'], features: ['f'] })));
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected.length).toBeGreaterThan(0);
      for (const r of rejected) expect(r.reason).toBeInstanceOf(PoolQueueFullError);
      expect(results.filter((r) => r.status === 'fulfilled').length).toBeGreaterThanOrEqual(2);
    } finally {
      await store.close();
    }
  }, 30_000);
});
