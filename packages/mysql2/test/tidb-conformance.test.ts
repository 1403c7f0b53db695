import { CONFORMANCE_COLLECTION, describeFeatureStoreConformance } from '@featurescope/test-utils';
import { createMysqlFeatureStore } from '../src/index.js';
import { uniqueTable } from './helpers.js';

// A real TiDB (≥ 8.4 for vectors) named by FEATURESCOPE_TIDB_URL; README.md § TiDB says how to build and
// start one. `npm test` does not collect this file without it (vitest.config.ts); run on demand with
// `FEATURESCOPE_TIDB_URL=mysql://root@127.0.0.1:4000/test npm run test:tidb`.
const url = process.env.FEATURESCOPE_TIDB_URL;

if (url === undefined || url === '') {
  throw new Error('the TiDB suite needs FEATURESCOPE_TIDB_URL (a TiDB ≥ 8.4 server; see README.md § TiDB)');
} else {
  describeFeatureStoreConformance('mysql2 on TiDB', {
    async create() {
      const store = await createMysqlFeatureStore({ url, table: uniqueTable('fs_tidb_conformance'), collections: [CONFORMANCE_COLLECTION], vectorTablePrefix: `v_${process.pid}_` });
      if (store.system !== 'tidb') throw new Error(`FEATURESCOPE_TIDB_URL answers as ${store.system}, not TiDB`);
      await store.ensureSchema();
      return store;
    },
    vectors: 'supported',
    timeoutMs: 60_000,
  });
}
