import { requireService } from '@featurescope/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawMysqlClient } from '../src/stores/raw-mysql-client.js';

// The baseline must send what the store sends: what one writes, the other reads, against real MariaDB.
describe('RawMysqlClient (the mysql2 baseline) against the featurescope store, same table', () => {
  const table = `fsbench_raw_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let raw: RawMysqlClient;
  let store: Awaited<ReturnType<typeof import('@featurescope/mysql2').createMysqlFeatureStore>>;

  beforeAll(async () => {
    const url = await requireService('mysql');
    const { createMysqlFeatureStore } = await import('@featurescope/mysql2');
    store = await createMysqlFeatureStore({ url, table, poolSize: 2, poolMetrics: false });
    await store.ensureSchema();
    raw = await RawMysqlClient.open(url, table, 2);
  }, 60_000);

  afterAll(async () => {
    await raw?.upsert({ group: 'g', rows: [{ entityId: 'x', feature: 'x', value: 0 }] }).catch(() => undefined);
    const mysql = (await import('mysql2/promise')) as unknown as { createConnection(url: string): Promise<{ query(sql: string): Promise<unknown>; end(): Promise<void> }> };
    const connection = await mysql.createConnection(await requireService('mysql'));
    await connection.query(`DROP TABLE IF EXISTS \`${table}\``);
    await connection.end();
    await raw?.close();
    await store?.close();
  }, 60_000);

  it('writes rows the store reads back, and reads rows the store wrote', async () => {
    await expect(raw.upsert({ group: 'g', rows: [{ entityId: 'e1', feature: 'a', value: 1.5 }, { entityId: 'e1', feature: 'b', value: null }] })).resolves.toEqual({ written: 2 });
    const read = await store.lookup({ group: 'g', entityIds: ['e1'], features: ['a', 'b'] });
    expect(read.values.get('e1')?.get('a')?.value).toBe(1.5);
    expect(read.values.get('e1')?.get('b')?.value).toBeNull();

    await store.upsert({ group: 'g', rows: [{ entityId: 'e2', feature: 'a', value: 7 }] });
    const rows = await raw.lookupRows({ group: 'g', entityIds: ['e1', 'e2'], features: ['a'] });
    expect(rows.map((row) => [String(row[0]), String(row[1]), Number(row[2])]).sort()).toEqual([['e1', 'a', 1.5], ['e2', 'a', 7]]);
    // The time column is µs since the epoch, as the store reads it.
    expect(Math.abs(Number(rows[0]![3]) / 1000 - Date.now())).toBeLessThan(10 * 60_000);
  }, 60_000);
});
