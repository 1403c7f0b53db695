/**
 * Every metric, attribute and span-event name `@featurescope/mysql2` emits. docs/telemetry.md lists
 * the same names. Pool metrics follow the OpenTelemetry database client semantic conventions
 * (`db.client.connection.*`), which `@opentelemetry/instrumentation-mysql2` does not emit.
 */

// Metrics (OpenTelemetry semantic conventions, database client connection pools).
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

// The retry span event (`featurescope.retry`, `featurescope.retry.attempt`, `featurescope.retry.delay`)
// is the shared retry module's: see `semconv` of @featurescope/core.
/** The failed attempt's error code (`ER_LOCK_DEADLOCK`, `PROTOCOL_CONNECTION_LOST`). */
export const ATTR_ERROR_TYPE = 'error.type';

/** Bucket boundaries (seconds) for `db.client.connection.wait_time`, as for database durations. */
export const WAIT_TIME_BUCKETS: readonly number[] = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];

/** Instrumentation scope of this package's meter. */
export const INSTRUMENTATION_SCOPE = '@featurescope/mysql2';
