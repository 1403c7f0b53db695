import { CONFORMANCE_COLLECTION } from '@featurescope/test-utils';
import { StoreCapabilityError } from '@featurescope/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresFeatureStore } from '../src/index.js';
import { serverUrl, uniqueTable } from './helpers.js';

/** A real pg Pool that remembers every statement it was given and every error it returned. */
function recordingPool(url: string): { pool: pg.Pool; texts: string[]; names: (string | undefined)[]; errors: unknown[] } {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const texts: string[] = [];
  const names: (string | undefined)[] = [];
  const errors: unknown[] = [];
  // The store checks out a client per call: record what each client is sent (BEGIN/COMMIT aside).
  const patched = new WeakSet<object>();
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  (pool as unknown as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
    const client = await connect();
    if (!patched.has(client)) {
      patched.add(client);
      const query = client.query.bind(client) as (config: pg.QueryConfig) => Promise<pg.QueryResult>;
      (client as unknown as { query: (config: pg.QueryConfig) => Promise<pg.QueryResult> }).query = async (config: pg.QueryConfig) => {
        if (!/^(BEGIN|COMMIT|ROLLBACK)$/.test(config.text)) {
          texts.push(config.text);
          names.push(config.name);
        }
        try {
          return await query(config);
        } catch (error) {
          errors.push(error);
          throw error;
        }
      };
    }
    return client;
  };
  return { pool, texts, names, errors };
}

describe('PostgreSQL server (no pgvector)', { timeout: 60_000 }, () => {
  let url: string;
  let admin: pg.Pool;
  const created: string[] = [];
  const table = (label: string): string => {
    const name = uniqueTable(label);
    created.push(name);
    return name;
  };

  beforeAll(async () => {
    url = await serverUrl();
    admin = new pg.Pool({ connectionString: url, max: 2 });
  });

  afterAll(async () => {
    for (const name of created) await admin?.query(`DROP TABLE IF EXISTS "${name}"`);
    await admin?.end();
  });

  it('ensureSchema creates the feature table, skips vector tables with a note, and is idempotent', async () => {
    const name = table('schema');
    const store = await createPostgresFeatureStore({ url, table: name, collections: [CONFORMANCE_COLLECTION] });
    try {
      const first = await store.ensureSchema();
      const second = await store.ensureSchema();
      expect(second).toEqual(first);
      expect(first.featureTables).toEqual([name]);
      expect(first.vectorTables).toEqual([]);
      expect(first.vector).toEqual({ installed: false, available: false });
      expect(first.notes.join('\n')).toMatch(/vector tables skipped \(vectors_conformance_vectors\).*not available/);
      const columns = await admin.query(
        `SELECT column_name, data_type, datetime_precision, is_nullable FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
        [name],
      );
      expect(columns.rows).toEqual([
        { column_name: 'entity_id', data_type: 'text', datetime_precision: null, is_nullable: 'NO' },
        { column_name: 'feature_name', data_type: 'text', datetime_precision: null, is_nullable: 'NO' },
        { column_name: 'value', data_type: 'double precision', datetime_precision: null, is_nullable: 'YES' },
        { column_name: 'updated_at', data_type: 'timestamp with time zone', datetime_precision: 6, is_nullable: 'NO' },
      ]);
      const indexes = await admin.query(`SELECT indexdef FROM pg_indexes WHERE tablename = $1 ORDER BY indexname`, [name]);
      expect(indexes.rows.map((r: { indexdef: string }) => r.indexdef.replace(/^.* USING /, ''))).toEqual([
        'btree (feature_name, updated_at DESC)',
        'btree (entity_id, feature_name)',
      ]);
      const vectorTables = await admin.query(`SELECT 1 FROM pg_tables WHERE tablename = 'vectors_conformance_vectors'`);
      expect(vectorTables.rowCount).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('fails vector calls with StoreCapabilityError after one catalogue query, sending no vector SQL', async () => {
    const { pool, texts } = recordingPool(url);
    const store = await createPostgresFeatureStore({ client: pool, table: table('cap'), collections: [CONFORMANCE_COLLECTION] });
    try {
      const error = await store.upsertVectors({ collection: CONFORMANCE_COLLECTION.name, records: [{ id: 'a', vector: [1, 0, 0, 0] }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreCapabilityError);
      expect((error as StoreCapabilityError).capability).toBe('vector');
      expect((error as Error).message).toMatch(/^vector extension not available/);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toMatch(/pg_extension/);
      // Cached: further calls (declared, undeclared, even malformed) send nothing at all.
      await expect(store.searchVectors({ collection: CONFORMANCE_COLLECTION.name, vector: [1, 0, 0, 0], topK: 100 })).rejects.toBeInstanceOf(StoreCapabilityError);
      await expect(store.searchVectors({ collection: 'undeclared', vector: [1], topK: 1 })).rejects.toBeInstanceOf(StoreCapabilityError);
      expect(texts).toHaveLength(1);
      expect(await store.vectorSupport()).toEqual({ installed: false, available: false });
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('leaves a pool the user passed in open on close()', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const store = await createPostgresFeatureStore({ client: pool, table: table('owned') });
    await store.ensureSchema();
    await store.close();
    await store.close();
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
  });

  it('works on an existing TiDB-style table with custom table and column names, and maps groups to tables', async () => {
    const main = table('custom');
    const other = table('custom_group');
    for (const name of [main, other]) {
      await admin.query(
        `CREATE TABLE "${name}" (eid varchar(255) NOT NULL, fname varchar(255) NOT NULL, fval double precision NULL, ` +
          `modified timestamp(6) with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (eid, fname))`,
      );
    }
    const store = await createPostgresFeatureStore({
      url,
      table: main,
      columns: { entityId: 'eid', feature: 'fname', value: 'fval', updatedAt: 'modified' },
      groupTables: { cards: other },
    });
    try {
      await store.upsert({ group: 'users', rows: [{ entityId: 'u1', feature: 'age', value: 41 }] });
      await store.upsert({ group: 'cards', rows: [{ entityId: 'c1', feature: 'limit', value: null }] });
      const rows = await admin.query(`SELECT eid, fname, fval, modified FROM "${main}"`);
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]).toMatchObject({ eid: 'u1', fname: 'age', fval: 41 });
      expect((await admin.query(`SELECT eid, fval FROM "${other}"`)).rows).toEqual([{ eid: 'c1', fval: null }]);
      const users = await store.lookup({ group: 'users', entityIds: ['u1', 'c1'], features: ['age', 'limit'] });
      expect([...users.values.keys()]).toEqual(['u1']);
      expect(users.values.get('u1')?.get('age')?.updatedAt.getTime()).toBe((rows.rows[0] as { modified: Date }).modified.getTime());
      const cards = await store.lookup({ group: 'cards', entityIds: ['c1'], features: ['limit'] });
      expect(cards.values.get('c1')?.get('limit')?.value).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('stores updated_at with microseconds and returns it truncated to milliseconds', async () => {
    const name = table('micros');
    const store = await createPostgresFeatureStore({ url, table: name });
    try {
      await store.ensureSchema();
      await store.upsert({ group: 'g', rows: [{ entityId: 'e', feature: 'f', value: 1 }] });
      const raw = await admin.query(`SELECT (extract(epoch FROM updated_at) * 1000000)::bigint::text AS micros FROM "${name}"`);
      const micros = BigInt((raw.rows[0] as { micros: string }).micros);
      const { values } = await store.lookup({ group: 'g', entityIds: ['e'], features: ['f'] });
      expect(BigInt(values.get('e')!.get('f')!.updatedAt.getTime())).toBe(micros / 1000n);
    } finally {
      await store.close();
    }
  });

  it('writes a chunked batch in one transaction: a failing chunk leaves nothing, and the driver error passes through', async () => {
    const name = table('atomic');
    await admin.query(
      `CREATE TABLE "${name}" (entity_id text NOT NULL, feature_name text NOT NULL, value double precision CHECK (value < 100), ` +
        `updated_at timestamptz(6) NOT NULL, PRIMARY KEY (entity_id, feature_name))`,
    );
    const { pool, errors } = recordingPool(url);
    const store = await createPostgresFeatureStore({ client: pool, table: name, upsertChunkSize: 3, lookupChunkSize: 2 });
    try {
      const rows = Array.from({ length: 10 }, (_, i) => ({ entityId: `e${i}`, feature: 'f', value: i }));
      expect((await store.upsert({ group: 'g', rows })).written).toBe(10);
      const ids = rows.map((r) => r.entityId);
      const read = await store.lookup({ group: 'g', entityIds: ids, features: ['f'] });
      expect(ids.map((id) => read.values.get(id)?.get('f')?.value)).toEqual(rows.map((r) => r.value));

      const bad = Array.from({ length: 10 }, (_, i) => ({ entityId: `x${i}`, feature: 'f', value: i === 8 ? 500 : i }));
      const error = await store.upsert({ group: 'g', rows: bad }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(pg.DatabaseError);
      expect((error as pg.DatabaseError).code).toBe('23514');
      const after = await store.lookup({ group: 'g', entityIds: bad.map((r) => r.entityId), features: ['f'] });
      expect(after.values.size).toBe(0);

      // A single-statement failure is the pool's own error object, unwrapped.
      const single = await store.upsert({ group: 'g', rows: [{ entityId: 'y', feature: 'f', value: 1000 }] }).catch((e: unknown) => e);
      expect(errors.length).toBeGreaterThan(0);
      expect(single).toBe(errors[errors.length - 1]);
    } finally {
      await store.close();
      await pool.end();
    }
  });

  it('sends named prepared statements only when namedStatements is set', async () => {
    const name = table('named');
    for (const namedStatements of [false, true]) {
      const { pool, names } = recordingPool(url);
      const store = await createPostgresFeatureStore({ client: pool, table: name, namedStatements });
      try {
        await store.ensureSchema();
        await store.upsert({ group: 'g', rows: [{ entityId: 'e', feature: 'f', value: 3 }] });
        await store.upsert({ group: 'g', rows: [{ entityId: 'e', feature: 'f', value: 4 }] });
        const { values } = await store.lookup({ group: 'g', entityIds: ['e'], features: ['f'] });
        expect(values.get('e')?.get('f')?.value).toBe(4);
        const used = names.slice(-3);
        if (namedStatements) {
          expect(used.every((n) => /^featurescope_[0-9a-f]{32}$/.test(n ?? ''))).toBe(true);
          expect(used[0]).toBe(used[1]);
          expect(used[2]).not.toBe(used[0]);
        } else {
          expect(used).toEqual([undefined, undefined, undefined]);
        }
      } finally {
        await store.close();
        await pool.end();
      }
    }
  });

  it('rejects with the driver error when the table does not exist (no ensureSchema)', async () => {
    const store = await createPostgresFeatureStore({ url, table: table('missing') });
    try {
      const error = await store.lookup({ group: 'g', entityIds: ['e'], features: ['f'] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(pg.DatabaseError);
      expect((error as pg.DatabaseError).code).toBe('42P01');
      await expect(store.searchVectors({ collection: 'x', vector: [1], topK: 1 })).rejects.toBeInstanceOf(StoreCapabilityError);
    } finally {
      await store.close();
    }
  });
});
