import { OTLPMetricExporter as OtlpGrpcMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPMetricExporter as OtlpHttpJsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as OtlpProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import {
  ConsoleMetricExporter,
  PeriodicExportingMetricReader,
  type IMetricReader,
  type MetricProducer,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { ENV } from '../config/env-vars.js';
import { LOG_PREFIX } from '../config/problems.js';
import type { OtlpSignalConfig, TelemetryConfig } from '../config/read-config.js';
import { otlpTimeoutMillis } from './otlp-timeout.js';

/** The readers for `OTEL_METRICS_EXPORTER`, plus the Prometheus endpoint's state if there is one. */
export interface MetricReaders {
  readonly readers: IMetricReader[];
  readonly prometheus: PrometheusEndpoint | undefined;
}

/** The Prometheus endpoint's port, cleared if it could not listen. */
export interface PrometheusEndpoint {
  port: number | undefined;
}

/**
 * Builds one reader per configured exporter. Every reader also collects `producers` (the
 * histogram bridge). The exporters read their own endpoint/header/timeout variables.
 */
export function createMetricReaders(config: TelemetryConfig, producers: MetricProducer[], warn: (line: string) => void = console.warn): MetricReaders {
  const readers: IMetricReader[] = [];
  let prometheus: PrometheusEndpoint | undefined;
  const periodic = (exporter: PushMetricExporter): IMetricReader =>
    new PeriodicExportingMetricReader({
      exporter,
      exportIntervalMillis: config.metricExportIntervalMillis,
      exportTimeoutMillis: config.metricExportTimeoutMillis,
      metricProducers: producers,
    });
  for (const name of config.metricExporters) {
    if (name === 'prometheus') {
      const endpoint: PrometheusEndpoint = { port: config.prometheusPort };
      prometheus = endpoint;
      // The exporter reports a failed listen through this callback (and diag); the server is
      // unref'd, so a taken port neither crashes the app nor keeps it alive.
      const onListen = (error?: unknown): void => {
        if (error === undefined || error === null) return;
        endpoint.port = undefined;
        const code = (error as { code?: unknown }).code;
        warn(
          `${LOG_PREFIX} Prometheus exporter could not listen on port ${config.prometheusPort}` +
            `${typeof code === 'string' ? ` (${code})` : ''}: metrics are not served. Set ${ENV.PROMETHEUS_PORT} to a free port.`,
        );
      };
      readers.push(new PrometheusExporter({ host: config.prometheusHost, port: config.prometheusPort, metricProducers: producers }, onListen));
    } else if (name === 'otlp') {
      readers.push(periodic(createOtlpMetricExporter(config.metricsOtlp, otlpTimeoutMillis('METRICS', process.env))));
    } else {
      readers.push(periodic(new ConsoleMetricExporter()));
    }
  }
  return { readers, prometheus };
}

function createOtlpMetricExporter(signal: OtlpSignalConfig, timeoutMillis: number | undefined): PushMetricExporter {
  const options = { ...(signal.urlOverride === undefined ? {} : { url: signal.urlOverride }), ...(timeoutMillis === undefined ? {} : { timeoutMillis }) };
  switch (signal.protocol) {
    case 'grpc':
      return new OtlpGrpcMetricExporter(options);
    case 'http/json':
      return new OtlpHttpJsonMetricExporter(options);
    case 'http/protobuf':
      return new OtlpProtoMetricExporter(options);
  }
}
