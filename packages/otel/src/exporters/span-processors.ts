import { OTLPTraceExporter as OtlpGrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as OtlpHttpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { OtlpSignalConfig, TelemetryConfig } from '../config/read-config.js';

/**
 * One processor per `OTEL_TRACES_EXPORTER` entry. OTLP goes through a BatchSpanProcessor, which
 * reads the `OTEL_BSP_*` variables itself; console exports each span as it ends.
 */
export function createSpanProcessors(config: TelemetryConfig): SpanProcessor[] {
  return config.traceExporters.map((name) =>
    name === 'otlp' ? new BatchSpanProcessor(createOtlpTraceExporter(config.tracesOtlp)) : new SimpleSpanProcessor(new ConsoleSpanExporter()),
  );
}

function createOtlpTraceExporter(signal: OtlpSignalConfig): SpanExporter {
  const options = signal.urlOverride === undefined ? {} : { url: signal.urlOverride };
  switch (signal.protocol) {
    case 'grpc':
      return new OtlpGrpcTraceExporter(options);
    case 'http/json':
      return new OtlpHttpJsonTraceExporter(options);
    case 'http/protobuf':
      return new OtlpProtoTraceExporter(options);
  }
}
