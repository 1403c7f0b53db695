/**
 * Thrown by `startTelemetry({ strict: true })` when an `OTEL_*` variable holds a value this
 * package cannot use. Without `strict`, the same problem is logged once and the default is used.
 */
export class TelemetryConfigError extends Error {
  override readonly name = 'TelemetryConfigError';
  /** The environment variable that holds the bad value, e.g. `OTEL_METRICS_EXPORTER`. */
  readonly variable: string;
  /** The value as read from the environment. */
  readonly value: string;
  /** What the variable accepts, in words (e.g. `prometheus, otlp, console, none`). */
  readonly accepted: string;

  constructor(variable: string, value: string, accepted: string, options?: { cause?: unknown }) {
    super(`${variable}=${JSON.stringify(value)} is not valid: accepted values are ${accepted}`, options);
    this.variable = variable;
    this.value = value;
    this.accepted = accepted;
  }
}
