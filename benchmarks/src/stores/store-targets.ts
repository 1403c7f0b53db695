import { InMemoryFeatureStore, type FeatureStore } from '@featurescope/core';
import { BENCH_COLLECTION } from '../workload/workload-spec.js';
import { functionExport, importOptional } from './optional-import.js';
import { RawMysqlClient } from './raw-mysql-client.js';
import { checkReachable } from './reachability.js';

/** The stores the harness can drive. */
export type StoreKind = 'memory' | 'pglite' | 'mariadb' | 'postgres';
export const STORE_KINDS: readonly StoreKind[] = ['memory', 'pglite', 'mariadb', 'postgres'];

/** The upstream driver instrumentation that applies to a store, if any. */
export type DriverKind = 'mysql2' | 'pg';

/** A store the harness can open, with what it supports. */
export interface StoreTarget {
  readonly kind: StoreKind;
  /** Where it runs, for the report. */
  readonly description: string;
  /** Upstream driver instrumentation that can be measured against it. */
  readonly driver: DriverKind | undefined;
  readonly vectors: boolean;
  /** Opens the store (schema ready). Throws a sentence saying why when it cannot. */
  open(options: { readonly vectorDimension: number }): Promise<FeatureStore>;
  /**
   * Opens the baseline: the driver called directly on the same table (its own pool of the same
   * size). Absent: the store itself is the baseline.
   */
  readonly openDriverClient?: () => Promise<FeatureStore>;
}

/** Where the database services are, from the same env vars the tests use. */
export const SERVICE_URLS = {
  mysql: process.env.FEATURESCOPE_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
  postgres: process.env.FEATURESCOPE_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
} as const;

/** Connections per database pool (the same for every variant). */
export const POOL_SIZE = 8;
const TABLE = 'fsbench_feature_values';

async function ensureSchema(store: FeatureStore): Promise<FeatureStore> {
  const maybe = (store as unknown as { ensureSchema?: () => Promise<void> }).ensureSchema;
  if (typeof maybe === 'function') await maybe.call(store);
  return store;
}

function asStore(value: unknown, what: string): FeatureStore {
  const store = value as Partial<FeatureStore> | null;
  if (store === null || typeof store !== 'object' || typeof store.lookup !== 'function' || typeof store.upsert !== 'function') {
    throw new Error(`${what} did not return a FeatureStore`);
  }
  return store as FeatureStore;
}

async function openPostgresPackage(url: string, vectorDimension: number, vectors: boolean): Promise<FeatureStore> {
  const imported = await importOptional('@featurescope/postgres');
  if ('missing' in imported) throw new Error(imported.missing);
  const create = functionExport(imported.module, 'createPostgresFeatureStore');
  if (create === undefined) throw new Error(`@featurescope/postgres has no createPostgresFeatureStore export (exports: ${Object.keys(imported.module).join(', ')})`);
  const store = asStore(
    await create({ url, table: TABLE, poolSize: POOL_SIZE, collections: vectors ? [{ name: BENCH_COLLECTION, dimension: vectorDimension }] : [] }),
    'createPostgresFeatureStore',
  );
  return ensureSchema(store);
}

async function openMysqlPackage(url: string): Promise<FeatureStore> {
  const imported = await importOptional('@featurescope/mysql2');
  if ('missing' in imported) throw new Error(imported.missing);
  const create = functionExport(imported.module, 'createMysqlFeatureStore');
  if (create === undefined) throw new Error(`@featurescope/mysql2 has no createMysqlFeatureStore export (exports: ${Object.keys(imported.module).join(', ')})`);
  const store = asStore(await create({ url, table: TABLE, poolSize: POOL_SIZE }), 'createMysqlFeatureStore');
  return ensureSchema(store);
}

/** Every store target, keyed by kind. */
export const STORE_TARGETS: Readonly<Record<StoreKind, StoreTarget>> = {
  memory: {
    kind: 'memory',
    description: '@featurescope/core InMemoryFeatureStore (in process)',
    driver: undefined,
    vectors: true,
    open: ({ vectorDimension }) => Promise.resolve(new InMemoryFeatureStore({ collections: [{ name: BENCH_COLLECTION, dimension: vectorDimension }] })),
  },
  pglite: {
    kind: 'pglite',
    description: '@featurescope/postgres over in-memory PGlite with pgvector (in process, WASM)',
    driver: undefined,
    vectors: true,
    open: ({ vectorDimension }) => openPostgresPackage('pglite://memory', vectorDimension, true),
  },
  mariadb: {
    kind: 'mariadb',
    description: `@featurescope/mysql2 over MariaDB at ${new URL(SERVICE_URLS.mysql).host}, pool ${POOL_SIZE}`,
    driver: 'mysql2',
    vectors: false,
    async open() {
      await checkReachable(SERVICE_URLS.mysql, 3306, 'MariaDB: `docker compose up -d mariadb` (or set FEATURESCOPE_MYSQL_URL)');
      return openMysqlPackage(SERVICE_URLS.mysql);
    },
    openDriverClient: () => RawMysqlClient.open(SERVICE_URLS.mysql, TABLE, POOL_SIZE),
  },
  postgres: {
    kind: 'postgres',
    description: `@featurescope/postgres over PostgreSQL at ${new URL(SERVICE_URLS.postgres).host} (no pgvector), pool ${POOL_SIZE}`,
    driver: 'pg',
    vectors: false,
    async open({ vectorDimension }) {
      await checkReachable(SERVICE_URLS.postgres, 5432, 'PostgreSQL: `docker compose up -d postgres` (or set FEATURESCOPE_POSTGRES_URL)');
      return openPostgresPackage(SERVICE_URLS.postgres, vectorDimension, false);
    },
  },
};
