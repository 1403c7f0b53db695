import { checkTableName, DEFAULT_FEATURE_COLUMNS, type StoreInspector } from '@featurescope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresInspector, postgresStoreInspector } from '../src/index.js';
import { dropTables, serverUrl, uniqueTable } from './helpers.js';

// StoreInspector.driftBins on a real PostgreSQL server and on PGlite: the rows of the whole window
// counted by bin code in the database, ties on an edge, NULL and non-finite apart.
const TABLE = uniqueTable('inspect_bins');
const edges = [-1, 0, 0.5, 2];
const columns = DEFAULT_FEATURE_COLUMNS;

function rowsSql(values: readonly (number | null)[]): string {
  const rows = values.map((v, i) => `('e${i}', 'x', ${v === null ? 'NULL' : Number.isFinite(v) ? String(v) : `'${v}'::float8`}, now())`);
  rows.push(`('old', 'x', 0.1, now() - interval '2 hours')`, `('other', 'y', 0.1, now())`);
  return rows.join(', ');
}

function expectedCodes(values: readonly (number | null)[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const v of values) {
    const code = v === null ? -1 : !Number.isFinite(v) ? -2 : edges.includes(v) ? -3 - edges.indexOf(v) : edges.filter((e) => e < v).length;
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return counts;
}

const values: (number | null)[] = [];
for (let i = 0; i < 400; i++) values.push(((i * 7919) % 1000) / 200 - 2);
values.push(null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 0.5, 0.5, 2);

async function check(inspector: StoreInspector, table: string): Promise<void> {
  const ref = { table: checkTableName('table', table), columns };
  const rows = await inspector.driftBins(ref, 'x', Float64Array.from(edges), 3600, 10_000);
  expect(new Map(rows.map(([code, count]) => [code, count]))).toEqual(expectedCodes(values));
  expect(await inspector.driftBins(ref, 'missing', edges, 3600, 10_000)).toEqual([]);
}

describe('StoreInspector.driftBins (PostgreSQL, PGlite)', { timeout: 120_000 }, () => {
  let url: string;
  beforeAll(async () => {
    url = await serverUrl();
  });
  afterAll(async () => {
    if (url !== undefined) await dropTables(url, [TABLE]);
  });

  it('counts the whole window in a real PostgreSQL server', async () => {
    const { Pool } = (await import('pg')).default;
    const pool = new Pool({ connectionString: url, max: 1 });
    try {
      await pool.query(`CREATE TABLE "${TABLE}" (entity_id text, feature_name text, value double precision, updated_at timestamptz)`);
      await pool.query(`INSERT INTO "${TABLE}" VALUES ${rowsSql(values)}`);
    } finally {
      await pool.end();
    }
    const inspector = await openPostgresInspector(url);
    try {
      await inspector.prepare(5000);
      await check(inspector, TABLE);
    } finally {
      await inspector.close();
    }
  });

  it('counts the whole window in PGlite', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create();
    try {
      await db.exec(`CREATE TABLE feature_values (entity_id text, feature_name text, value double precision, updated_at timestamptz); INSERT INTO feature_values VALUES ${rowsSql(values)}`);
      const inspector = postgresStoreInspector(db);
      await inspector.prepare(5000);
      await check(inspector, 'feature_values');
    } finally {
      await db.close();
    }
  });
});
