import { InvalidOptionError } from '@featurescope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDriftBinsSql } from '../src/index.js';
import { dropTables, serverUrl, uniqueTable } from './helpers.js';

// The monitor's in-database binning against a real PostgreSQL: counts by code equal a plain
// JavaScript binning of the same rows (edges below the value; ties, NULLs and non-finite apart).
const table = uniqueTable('drift_bins');
const edges = [-1, 0, 0.5, 0.5, 2];
const columns = { entityId: 'entity_id', feature: 'feature_name', value: 'value', updatedAt: 'updated_at' };
let url: string;
let pool: import('pg').Pool;

function expectedCodes(values: readonly (number | null)[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of values) {
    let code: number;
    if (v === null) code = -1;
    else if (!Number.isFinite(v)) code = -2;
    else if (edges.includes(v)) code = -3 - edges.indexOf(v);
    else code = edges.filter((e) => e < v).length;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

beforeAll(async () => {
  url = await serverUrl();
  const { Pool } = (await import('pg')).default;
  pool = new Pool({ connectionString: url, max: 1 });
  await pool.query(`CREATE TABLE "${table}" (entity_id text, feature_name text, value double precision, updated_at timestamptz, PRIMARY KEY (entity_id, feature_name))`);
});
afterAll(async () => {
  await pool?.end();
  if (url !== undefined) await dropTables(url, [table]);
});

describe('buildDriftBinsSql (PostgreSQL)', () => {
  it('counts every row of the window by bin, ties by edge, NULL and non-finite apart; older rows and other features out', async () => {
    const values: (number | null)[] = [];
    for (let i = 0; i < 500; i++) values.push(Math.round(((i * 7919) % 1000) / 100 - 3) / 2);
    values.push(null, null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 0.5, 2, 1e300, -1e300);
    const rows = values.map((v, i) => `('e${i}', 'x', ${v === null ? 'NULL' : Number.isFinite(v) ? String(v) : `'${v}'::float8`}, now())`);
    rows.push(`('old', 'x', 0.1, now() - interval '2 hours')`, `('other', 'y', 0.1, now())`);
    await pool.query(`INSERT INTO "${table}" VALUES ${rows.join(', ')}`);
    const result = await pool.query({ text: buildDriftBinsSql(table, columns), values: ['x', 3600, edges], rowMode: 'array' });
    const got = new Map<number, number>((result.rows as [number, number][]).map(([code, count]) => [code, count]));
    expect(got).toEqual(expectedCodes(values));
    expect(got.get(-2)).toBe(3);
    expect(got.get(-3)).toBeGreaterThan(0);
  });

  it('refuses an identifier that is not a plain SQL name', () => {
    expect(() => buildDriftBinsSql('t; DROP TABLE x', columns)).toThrow(InvalidOptionError);
    expect(() => buildDriftBinsSql('t', { ...columns, value: 'v"' })).toThrow(InvalidOptionError);
  });
});
