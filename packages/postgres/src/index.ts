export { createPostgresFeatureStore } from './create-postgres-feature-store.js';
export { PostgresFeatureStore } from './postgres-feature-store.js';
export { DEFAULTS } from './options.js';
export type {
  EnsureSchemaReport,
  FeatureColumnNames,
  PGliteLike,
  PGliteTransactionLike,
  PgPoolClientLike,
  PgPoolLike,
  PostgresFeatureStoreOptions,
  VectorSupport,
} from './types.js';
export { postgresStoreInspector } from './inspect/postgres-inspector.js';
export type { PostgresStoreInspectorOptions } from './inspect/postgres-inspector.js';
export { openPostgresInspector } from './inspect/open-postgres-inspector.js';
export type { OpenInspectorOptions } from './inspect/open-postgres-inspector.js';
// In-database drift binning for the store monitor (same bins as @featurescope/quality).
export { buildDriftBinsSql } from './drift/drift-bins-sql.js';
export { CAPABILITIES } from './capabilities.js';
