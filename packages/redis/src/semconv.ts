/**
 * Every metric, attribute and span-event name `@featurescope/redis` emits. docs/telemetry.md lists
 * the same names. The connection metrics follow the OpenTelemetry database client semantic
 * conventions (`db.client.connection.*`); a Redis client is one multiplexed connection, so the
 * "pool" is that connection.
 */

/** Open connections by state (`idle` / `used`). UpDownCounter, `{connection}`. */
export const METRIC_DB_CLIENT_CONNECTION_COUNT = 'db.client.connection.count';
/** Most connections the client opens (1). UpDownCounter, `{connection}`. */
export const METRIC_DB_CLIENT_CONNECTION_MAX = 'db.client.connection.max';
/** Commands sent and awaiting a reply, or queued while the client (re)connects. UpDownCounter, `{request}`. */
export const METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS = 'db.client.connection.pending_requests';

export const ATTR_DB_CLIENT_CONNECTION_POOL_NAME = 'db.client.connection.pool.name';
export const ATTR_DB_CLIENT_CONNECTION_STATE = 'db.client.connection.state';

/** Instrumentation scope of this package's meter. */
export const INSTRUMENTATION_SCOPE = '@featurescope/redis';
