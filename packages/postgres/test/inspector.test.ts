import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTableName, DEFAULT_FEATURE_COLUMNS, InvalidOptionError } from '@featurescope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresFeatureStore, openPostgresInspector } from '../src/index.js';

describe('PostgreSQL/PGlite store inspector', { timeout: 120_000 }, () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fs-pg-inspect-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('opens a PGlite directory the store wrote with pgvector, as the store does, and reads it', async () => {
    const url = `pglite://${join(dir, 'data')}`;
    const store = await createPostgresFeatureStore({ url, collections: [{ name: 'items', dimension: 2 }] });
    await store.ensureSchema();
    await store.upsert({ group: 'g', rows: [{ entityId: 'e1', feature: 'price', value: 1 }, { entityId: 'e2', feature: 'price', value: 3 }] });
    await store.upsertVectors({ collection: 'items', records: [{ id: 'v1', vector: [1, 0] }] });
    await store.close();

    const inspector = await openPostgresInspector(url);
    try {
      const table = { table: checkTableName('table', 'feature_values'), columns: DEFAULT_FEATURE_COLUMNS };
      expect(inspector.description).toBe(`pglite ${join(dir, 'data')}`);
      expect(await inspector.discoverFeatures(table, 10, 5000)).toEqual(['price']);
      const [price] = await inspector.freshness(table, ['price'], 3600, 5000);
      expect(price!.updatedRows).toBe(2);
      expect((await inspector.windowAggregates(table, ['price'], 3600, 5000)).get('price')).toEqual({ rows: 2, values: 2, mean: 2, stddev: 1, min: 1, max: 3 });
      // The vector table needs pgvector loaded: the inspector's instance has it, as the store's does.
      const stored = await inspector.loadBaselines(checkTableName('baselines', 'featurescope_baselines'), 'feature_values', 5000);
      expect(stored).toEqual([]);
    } finally {
      await inspector.close();
    }
  });

  it('refuses malformed URLs with a typed error naming the option, without credentials', async () => {
    for (const url of ['pglite://%E0%A4%A', 'pglite://', 'postgres://user:secret@[::1', 'mysql://db/x']) {
      const error = await openPostgresInspector(url).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(InvalidOptionError);
      expect((error as InvalidOptionError).option).toBe('url');
      expect((error as Error).message).not.toContain('secret');
    }
  });
});
