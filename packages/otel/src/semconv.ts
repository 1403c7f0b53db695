/**
 * Names this package writes into telemetry. It emits no span or metric of its own: it sets
 * the resource's `service.name` and forwards the histograms other featurescope packages
 * register (see `exporters/histogram-producer.ts`) under their own names and scopes.
 */

/** Resource attribute naming the service (OpenTelemetry semantic conventions, stable). */
export const ATTR_SERVICE_NAME = 'service.name';

/** `service.name` when neither the environment, the options nor the app's package.json name one. */
export const DEFAULT_SERVICE_NAME = 'featurescope-app';

/** Instrumentation scope names of the driver instrumentations this package may register. */
export const SCOPE_MYSQL2 = '@opentelemetry/instrumentation-mysql2';
export const SCOPE_PG = '@opentelemetry/instrumentation-pg';
export const SCOPE_IOREDIS = '@opentelemetry/instrumentation-ioredis';

/** Spans finished but not delivered, by `featurescope.drop.reason`. Counter, `{span}`. */
export const METRIC_SPANS_DROPPED = 'featurescope.spans.dropped';
/** `queue_full` (the span queue was full), `export_failed` (the collector refused or timed out), `collector_unavailable` (dropped while the collector was known down). */
export const ATTR_DROP_REASON = 'featurescope.drop.reason';
/** Instrumentation scope of this package's own meter. */
export const INSTRUMENTATION_SCOPE = '@featurescope/otel';
