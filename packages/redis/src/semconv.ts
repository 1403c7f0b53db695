/**
 * `@featurescope/redis` emits no names of its own: its connection metrics (`db.client.connection.*`)
 * and retry events are core's (see core's semconv and docs/telemetry.md); this is its meter's scope.
 */

/** Instrumentation scope of this package's meter. */
export const INSTRUMENTATION_SCOPE = '@featurescope/redis';
