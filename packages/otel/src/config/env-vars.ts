/**
 * The `OTEL_*` variables this package validates, what each accepts and featurescope's default.
 * Where featurescope's default differs from the OpenTelemetry SDK's, it applies only while the
 * variable is unset; any valid value is honoured as the specification describes.
 */
export const ENV = {
  SDK_DISABLED: 'OTEL_SDK_DISABLED',
  SERVICE_NAME: 'OTEL_SERVICE_NAME',
  RESOURCE_ATTRIBUTES: 'OTEL_RESOURCE_ATTRIBUTES',
  TRACES_EXPORTER: 'OTEL_TRACES_EXPORTER',
  METRICS_EXPORTER: 'OTEL_METRICS_EXPORTER',
  LOGS_EXPORTER: 'OTEL_LOGS_EXPORTER',
  OTLP_ENDPOINT: 'OTEL_EXPORTER_OTLP_ENDPOINT',
  OTLP_TRACES_ENDPOINT: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  OTLP_METRICS_ENDPOINT: 'OTEL_EXPORTER_OTLP_METRICS_ENDPOINT',
  OTLP_PROTOCOL: 'OTEL_EXPORTER_OTLP_PROTOCOL',
  OTLP_TRACES_PROTOCOL: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
  OTLP_METRICS_PROTOCOL: 'OTEL_EXPORTER_OTLP_METRICS_PROTOCOL',
  OTLP_HEADERS: 'OTEL_EXPORTER_OTLP_HEADERS',
  OTLP_TRACES_HEADERS: 'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  OTLP_METRICS_HEADERS: 'OTEL_EXPORTER_OTLP_METRICS_HEADERS',
  PROMETHEUS_HOST: 'OTEL_EXPORTER_PROMETHEUS_HOST',
  PROMETHEUS_PORT: 'OTEL_EXPORTER_PROMETHEUS_PORT',
  METRIC_EXPORT_INTERVAL: 'OTEL_METRIC_EXPORT_INTERVAL',
  METRIC_EXPORT_TIMEOUT: 'OTEL_METRIC_EXPORT_TIMEOUT',
  TRACES_SAMPLER: 'OTEL_TRACES_SAMPLER',
  TRACES_SAMPLER_ARG: 'OTEL_TRACES_SAMPLER_ARG',
} as const;

export const TRACE_EXPORTERS = ['otlp', 'console', 'none'] as const;
export const METRIC_EXPORTERS = ['prometheus', 'otlp', 'console', 'none'] as const;
export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;
export const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

export type TraceExporterName = Exclude<(typeof TRACE_EXPORTERS)[number], 'none'>;
export type MetricExporterName = Exclude<(typeof METRIC_EXPORTERS)[number], 'none'>;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];
export type SamplerName = (typeof SAMPLERS)[number];

/** featurescope's defaults (the SDK's own differ for the exporters: it defaults to OTLP everywhere). */
export const DEFAULTS = {
  traceExporters: [] as readonly TraceExporterName[],
  metricExporters: ['prometheus'] as readonly MetricExporterName[],
  otlpProtocol: 'http/protobuf' as OtlpProtocol,
  otlpHttpEndpoint: 'http://localhost:4318',
  otlpGrpcEndpoint: 'http://localhost:4317',
  prometheusPort: 9464,
  metricExportIntervalMillis: 60_000,
  metricExportTimeoutMillis: 30_000,
  sampler: 'parentbased_always_on' as SamplerName,
  samplerRatio: 1,
} as const;
