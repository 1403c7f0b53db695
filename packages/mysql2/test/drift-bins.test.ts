import { InvalidOptionError } from '@featurescope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool } from 'mysql2/promise';
import { buildDriftBinsSql, driftBinsParams } from '../src/index.js';
import { adminPool, dropTables, mysqlUrl, uniqueTable } from './helpers.js';

// The monitor's in-database binning against a real MariaDB: counts by code equal a plain
// JavaScript binning of the same rows (edges below the value; ties and NULLs apart).
const table = uniqueTable('fs_drift_bins');
const edges = [-1, 0, 0.1, 0.5, 0.5, 2];
const columns = { entityId: 'entity_id', feature: 'feature_name', value: 'value', updatedAt: 'updated_at' };
let pool: Pool;

function expectedCodes(values: readonly (number | null)[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of values) {
    const code = v === null ? -1 : edges.includes(v) ? -3 - edges.indexOf(v) : edges.filter((e) => e < v).length;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

beforeAll(async () => {
  pool = await adminPool(await mysqlUrl());
  await pool.query(`CREATE TABLE \`${table}\` (entity_id VARCHAR(64), feature_name VARCHAR(64), value DOUBLE NULL, updated_at DATETIME(6), PRIMARY KEY (entity_id, feature_name))`);
});
afterAll(async () => {
  if (pool !== undefined) {
    await dropTables(pool, [table]);
    await pool.end();
  }
});

describe('buildDriftBinsSql (MariaDB)', () => {
  it('counts every row of the window by bin, ties by edge and NULL apart; older rows and other features out', async () => {
    const values: (number | null)[] = [];
    for (let i = 0; i < 500; i++) values.push(Math.round(((i * 7919) % 1000) / 100 - 3) / 2);
    values.push(null, null, -1, 0.1, 0.5, 2, 1e300, -1e300, 0.1 + 1e-12);
    const rows: unknown[] = [];
    for (const [i, v] of values.entries()) rows.push([`e${i}`, 'x', v]);
    await pool.query(`INSERT INTO \`${table}\` (entity_id, feature_name, value, updated_at) VALUES ${rows.map(() => '(?, ?, ?, UTC_TIMESTAMP(6))').join(', ')}`, rows.flat());
    await pool.query(`INSERT INTO \`${table}\` VALUES ('old', 'x', 0.3, UTC_TIMESTAMP(6) - INTERVAL 2 HOUR), ('other', 'y', 0.3, UTC_TIMESTAMP(6))`);
    const [result] = await pool.query({ sql: buildDriftBinsSql(table, columns, edges.length), rowsAsArray: true }, driftBinsParams('x', 3600, edges));
    const got = new Map<number, number>((result as [number | string, number | string][]).map(([code, n]) => [Number(code), Number(n)]));
    expect(got).toEqual(expectedCodes(values));
    expect(got.get(-5)).toBe(1); // 0.1 is an edge; 0.1 + 1e-12 is not
  });

  it('refuses a bad identifier or edge count', () => {
    expect(() => buildDriftBinsSql('t; DROP TABLE x', columns, 3)).toThrow(InvalidOptionError);
    expect(() => buildDriftBinsSql('t', columns, 0)).toThrow(TypeError);
  });
});
