import type { ViewOptions } from '@opentelemetry/sdk-metrics';
import type { DriverInstrumentationOptions } from './instrumentations/driver-instrumentations.js';

/** Options of {@link startTelemetry}. The `OTEL_*` environment variables configure everything else. */
export interface StartTelemetryOptions {
  /**
   * Throw a `TelemetryConfigError` for the first invalid `OTEL_*` value instead of printing one
   * line about it and using the default.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * `service.name` when neither `OTEL_SERVICE_NAME` nor `OTEL_RESOURCE_ATTRIBUTES` sets one.
   * @default the `name` in `<appRoot>/package.json`, else `featurescope-app`
   */
  readonly serviceName?: string;
  /**
   * Driver instrumentations (mysql2, pg, ioredis), registered only when traces are exported and
   * only for drivers that resolve from `appRoot`, with parameter values masked unless overridden here.
   * @default every resolvable driver, masked
   */
  readonly instrumentations?: DriverInstrumentationOptions;
  /**
   * Directory the app runs from: where drivers are resolved and package.json is read.
   * @default process.cwd()
   */
  readonly appRoot?: string;
  /**
   * Longest `shutdown()` / `forceFlush()` may take before giving up on unsent telemetry.
   * @default 1000
   */
  readonly flushTimeoutMillis?: number;
  /**
   * Metric views, e.g. to drop a driver instrumentation's own `db.client.operation.duration`.
   * @default []
   */
  readonly views?: readonly ViewOptions[];
}

/** The running telemetry. Obtain it from `startTelemetry()` or, after the register hook, `getTelemetry()`. */
export interface TelemetryHandle {
  /**
   * Flushes and stops every exporter. Resolves within `flushTimeoutMillis` even if the collector
   * is unreachable (unsent telemetry is then dropped); never rejects. Idempotent.
   */
  shutdown(): Promise<void>;
  /** Exports pending spans and metrics now; same time bound and never rejects. */
  forceFlush(): Promise<void>;
  /** Port of the Prometheus `/metrics` endpoint; `undefined` when not exporting to Prometheus or it could not listen. */
  readonly prometheusPort?: number;
}
