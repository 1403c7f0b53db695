import { describeFeatureStoreConformance } from '@featurescope/test-utils';
import { afterAll } from 'vitest';
import { createMysqlFeatureStore } from '../src/index.js';
import { adminPool, dropTables, mysqlUrl, uniqueTable } from './helpers.js';

const table = uniqueTable('fs_conformance');

describeFeatureStoreConformance('mysql2 on MariaDB 10.11', {
  async create() {
    const store = await createMysqlFeatureStore({ url: await mysqlUrl(), table });
    await store.ensureSchema();
    return store;
  },
  // MariaDB 10.11 has no VECTOR type: every vector call must fail with StoreCapabilityError.
  vectors: 'unsupported',
  timeoutMs: 60_000,
});

afterAll(async () => {
  const pool = await adminPool(await mysqlUrl());
  try {
    await dropTables(pool, [table]);
  } finally {
    await pool.end();
  }
});
