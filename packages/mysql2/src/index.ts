export { createMysqlFeatureStore, SESSION_SQL } from './create-mysql-feature-store.js';
export { MysqlFeatureStore } from './mysql-feature-store.js';
export type { MysqlStoreParts } from './mysql-feature-store.js';
export type { MysqlFeatureStoreOptions } from './options.js';
export { DEFAULT_TABLE, DEFAULT_VECTOR_TABLE_PREFIX } from './resolve-options.js';
export type { MysqlPool, MysqlPoolConnection, MysqlQueryOptions } from './driver-types.js';
export { PoolQueueFullError, RetryExhaustedError } from './errors.js';
export {
  RETRYABLE_CODES,
  RETRYABLE_ERRNOS,
  backoffCeilingMs,
  backoffDelayMs,
  isRetryableError,
  resolveRetryPolicy,
} from './retry/retry-policy.js';
export type { RetryOptions, RetryPolicy } from './retry/retry-policy.js';
export { withRetry } from './retry/with-retry.js';
export type { ServerInfo } from './server/detect-server.js';
export { candidateVectorDialect, parseServerVersion, upsertSyntaxFor } from './server/server-info.js';
export type { MysqlSystem, ServerVersion, UpsertSyntax, VectorDialect } from './server/server-info.js';
export { DEFAULT_COLUMNS, buildLookupSql, buildUpsertSql, chunkBatch, quoteFeatureTable } from './sql/feature-sql.js';
export type { Chunk, FeatureColumns, QuotedFeatureTable } from './sql/feature-sql.js';
export { ENTITY_ID_MAX_LENGTH, FEATURE_NAME_MAX_LENGTH, buildFeatureTableDdl } from './sql/schema-sql.js';
export type { SchemaFlavor } from './sql/schema-sql.js';
export { buildVectorProbeSql, buildVectorSearchSql, buildVectorTableDdl, buildVectorUpsertSql, vectorText } from './sql/vector-sql.js';
export type { QuotedVectorTable } from './sql/vector-sql.js';
export * as semconv from './semconv.js';
export { VERSION } from './version.js';
// In-database drift binning for the store monitor (same bins as @featurescope/quality).
export { buildDriftBinsSql, driftBinsParams } from './drift/drift-bins-sql.js';
