import { InvalidInputError } from '@featurescope/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlFeatureStore, type MysqlFeatureStore } from '../src/index.js';
import { adminPool, dropTables, mysqlUrl, uniqueTable } from './helpers.js';

// Issue 13 defect 5: distinct ids must be distinct rows, and unstorable ids a typed error before any write.
describe('exact keys on the MySQL family (MariaDB here)', () => {
  const table = uniqueTable('fs_keys');
  const legacy = uniqueTable('fs_keys_pad');
  let store: MysqlFeatureStore;
  let url: string;

  beforeAll(async () => {
    url = await mysqlUrl();
    const admin = await adminPool(url);
    // A table made before this change: PAD SPACE keys.
    await admin.query(`CREATE TABLE \`${legacy}\` (entity_id VARCHAR(255) NOT NULL, feature_name VARCHAR(255) NOT NULL, value DOUBLE NULL, updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (entity_id, feature_name)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
    await admin.end();
    store = await createMysqlFeatureStore({ url, table, groupTables: { legacy } });
    const report = await store.ensureSchema();
    expect(report.featureTables).toEqual([table, legacy]);
    expect(report.notes.join('\n')).toContain(`${legacy}: key columns compare with PAD SPACE`);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    const admin = await adminPool(url);
    await dropTables(admin, [table, legacy]).finally(() => admin.end());
  });

  it('the server offers a NO PAD binary collation and new tables use it', () => {
    expect(store.server.exactKeys).toBe(true);
    expect(['utf8mb4_0900_bin', 'utf8mb4_nopad_bin']).toContain(store.server.keyCollation);
  });

  it('"u1" and "u1 " are two rows with their own values', async () => {
    await store.upsert({ group: 'g', rows: [{ entityId: 'u1', feature: 'f', value: 1 }, { entityId: 'u1 ', feature: 'f', value: 2 }] });
    const { values } = await store.lookup({ group: 'g', entityIds: ['u1', 'u1 '], features: ['f'] });
    expect(values.get('u1')?.get('f')?.value).toBe(1);
    expect(values.get('u1 ')?.get('f')?.value).toBe(2);
  });

  it('lone surrogates and over-long ids are a typed error naming the row, and nothing is written', async () => {
    const rows = [{ entityId: 'kept-out', feature: 'f', value: 1 }, { entityId: 'a\uD800', feature: 'f', value: 2 }, { entityId: 'a\uDBFF', feature: 'f', value: 3 }, { entityId: 'x'.repeat(256), feature: 'f', value: 4 }];
    const error = (await store.upsert({ group: 'g', rows }).catch((e: unknown) => e)) as InvalidInputError;
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.problems.map((p) => p.field)).toEqual(['rows[1].entityId', 'rows[2].entityId', 'rows[3].entityId']);
    expect((await store.lookup({ group: 'g', entityIds: ['kept-out'], features: ['f'] })).values.size).toBe(0);
  });

  it('a legacy PAD SPACE table refuses keys ending in a space instead of merging them', async () => {
    await store.upsert({ group: 'legacy', rows: [{ entityId: 'u1', feature: 'f', value: 1 }] });
    const error = (await store.upsert({ group: 'legacy', rows: [{ entityId: 'u1 ', feature: 'f', value: 2 }] }).catch((e: unknown) => e)) as InvalidInputError;
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.problems[0]!.field).toBe('rows[0].entityId');
    await expect(store.lookup({ group: 'legacy', entityIds: ['u1 '], features: ['f'] })).rejects.toBeInstanceOf(InvalidInputError);
    expect((await store.lookup({ group: 'legacy', entityIds: ['u1'], features: ['f'] })).values.get('u1')?.get('f')?.value).toBe(1);
  });
});
