import { checkTableName, DEFAULT_FEATURE_COLUMNS, InvalidOptionError, type StoreInspector } from '@featurescope/core';
import type { Pool } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlFreshnessSql } from '../src/inspect/mysql-inspector.js';
import { createMysqlFeatureStore, openMysqlInspector } from '../src/index.js';
import { adminPool, dropTables, mysqlUrl, uniqueTable } from './helpers.js';

const TABLE = uniqueTable('fs_inspect');
let admin: Pool;
let inspector: StoreInspector;

beforeAll(async () => {
  const url = await mysqlUrl();
  admin = await adminPool(url);
  const store = await createMysqlFeatureStore({ url, table: TABLE, poolMetrics: false });
  await store.ensureSchema();
  await store.upsert({ group: 'g', rows: [{ entityId: 'e1', feature: 'price', value: 1 }, { entityId: 'e1', feature: 'clicks', value: 2 }, { entityId: 'e2', feature: 'price', value: 3 }] });
  await store.close();
  inspector = await openMysqlInspector(url.replace(/^mysql:/, 'mariadb:'));
}, 60_000);

afterAll(async () => {
  await inspector?.close();
  if (admin !== undefined) {
    await dropTables(admin, [TABLE]);
    await admin.end();
  }
});

describe('MySQL/MariaDB store inspector', { timeout: 60_000 }, () => {
  const table = { table: checkTableName('table', TABLE), columns: DEFAULT_FEATURE_COLUMNS };

  it('reads the tables the store creates: features, freshness, window aggregates', async () => {
    await inspector.prepare(5000);
    expect(inspector.system).toBe('mariadb');
    expect(inspector.description).toMatch(/^mariadb 127\.0\.0\.1:3306\//);
    expect(await inspector.discoverFeatures(table, 10, 5000)).toEqual(['clicks', 'price']);
    const [price, missing] = await inspector.freshness(table, ['price', 'nothing'], 3600, 5000);
    expect(price!.updatedRows).toBe(2);
    expect(price!.databaseTime - price!.lastWriteTime!).toBeGreaterThanOrEqual(0);
    expect(price!.databaseTime - price!.lastWriteTime!).toBeLessThan(600);
    expect(missing).toMatchObject({ feature: 'nothing', lastWriteTime: undefined, updatedRows: 0 });
    const aggregates = await inspector.windowAggregates(table, ['price'], 3600, 5000);
    expect(aggregates.get('price')).toEqual({ rows: 2, values: 2, mean: 2, stddev: 1, min: 1, max: 3 });
  });

  it('counts the whole window by baseline-rank bin inside the database (driftBins): ties by edge, NULL apart, other features and old rows out', async () => {
    const edges = [-1, 0, 0.5, 2];
    const values: (number | null)[] = [];
    for (let i = 0; i < 400; i++) values.push(((i * 7919) % 1000) / 200 - 2);
    values.push(null, -1, 0.5, 0.5, 2, 1e300, -1e300);
    const rows = values.map((v, i) => [`d${i}`, 'binned', v]);
    await admin.query(`INSERT INTO \`${TABLE}\` (entity_id, feature_name, value, updated_at) VALUES ${rows.map(() => '(?, ?, ?, UTC_TIMESTAMP(6))').join(', ')}`, rows.flat());
    await admin.query(`INSERT INTO \`${TABLE}\` (entity_id, feature_name, value, updated_at) VALUES ('old', 'binned', 0.1, UTC_TIMESTAMP(6) - INTERVAL 2 HOUR)`);
    const expected = new Map<number, number>();
    for (const v of values) {
      const code = v === null ? -1 : edges.includes(v) ? -3 - edges.indexOf(v) : edges.filter((e) => e < v).length;
      expected.set(code, (expected.get(code) ?? 0) + 1);
    }
    const got = await inspector.driftBins(table, 'binned', Float64Array.from(edges), 3600, 10_000);
    expect(new Map(got.map(([code, count]) => [code, count]))).toEqual(expected);
    expect(await inspector.driftBins(table, 'nothing', edges, 3600, 10_000)).toEqual([]);
  });

  it('reads freshness through the store\'s (feature_name, updated_at) index', async () => {
    const [plan] = await admin.query({ sql: `EXPLAIN ${mysqlFreshnessSql(table, 2)}`, rowsAsArray: false }, ['price', 'price', 'price', 60e6, 'clicks', 'clicks', 'clicks', 60e6]);
    const rows = (plan as { table: string | null; key: string | null; type: string }[]).filter((r) => r.table === TABLE);
    expect(rows.length).toBe(4);
    for (const row of rows) {
      expect(row.key).toMatch(/_feature_updated$/);
      expect(['ref', 'range']).toContain(row.type);
    }
  });

  it('refuses a malformed or foreign URL with a typed error naming the option, without credentials', async () => {
    const bad = await openMysqlInspector('mysql://user:secret@[::1').catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(InvalidOptionError);
    expect((bad as InvalidOptionError).option).toBe('url');
    expect((bad as Error).message).not.toContain('secret');
    const foreign = await openMysqlInspector('postgres://db/x').catch((error: unknown) => error);
    expect(foreign).toBeInstanceOf(InvalidOptionError);
  });
});
