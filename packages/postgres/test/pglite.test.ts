import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError, StoreCapabilityError, StoreClosedError } from '@featurescope/core';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresFeatureStore, type PostgresFeatureStore } from '../src/index.js';

const COLLECTION = { name: 'items', dimension: 3 };
// A second collection kept small: HNSW is approximate, and an outlier among the 120 'items' arc
// vectors (all at cosine distance 1 from it) gets no in-links and is legitimately unreachable.
const PAIRS = { name: 'pairs', dimension: 3 };

describe('PGlite with pgvector', { timeout: 60_000 }, () => {
  let db: PGlite;
  let store: PostgresFeatureStore;

  beforeAll(async () => {
    // The user's own instance, so the test can inspect the catalogue beside the store.
    db = await PGlite.create({ extensions: { vector } });
    store = await createPostgresFeatureStore({ client: db, collections: [COLLECTION, PAIRS], vectorTablePrefix: 'vec_' });
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await db?.close();
  });

  it('ensureSchema installs pgvector, creates tables and an HNSW cosine index, and is idempotent', async () => {
    const first = await store.ensureSchema();
    expect(first.vector.installed).toBe(true);
    expect(first.vector.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(first.featureTables).toEqual(['feature_values']);
    expect(first.vectorTables).toEqual(['vec_items', 'vec_pairs']);
    expect(first.notes).toEqual([]);
    expect(await store.ensureSchema()).toEqual(first);
    const indexes = await db.query<{ tablename: string; indexdef: string }>(
      `SELECT tablename, indexdef FROM pg_indexes WHERE tablename IN ('feature_values', 'vec_items') ORDER BY tablename DESC, indexname`,
    );
    const defs = indexes.rows.map((r) => `${r.tablename}: ${r.indexdef.replace(/^.* USING /, '')}`);
    expect(defs).toEqual([
      'vec_items: hnsw (embedding vector_cosine_ops)',
      'vec_items: btree (id)',
      'feature_values: btree (feature_name, updated_at DESC)',
      'feature_values: btree (entity_id, feature_name)',
    ]);
    const column = await db.query<{ t: string }>(`SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'vec_items'::regclass AND attname = 'embedding'`);
    expect(column.rows[0]?.t).toBe('vector(3)');
  });

  it('returns every neighbour when topK exceeds the HNSW default ef_search (40)', async () => {
    const records = Array.from({ length: 120 }, (_, i) => {
      const angle = (i / 120) * Math.PI;
      return { id: `arc-${String(i).padStart(3, '0')}`, vector: [Math.cos(angle), Math.sin(angle), 0] };
    });
    expect((await store.upsertVectors({ collection: 'items', records })).written).toBe(120);
    const { matches } = await store.searchVectors({ collection: 'items', vector: [1, 0, 0], topK: 100 });
    expect(matches).toHaveLength(100);
    // Angles grow with the index, so the nearest 100 are arc-000 … arc-099 in order.
    expect(matches.map((m) => m.id)).toEqual(records.slice(0, 100).map((r) => r.id));
    expect(matches[0]!.score).toBeCloseTo(1, 5);
    for (let i = 1; i < matches.length; i++) expect(matches[i - 1]!.score).toBeGreaterThanOrEqual(matches[i]!.score);
  });

  it('keeps the last record when a batch repeats a vector id', async () => {
    await store.upsertVectors({
      collection: 'pairs',
      records: [
        { id: 'other', vector: [1, 0, 0] },
        { id: 'dup', vector: [0, 0, 1], metadata: { v: 1 } },
        { id: 'dup', vector: [0, 0, -1], metadata: { v: 2 } },
      ],
    });
    const { matches } = await store.searchVectors({ collection: 'pairs', vector: [0, 0, -1], topK: 1 });
    expect(matches).toEqual([{ id: 'dup', score: 1, metadata: { v: 2 } }]);
  });

  it('rejects text PostgreSQL cannot store (U+0000) with a typed error naming the row', async () => {
    const error = await store
      .upsert({ group: 'g', rows: [{ entityId: 'ok', feature: 'f', value: 1 }, { entityId: 'bad\u0000id', feature: 'f', value: 1 }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems.map((p) => [p.index, p.field])).toEqual([[1, 'rows[1].entityId']]);
    await expect(store.lookup({ group: 'g', entityIds: ['ok'], features: ['f\u0000'] })).rejects.toBeInstanceOf(InvalidInputError);
    const vectorError = await store.upsertVectors({ collection: 'items', records: [{ id: 'm', vector: [1, 1, 1], metadata: { note: 'a\u0000b' } }] }).catch((e: unknown) => e);
    expect((vectorError as InvalidInputError).problems[0]?.field).toBe('records[0].metadata.note');
    expect((await store.lookup({ group: 'g', entityIds: ['ok'], features: ['f'] })).values.size).toBe(0);
  });

  it('leaves the PGlite instance the user passed in open on close()', async () => {
    const other = await createPostgresFeatureStore({ client: db });
    await other.close();
    await expect(other.lookup({ group: 'g', entityIds: ['x'], features: ['f'] })).rejects.toBeInstanceOf(StoreClosedError);
    await expect(other.ensureSchema()).rejects.toBeInstanceOf(StoreClosedError);
    expect(db.closed).toBe(false);
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});

describe('PGlite without the vector extension', { timeout: 60_000 }, () => {
  it('creates the feature tables, notes the skipped vector tables, and fails vector calls typed', async () => {
    const db = await PGlite.create();
    const store = await createPostgresFeatureStore({ client: db, collections: [COLLECTION] });
    try {
      const report = await store.ensureSchema();
      expect(report.vector.installed).toBe(false);
      expect(report.vectorTables).toEqual([]);
      expect(report.notes.join()).toMatch(/vector tables skipped/);
      await store.upsert({ group: 'g', rows: [{ entityId: 'e', feature: 'f', value: 2 }] });
      expect((await store.lookup({ group: 'g', entityIds: ['e'], features: ['f'] })).values.get('e')?.get('f')?.value).toBe(2);
      const error = await store.searchVectors({ collection: 'items', vector: [1, 0, 0], topK: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreCapabilityError);
      expect((error as Error).message).toMatch(/extensions: \{ vector \}/);
    } finally {
      await store.close();
      await db.close();
    }
  });
});

describe('PGlite data directory', { timeout: 60_000 }, () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'featurescope-pglite-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps features and vectors across close and reopen', async () => {
    const url = `pglite://${dir}`;
    const options = { url, collections: [COLLECTION] };
    const first = await createPostgresFeatureStore(options);
    await first.ensureSchema();
    await first.upsert({ group: 'g', rows: [{ entityId: 'persisted', feature: 'f', value: 0.125 }] });
    await first.upsertVectors({ collection: 'items', records: [{ id: 'kept', vector: [0, 1, 0], metadata: { a: 'b' } }] });
    const written = (await first.lookup({ group: 'g', entityIds: ['persisted'], features: ['f'] })).values.get('persisted')!.get('f')!;
    await first.close();
    await first.close();
    await expect(first.upsert({ group: 'g', rows: [] })).rejects.toBeInstanceOf(StoreClosedError);

    const second = await createPostgresFeatureStore(options);
    try {
      const read = (await second.lookup({ group: 'g', entityIds: ['persisted'], features: ['f'] })).values.get('persisted')!.get('f')!;
      expect(read).toEqual(written);
      expect((await second.searchVectors({ collection: 'items', vector: [0, 2, 0], topK: 1 })).matches).toEqual([{ id: 'kept', score: 1, metadata: { a: 'b' } }]);
    } finally {
      await second.close();
    }
  });
});
