import { CONFORMANCE_COLLECTION, describeFeatureStoreConformance } from '@featurescope/test-utils';
import { afterAll } from 'vitest';
import { createReadyStore, dropTables, serverUrl, uniqueTable } from './helpers.js';

// The PostgreSQL server here has no pgvector: scalars must work, every vector call must fail typed.
const tables = [uniqueTable('conf'), uniqueTable('conf_named')];
let url: string | undefined;

for (const [table, namedStatements] of [
  [tables[0]!, false],
  [tables[1]!, true],
] as const) {
  describeFeatureStoreConformance(`postgres (PostgreSQL server via pg${namedStatements ? ', named statements' : ''})`, {
    async create() {
      url = await serverUrl();
      // The collection is declared on purpose: ensureSchema must skip it, not fail.
      return createReadyStore({ url, table, namedStatements, collections: [CONFORMANCE_COLLECTION] });
    },
    vectors: 'unsupported',
    timeoutMs: 60_000,
  });
}

afterAll(async () => {
  if (url !== undefined) await dropTables(url, tables);
});
