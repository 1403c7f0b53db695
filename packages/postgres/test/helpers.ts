import { requireService } from '@featurescope/test-utils';
import { createPostgresFeatureStore, type PostgresFeatureStore, type PostgresFeatureStoreOptions } from '../src/index.js';

/** A table name unique to this process and label, so parallel test files never share rows. */
export function uniqueTable(label: string): string {
  return `fs_test_${label}_${process.pid}_${Date.now().toString(36)}`;
}

/** The PostgreSQL server URL, after checking it answers (fails with how to start it otherwise). */
export function serverUrl(): Promise<string> {
  return requireService('postgres');
}

/** Drops tables through a short-lived store connection (test clean-up). */
export async function dropTables(url: string, tables: readonly string[]): Promise<void> {
  const { Pool } = (await import('pg')).default;
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    for (const table of tables) await pool.query(`DROP TABLE IF EXISTS "${table}"`);
  } finally {
    await pool.end();
  }
}

/** Creates a store and its schema. */
export async function createReadyStore(options: PostgresFeatureStoreOptions): Promise<PostgresFeatureStore> {
  const store = await createPostgresFeatureStore(options);
  await store.ensureSchema();
  return store;
}
