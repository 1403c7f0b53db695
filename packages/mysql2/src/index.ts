export { createMysqlFeatureStore } from './create-mysql-feature-store.js';
export { MysqlFeatureStore } from './mysql-feature-store.js';
export type { MysqlFeatureStoreOptions } from './options.js';
export type { MysqlPool, MysqlPoolConnection, MysqlQueryOptions } from './driver-types.js';
export { PoolQueueFullError } from './errors.js';
// The retry policy, deadlines and their errors live in @featurescope/core, shared by every backend.
export { RetryExhaustedError, StoreTimeoutError } from '@featurescope/core';
export type { RetryOptions, TimeoutOptions } from '@featurescope/core';
// Whether a mysql2 error is transient (deadlock, lock wait, lost connection): what the store retries.
export { isRetryableError } from './retry/retry-policy.js';
export type { MysqlSystem, VectorDialect } from './server/server-info.js';
export { mysqlStoreInspector } from './inspect/mysql-inspector.js';
export type { MysqlInspectorPool, MysqlStoreInspectorOptions } from './inspect/mysql-inspector.js';
export { openMysqlInspector } from './inspect/open-mysql-inspector.js';
export type { OpenInspectorOptions } from './inspect/open-mysql-inspector.js';
export * as semconv from './semconv.js';
export { VERSION } from './version.js';
// In-database drift binning for the store monitor (same bins as @featurescope/quality).
export { buildDriftBinsSql, driftBinsParams } from './drift/drift-bins-sql.js';
export { CAPABILITIES } from './capabilities.js';
