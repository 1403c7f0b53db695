import { OTLPTraceExporter as OtlpGrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as OtlpHttpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { OtlpSignalConfig, TelemetryConfig } from '../config/read-config.js';
import { GuardedSpanExporter } from './guarded-span-exporter.js';
import { OTLP_TIMEOUT_DEFAULT_MILLIS, otlpTimeoutMillis } from './otlp-timeout.js';
import { QueueDropCounter } from './queue-drop-counter.js';
import type { SpanDrops } from './span-drops.js';

/**
 * featurescope's batching when `OTEL_BSP_SCHEDULE_DELAY` / `OTEL_BSP_MAX_EXPORT_BATCH_SIZE` are
 * unset: small batches sent often, so finished spans die young instead of being promoted to the
 * old generation while they wait (measured here: the SDK's 512 / 5 s default cost +6–15 µs CPU per
 * call under load, 64 / 50 ms about +5 µs; see shared PERF-NOTES).
 */
export const SPAN_BATCH_DEFAULTS = Object.freeze({ scheduledDelayMillis: 50, maxExportBatchSize: 64 });

function batchConfig(env: NodeJS.ProcessEnv): { scheduledDelayMillis?: number; maxExportBatchSize?: number } {
  const unset = (name: string): boolean => env[name] === undefined || env[name] === '';
  return {
    // undefined lets the SDK read the variable itself.
    scheduledDelayMillis: unset('OTEL_BSP_SCHEDULE_DELAY') ? SPAN_BATCH_DEFAULTS.scheduledDelayMillis : undefined,
    maxExportBatchSize: unset('OTEL_BSP_MAX_EXPORT_BATCH_SIZE') ? SPAN_BATCH_DEFAULTS.maxExportBatchSize : undefined,
  };
}

/**
 * One processor per `OTEL_TRACES_EXPORTER` entry. OTLP goes through a BatchSpanProcessor (the
 * `OTEL_BSP_*` variables apply; see {@link SPAN_BATCH_DEFAULTS}) and a {@link GuardedSpanExporter};
 * spans that are not delivered are counted in `drops`. Console exports each span as it ends.
 */
export function createSpanProcessors(config: TelemetryConfig, drops: SpanDrops, env: NodeJS.ProcessEnv = process.env): SpanProcessor[] {
  return config.traceExporters.map((name) => {
    if (name !== 'otlp') return new SimpleSpanProcessor(new ConsoleSpanExporter());
    const timeoutMillis = otlpTimeoutMillis('TRACES', env);
    const exporter = new GuardedSpanExporter(createOtlpTraceExporter(config.tracesOtlp, timeoutMillis), drops, timeoutMillis ?? OTLP_TIMEOUT_DEFAULT_MILLIS * 10);
    return new QueueDropCounter(new BatchSpanProcessor(exporter, batchConfig(env)), drops);
  });
}

function createOtlpTraceExporter(signal: OtlpSignalConfig, timeoutMillis: number | undefined): SpanExporter {
  const options = { ...(signal.urlOverride === undefined ? {} : { url: signal.urlOverride }), ...(timeoutMillis === undefined ? {} : { timeoutMillis }) };
  switch (signal.protocol) {
    case 'grpc':
      return new OtlpGrpcTraceExporter(options);
    case 'http/json':
      return new OtlpHttpJsonTraceExporter(options);
    case 'http/protobuf':
      return new OtlpProtoTraceExporter(options);
  }
}
