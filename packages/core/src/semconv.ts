/**
 * Every span attribute, metric name and span event featurescope's core emits.
 * docs/telemetry.md lists the same names; a test keeps the two in step.
 */

// Attributes defined by the OpenTelemetry semantic conventions (database, stable).
export const ATTR_DB_SYSTEM_NAME = 'db.system.name';
export const ATTR_DB_OPERATION_NAME = 'db.operation.name';
export const ATTR_DB_COLLECTION_NAME = 'db.collection.name';
export const ATTR_DB_RESPONSE_RETURNED_ROWS = 'db.response.returned_rows';
export const ATTR_ERROR_TYPE = 'error.type';
/** Server host, IP or socket path, from the store's `endpoint`. */
export const ATTR_SERVER_ADDRESS = 'server.address';
/** Server TCP port, from the store's `endpoint`. */
export const ATTR_SERVER_PORT = 'server.port';
/** Database / schema / keyspace, from the store's `endpoint`. */
export const ATTR_DB_NAMESPACE = 'db.namespace';

// featurescope's own attributes.
/** Feature name on per-feature metrics; `_other` for names past the cardinality cap or off the allow-list. */
export const ATTR_FEATURE_NAME = 'featurescope.feature.name';
export const ATTR_ROW_COUNT = 'featurescope.row_count';
export const ATTR_ENTITY_COUNT = 'featurescope.entity_count';
export const ATTR_FEATURE_COUNT = 'featurescope.feature_count';
export const ATTR_LOOKUP_HITS = 'featurescope.lookup.hits';
export const ATTR_LOOKUP_MISSES = 'featurescope.lookup.misses';
/** Seconds since the oldest returned value was written. */
export const ATTR_LOOKUP_AGE_MAX = 'featurescope.lookup.age.max';
/** Median seconds since the returned values were written. */
export const ATTR_LOOKUP_AGE_MEDIAN = 'featurescope.lookup.age.median';
export const ATTR_VECTOR_COUNT = 'featurescope.vector.count';
export const ATTR_VECTOR_DIMENSION = 'featurescope.vector.dimension';
export const ATTR_VECTOR_TOP_K = 'featurescope.vector.top_k';
/** Opt-in only (`entityIds: 'plain' | 'hashed'`). */
export const ATTR_ENTITY_IDS = 'featurescope.entity_ids';

// Metrics.
export const METRIC_DB_CLIENT_OPERATION_DURATION = 'db.client.operation.duration';
export const METRIC_ROWS_WRITTEN = 'featurescope.rows.written';
export const METRIC_VALUES_READ = 'featurescope.values.read';
export const METRIC_LOOKUP_MISSES = 'featurescope.lookup.misses';
export const METRIC_VECTORS_WRITTEN = 'featurescope.vectors.written';

/** Bucket boundaries (seconds) the semantic conventions recommend for `db.client.operation.duration`. */
export const DB_DURATION_BUCKETS: readonly number[] = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];

/** The attribute value that collects feature names past the cap or off the allow-list. */
export const OVERFLOW_FEATURE_NAME = '_other';

/** Instrumentation scope name of every tracer and meter featurescope's core creates. */
export const INSTRUMENTATION_SCOPE = '@featurescope/core';

// Span event a store backend adds to the active feature-store span before each retry (shared retry module).
export const EVENT_RETRY = 'featurescope.retry';
/** 1-based number of the attempt that failed and is about to be retried. */
export const ATTR_RETRY_ATTEMPT = 'featurescope.retry.attempt';
/** Backoff before the next attempt, seconds. */
export const ATTR_RETRY_DELAY = 'featurescope.retry.delay';

// Connection-pool metrics of every SQL backend (OpenTelemetry database client semantic conventions).
/** Open connections by state (`idle` / `used`). UpDownCounter, `{connection}`. */
export const METRIC_DB_CLIENT_CONNECTION_COUNT = 'db.client.connection.count';
/** Most connections the pool may open. UpDownCounter, `{connection}`. */
export const METRIC_DB_CLIENT_CONNECTION_MAX = 'db.client.connection.max';
/** Callers waiting for a connection. UpDownCounter, `{request}`. */
export const METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS = 'db.client.connection.pending_requests';
/** Time to obtain a connection from the pool. Histogram, `s`. */
export const METRIC_DB_CLIENT_CONNECTION_WAIT_TIME = 'db.client.connection.wait_time';

// Metric attributes.
export const ATTR_DB_CLIENT_CONNECTION_POOL_NAME = 'db.client.connection.pool.name';
export const ATTR_DB_CLIENT_CONNECTION_STATE = 'db.client.connection.state';
export const CONNECTION_STATE_IDLE = 'idle';
export const CONNECTION_STATE_USED = 'used';

/** Bucket boundaries (seconds) for `db.client.connection.wait_time`, as for database durations. */
export const WAIT_TIME_BUCKETS: readonly number[] = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];
