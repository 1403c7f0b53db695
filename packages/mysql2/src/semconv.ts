/**
 * Every metric, attribute and span-event name `@featurescope/mysql2` emits. docs/telemetry.md lists
 * the same names. Pool metrics follow the OpenTelemetry database client semantic conventions
 * (`db.client.connection.*`), which `@opentelemetry/instrumentation-mysql2` does not emit.
 */
import { semconv as core } from '@featurescope/core';

// Pool metrics (`db.client.connection.*`) are core's, shared by every SQL backend.
export const ATTR_DB_CLIENT_CONNECTION_POOL_NAME = core.ATTR_DB_CLIENT_CONNECTION_POOL_NAME;
export const ATTR_DB_CLIENT_CONNECTION_STATE = core.ATTR_DB_CLIENT_CONNECTION_STATE;
export const CONNECTION_STATE_IDLE = core.CONNECTION_STATE_IDLE;
export const CONNECTION_STATE_USED = core.CONNECTION_STATE_USED;
export const METRIC_DB_CLIENT_CONNECTION_COUNT = core.METRIC_DB_CLIENT_CONNECTION_COUNT;
export const METRIC_DB_CLIENT_CONNECTION_MAX = core.METRIC_DB_CLIENT_CONNECTION_MAX;
export const METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS = core.METRIC_DB_CLIENT_CONNECTION_PENDING_REQUESTS;
export const METRIC_DB_CLIENT_CONNECTION_WAIT_TIME = core.METRIC_DB_CLIENT_CONNECTION_WAIT_TIME;
export const WAIT_TIME_BUCKETS = core.WAIT_TIME_BUCKETS;

// The retry span event (`featurescope.retry`, `featurescope.retry.attempt`, `featurescope.retry.delay`)
// is the shared retry module's: see `semconv` of @featurescope/core.
/** The failed attempt's error code (`ER_LOCK_DEADLOCK`, `PROTOCOL_CONNECTION_LOST`). */
export const ATTR_ERROR_TYPE = 'error.type';

/** Instrumentation scope of this package's meter. */
export const INSTRUMENTATION_SCOPE = '@featurescope/mysql2';
