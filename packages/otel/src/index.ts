export { startTelemetry, getTelemetry, FEATURESCOPE_SERIES_LIMIT } from './start-telemetry.js';
export type { StartTelemetryOptions, TelemetryHandle } from './types.js';
export { TelemetryConfigError } from './errors.js';
export { redactedRedisStatement, SAFE_DEFAULTS } from './instrumentations/driver-instrumentations.js';
export type { DriverInstrumentationOptions } from './instrumentations/driver-instrumentations.js';
export { HistogramSourceProducer } from './exporters/histogram-producer.js';
export { SPAN_BATCH_DEFAULTS } from './exporters/span-processors.js';
export { DEFAULTS, ENV } from './config/env-vars.js';
export * as semconv from './semconv.js';
