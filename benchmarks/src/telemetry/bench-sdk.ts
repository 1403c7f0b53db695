import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { SPAN_BATCH_DEFAULTS } from '@featurescope/otel';
import { BasicTracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { CountingMetricExporter, CountingSpanExporter } from './counting-exporters.js';

/** How often the metric reader collects during a run. Production default is 60 s; shorter is the harsher test. */
export const METRIC_EXPORT_INTERVAL_MS = 1000;

/** A real SDK (batching span processor, periodic metric reader) whose exporters only count. */
export interface BenchSdk {
  readonly tracerProvider: BasicTracerProvider;
  readonly meterProvider: MeterProvider;
  readonly spans: CountingSpanExporter;
  readonly metrics: CountingMetricExporter;
  /** Exports everything pending, then shuts both providers down. */
  finish(): Promise<void>;
}

/**
 * Builds a fresh SDK for one variant repetition, batching spans as `@featurescope/otel` does by default.
 * @param sampleRatio head-sampling ratio: below 1, `parentbased_traceidratio` (what OTEL_TRACES_SAMPLER sets). @default 1 (the SDK default, parentbased_always_on)
 */
export function createBenchSdk(sampleRatio = 1): BenchSdk {
  const spans = new CountingSpanExporter();
  const metrics = new CountingMetricExporter();
  const sampler = sampleRatio < 1 ? new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(sampleRatio) }) : undefined;
  const tracerProvider = new BasicTracerProvider({ sampler, spanProcessors: [new BatchSpanProcessor(spans, { ...SPAN_BATCH_DEFAULTS })] });
  const reader = new PeriodicExportingMetricReader({ exporter: metrics, exportIntervalMillis: METRIC_EXPORT_INTERVAL_MS });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracerProvider,
    meterProvider,
    spans,
    metrics,
    async finish() {
      await tracerProvider.forceFlush();
      await meterProvider.forceFlush();
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}
