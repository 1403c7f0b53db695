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
export { CAPABILITIES } from './capabilities.js';
