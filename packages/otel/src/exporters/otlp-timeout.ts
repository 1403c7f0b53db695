/**
 * featurescope's OTLP export timeout when `OTEL_EXPORTER_OTLP_TIMEOUT` and the per-signal variable are
 * unset (the SDK's is 10 s, retries included, on timers that keep the process alive): an export to
 * a dead collector gives up within 1 s, so a job or a rolling deploy exits promptly.
 */
export const OTLP_TIMEOUT_DEFAULT_MILLIS = 1000;

/** The OTLP exporter timeout: the environment's when set, else {@link OTLP_TIMEOUT_DEFAULT_MILLIS}. */
export function otlpTimeoutMillis(signal: 'TRACES' | 'METRICS', env: NodeJS.ProcessEnv): number | undefined {
  const set = (name: string): boolean => env[name] !== undefined && env[name] !== '';
  // undefined lets the exporter read (and validate) the variables itself.
  return set(`OTEL_EXPORTER_OTLP_${signal}_TIMEOUT`) || set('OTEL_EXPORTER_OTLP_TIMEOUT') ? undefined : OTLP_TIMEOUT_DEFAULT_MILLIS;
}
